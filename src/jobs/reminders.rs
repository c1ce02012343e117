//! Deadline reminders (DESIGN.md "Emails"): to the assignee, or to every handler of the register
//! when nobody is assigned (to the contact person, or the administrators, when it has none), 7 and 2 working days before the effective deadline and every day once
//! it has passed. Runs hourly on any instance; a row in `reminders_sent` per request, kind and day
//! (written in the same transaction as the emails) makes each reminder go out once.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use diesel_async::AsyncPgConnection;
use serde_json::json;

use super::JobContext;
use crate::db::requests::ReminderCandidate;
use crate::db::{self, answers};
use crate::domain::deadline::{self, Reminder};
use crate::domain::event::Actor;
use crate::domain::{EventKind, Reference, Register, RequestId, StaffId};
use crate::email::{self, Email};
use crate::outbox::{Outgoing, enqueue};
use crate::service::contacts::handling_recipients;

/// Job kind (and schedule name).
pub const DEADLINE_REMINDERS: &str = "deadline_reminders";

/// Requests that run (not paused, not closed) and are due within the look-ahead: 7 working days
/// are at most 15 calendar days even over Christmas and Easter.
const LOOK_AHEAD_DAYS: u64 = 16;

/// Sends the reminders due today; returns for how many requests.
pub async fn send_due(conn: &mut AsyncPgConnection, ctx: &JobContext) -> anyhow::Result<usize> {
    let now = ctx.clock.now();
    let horizon = now.date_naive() + Days::new(LOOK_AHEAD_DAYS);
    // Registers by their local date: a request already reminded on its register's date is left
    // out in the query, so the hourly runs after the first one of a day read nothing for it (an
    // overdue request would otherwise be tried, and refused by `reminders_sent`, 24 times a day).
    let mut by_date: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    for register in ctx.service.all_registers() {
        by_date
            .entry(deadline::receipt_date(register.jurisdiction, now))
            .or_default()
            .push(register.key.clone());
    }
    let mut candidates: Vec<ReminderCandidate> = Vec::new();
    for (today, keys) in by_date {
        candidates.extend(db::requests::reminder_candidates(conn, &keys, today, horizon).await?);
    }
    let mut sent = 0;
    for ReminderCandidate { id, reference, register_key, kind, effective_deadline, assignee_id } in candidates
    {
        let (Some(register), Some(due)) = (ctx.service.any_register(&register_key), effective_deadline)
        else {
            continue;
        };
        let today = deadline::receipt_date(register.jurisdiction, now);
        let Some(reminder) = deadline::reminder_due(register.jurisdiction, due, today) else { continue };
        if !answers::claim_reminder(conn, id, reminder.as_str(), today, now).await? {
            continue;
        }
        let mail = email::Reminder {
            sender: ctx.service.sender(register, register.default_language()),
            reference: reference.to_string(),
            kind,
            deadline: due,
            working_days_left: match reminder {
                Reminder::WorkingDaysLeft(n) => Some(n),
                Reminder::Overdue => None,
            },
            days_overdue: (today - due).num_days().max(0),
            unanswered_since: None,
            staff_link: ctx.service.link(&format!("/staff/requests/{reference}")),
        };
        notify(conn, ctx, register, id, &reference, assignee_id, mail, reminder.as_str()).await?;
        sent += 1;
    }
    sent += remind_unanswered(conn, ctx).await?;
    Ok(sent)
}

/// Reminder kind of a question left unanswered.
const UNANSWERED: &str = "unanswered_question";

/// Reminds the handler, once per question, of a question unanswered for
/// `answers.unanswered_question_days`: the request waits (its deadline paused) until someone
/// closes or refuses it. Returns for how many requests.
async fn remind_unanswered(conn: &mut AsyncPgConnection, ctx: &JobContext) -> anyhow::Result<usize> {
    let now = ctx.clock.now();
    let wait = Days::new(u64::from(ctx.service.settings.answers.unanswered_question_days));
    let mut sent = 0;
    for register in ctx.service.all_registers() {
        let today = deadline::receipt_date(register.jurisdiction, now);
        let Some(asked_by) = today.checked_sub_days(wait) else { continue };
        let keys = [register.key.clone()];
        for candidate in db::requests::unanswered_candidates(conn, &keys, asked_by, UNANSWERED).await? {
            let ReminderCandidate { id, reference, kind, effective_deadline, assignee_id, .. } =
                candidate.request;
            if !answers::claim_reminder(conn, id, UNANSWERED, today, now).await? {
                continue;
            }
            let mail = email::Reminder {
                sender: ctx.service.sender(register, register.default_language()),
                reference: reference.to_string(),
                kind,
                deadline: effective_deadline.unwrap_or(today),
                working_days_left: None,
                days_overdue: 0,
                unanswered_since: Some(candidate.asked_on),
                staff_link: ctx.service.link(&format!("/staff/requests/{reference}")),
            };
            notify(conn, ctx, register, id, &reference, assignee_id, mail, UNANSWERED).await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// Emails `mail` to the assignee, else to every handler of the register, else to its contact
/// person, each in their language, and records the reminder in the request's events.
#[expect(clippy::too_many_arguments, reason = "one reminder's parts, each used once")]
async fn notify(
    conn: &mut AsyncPgConnection,
    ctx: &JobContext,
    register: &Register,
    id: RequestId,
    reference: &Reference,
    assignee_id: Option<StaffId>,
    mail: email::Reminder,
    kind: &str,
) -> anyhow::Result<()> {
    let now = ctx.clock.now();
    let to = handling_recipients(conn, register, assignee_id).await?;
    for recipient in &to {
        let mail =
            email::Reminder { sender: ctx.service.sender(register, recipient.language), ..mail.clone() };
        enqueue(
            conn,
            &ctx.service.from,
            Outgoing {
                request_id: Some(id),
                register_key: Some(&register.key),
                to: &recipient.to,
                reply_to: None,
                language: recipient.language,
                email: Email::Reminder(mail),
            },
            now,
        )
        .await?;
    }
    db::events::append(
        conn,
        id,
        reference.as_str(),
        &Actor::System,
        EventKind::ReminderSent,
        json!({ "kind": kind, "recipients": to.len() }),
        now,
    )
    .await?;
    Ok(())
}

/// Job kind (and schedule name) of the daily deletion of expired download files.
pub const PURGE_DOWNLOADS: &str = "purge_downloads";

/// Job kind (and schedule name) of the daily anonymisation of expired closed requests.
pub const APPLY_RETENTION: &str = "apply_retention";
