//! Requests received by letter, phone, visit or email, entered by staff: the deadline runs from
//! the actual date of receipt (not from data entry), and the identity is recorded as verified by
//! the staff member who entered it. The requester gets the receipt with the status link.

use chrono::NaiveDate;
use diesel_async::AsyncConnection;

use super::Context;
use super::auth::StaffUser;
use super::intake::{self, Channel, Confirmation};
use super::queue::ActionError;
use crate::db::{self, requests};
use crate::domain::deadline;
use crate::domain::event::Actor;
use crate::domain::request::ValidRequest;
use crate::domain::{EntryChannel, Msg, Reference};

/// How far back a date of receipt may lie (older paper is entered with a note, not a deadline).
pub const MAX_AGE_DAYS: i64 = 366;

/// Enters a request of `register` received on `received_on` through `channel`; returns its
/// reference.
pub async fn enter(
    ctx: &Context,
    user: &StaffUser,
    register: &str,
    request: &ValidRequest,
    channel: EntryChannel,
    received_on: NaiveDate,
) -> Result<Reference, ActionError> {
    let register = match ctx.register(register) {
        Some(r) if user.sees(&r.key) => r,
        _ => return Err(ActionError::invalid("register", Msg::new("problem-register"))),
    };
    let now = ctx.clock.now();
    let today = deadline::receipt_date(register.jurisdiction, now);
    if received_on > today {
        return Err(ActionError::invalid("received_on", Msg::new("problem-received-in-future")));
    }
    if (today - received_on).num_days() > MAX_AGE_DAYS {
        return Err(ActionError::invalid(
            "received_on",
            Msg::new("problem-received-too-old").text("days", MAX_AGE_DAYS),
        ));
    }
    let actor = Actor::Staff(user.id);
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, ActionError, _>(async |conn| {
        let (id, reference) =
            intake::insert_request(conn, register, request, Channel::from(channel), &actor, received_on, now)
                .await?;
        requests::set_entered_by(conn, id, user.id).await?;
        let row = requests::lock_by_id(conn, id).await?.ok_or(ActionError::NotFound)?;
        intake::confirm(
            ctx,
            conn,
            &row,
            register,
            Confirmation { method: "staff", actor: &actor, pause: None, notify_contact: false, now },
        )
        .await?;
        tracing::info!(reference = %reference, register = %register.key, channel = %channel, "request entered by staff");
        Ok(reference)
    })
    .await
}
