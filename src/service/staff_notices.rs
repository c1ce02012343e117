//! Telling handlers what the requester or a colleague did on a request, so that nobody has to
//! poll the queue: the requester answered the question or withdrew (to whoever handles the
//! request), or a colleague assigned the request to them. Each reads it in their own language.

use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncPgConnection;

use super::{Context, contacts};
use crate::db::{DbError, requests::RequestRow};
use crate::domain::{Register, StaffId};
use crate::email::{Email, StaffNotice, StaffNoticeEvent};
use crate::outbox::{Outgoing, enqueue};

/// Who is told.
#[derive(Debug, Clone, Copy)]
pub(crate) enum To {
    /// Whoever handles the request: its assignee, else the register's handlers, else the contact
    /// person (as for deadline reminders).
    Handler,
    /// This staff member only (an assignment).
    Staff(StaffId),
}

/// What happened, to whom it is told, who did it and the deadline it leaves.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    pub event: StaffNoticeEvent,
    pub to: To,
    /// The colleague who acted (an assignment), by name.
    pub by: Option<String>,
    pub deadline: Option<NaiveDate>,
}

/// Queues `notice` on `row` (inside the caller's transaction, so that it goes out only if the
/// event is recorded).
pub(crate) async fn notify(
    conn: &mut AsyncPgConnection,
    ctx: &Context,
    register: &Register,
    row: &RequestRow,
    notice: Notice,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let Notice { event, to, by, deadline } = notice;
    let recipients = match to {
        To::Handler => contacts::handling_recipients(conn, register, row.assignee_id).await?,
        To::Staff(id) => contacts::staff_recipient(conn, register, id).await?,
    };
    for recipient in &recipients {
        let notice = StaffNotice {
            sender: ctx.sender(register, recipient.language),
            reference: row.reference.to_string(),
            kind: row.kind,
            event,
            by: by.clone(),
            deadline,
            staff_link: ctx.link(&format!("/staff/requests/{}", row.reference)),
        };
        enqueue(
            conn,
            &ctx.from,
            Outgoing {
                request_id: Some(row.id),
                register_key: Some(&register.key),
                to: &recipient.to,
                reply_to: None,
                language: recipient.language,
                email: Email::StaffNotice(notice),
            },
            now,
        )
        .await?;
    }
    Ok(())
}
