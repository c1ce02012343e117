//! Telling handlers what the requester or a colleague did on a request, so that nobody has to
//! poll the queue: the requester answered the question or withdrew (to the assignee, or to the
//! contact person while nobody is assigned), or a colleague assigned the request to them.

use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncPgConnection;

use super::{Context, contacts};
use crate::db::{self, DbError, requests::RequestRow};
use crate::domain::{Email as Address, Register, StaffId};
use crate::email::{Email, StaffNotice, StaffNoticeEvent};
use crate::outbox::{Outgoing, enqueue};

/// Who is told: the assignee named, else the request's assignee, else the contact person.
#[derive(Debug, Clone, Copy)]
pub(crate) enum To {
    /// The request's assignee if it has an active one, else the register's contact person.
    Handler,
    /// This staff member only (an assignment).
    Staff(StaffId),
}

/// Queues the notice of `event` on `row` (inside the caller's transaction, so that it goes out
/// only if the event is recorded).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn notify(
    conn: &mut AsyncPgConnection,
    ctx: &Context,
    register: &Register,
    row: &RequestRow,
    event: StaffNoticeEvent,
    to: To,
    by: Option<String>,
    deadline: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let staff = match to {
        To::Staff(id) => Some(id),
        To::Handler => row.assignee_id,
    };
    let mut recipients = Vec::new();
    if let Some(id) = staff
        && let Some(email) = db::assignees::active_email(conn, id).await?
    {
        recipients.extend(Address::parse(&email).ok());
    }
    if recipients.is_empty() && matches!(to, To::Handler) {
        recipients = contacts::contact_recipients(conn, register).await?;
    }
    let language = register.default_language();
    let notice = StaffNotice {
        sender: ctx.sender(register, language),
        reference: row.reference.to_string(),
        kind: row.kind,
        event,
        by,
        deadline,
        staff_link: ctx.link(&format!("/staff/requests/{}", row.reference)),
    };
    for to in &recipients {
        enqueue(
            conn,
            &ctx.from,
            Outgoing {
                request_id: Some(row.id),
                register_key: Some(&register.key),
                to,
                reply_to: None,
                language,
                email: Email::StaffNotice(notice.clone()),
            },
            now,
        )
        .await?;
    }
    Ok(())
}
