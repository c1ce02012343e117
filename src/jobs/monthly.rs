//! The monthly deadline report by email (DESIGN.md "Monthly deadline report"): each register's
//! contact person (or, when they have no email address, its handlers) gets the previous month's
//! report, the summary in the body and the rows as a CSV attachment, in the register's first
//! language. The job runs daily, so a day missed by an outage
//! is caught up; a row in `monthly_reports_sent` per register and month, written in the same
//! transaction as the email, makes it go out once whatever the number of workers and reruns.

use diesel_async::AsyncPgConnection;

use super::JobContext;
use crate::db::registers;
use crate::domain::deadline;
use crate::domain::report::Month;
use crate::email::{self, Email};
use crate::outbox::{Outgoing, enqueue};
use crate::service::audit;
use crate::service::contacts::contact_recipients;
use crate::service::report::{self, Scope};

/// Job kind (and schedule name).
pub const MONTHLY_REPORTS: &str = "monthly_reports";

/// Queues the previous month's report of every register not yet sent; returns how many.
pub async fn send_due(conn: &mut AsyncPgConnection, ctx: &JobContext) -> anyhow::Result<usize> {
    let now = ctx.clock.now();
    let mut sent = 0;
    for register in ctx.registers.iter() {
        let month = Month::containing(deadline::receipt_date(register.jurisdiction, now)).previous();
        if !registers::claim_monthly_report(conn, &register.key, month.first_day(), now).await? {
            continue;
        }
        let scope =
            Scope { month, register: Some(register.key.clone()), registers: vec![register.key.clone()] };
        let (csv, summary) = report::csv_with_summary(conn, &scope, now).await?;
        let Some(group) = summary.registers.into_iter().next() else { continue };
        let mail = email::MonthlyReport {
            sender: ctx.service.sender(register, register.default_language()),
            register_key: register.key.clone(),
            month: month.to_string(),
            summary: group,
            report_link: ctx
                .service
                .link(&format!("/staff/reports/deadlines?month={month}&register={}", register.key)),
            csv,
            chains: Some(audit::chain_heads(conn, &register.key).await?),
        };
        for recipient in contact_recipients(conn, register).await? {
            let mail = email::MonthlyReport {
                sender: ctx.service.sender(register, recipient.language),
                ..mail.clone()
            };
            enqueue(
                conn,
                &ctx.service.from,
                Outgoing {
                    request_id: None,
                    register_key: Some(&register.key),
                    to: &recipient.to,
                    reply_to: None,
                    language: recipient.language,
                    email: Email::MonthlyReport(mail),
                },
                now,
            )
            .await?;
        }
        sent += 1;
    }
    Ok(sent)
}
