//! Retention (DESIGN.md "Security"): once a closed request's retention period has run out, its
//! personal data is removed everywhere it was written (names, addresses, phone numbers, free text,
//! questions and answers, notes, files, email recipients), while the reference, dates, kind, state
//! and outcome stay, so that past monthly reports still add up. Used and expired one-time codes
//! are deleted as soon as they are of no use, as are idempotency keys and rate-limit windows. A
//! request never verified expires after a week, its personal data deleted.

use chrono::{DateTime, Duration, Utc};
use diesel_async::AsyncPgConnection;
use serde_json::json;

use super::Context;
use super::intake::UNVERIFIED_TTL_DAYS;
use crate::db::{self, DbError, requests, verifications};
use crate::domain::event::Actor;
use crate::domain::lifecycle::{Action, Status};
use crate::domain::{EventKind, Reference, RequestId};

/// Requests anonymised per register and run (the job runs daily; a backlog clears over days).
const BATCH: i64 = 1000;

/// Anonymises the closed requests past their register's retention period; returns how many.
pub async fn apply(ctx: &Context, conn: &mut AsyncPgConnection) -> Result<usize, DbError> {
    let now = ctx.clock.now();
    let mut done = 0;
    for register in ctx.all_registers() {
        let cutoff = now - Duration::days(i64::from(register.closed_request_retention_days));
        for r in db::requests::lock_closed_before(conn, &register.key, cutoff, BATCH).await? {
            anonymise(conn, r.id, &r.reference, now).await?;
            done += 1;
        }
    }
    db::retention::purge_expired_codes(conn, now).await?;
    // Idempotency keys answer replays for a day; rate-limit windows count an hour or a quarter.
    db::idempotency::purge(conn, now - Duration::hours(super::intake::IDEMPOTENCY_TTL_HOURS)).await?;
    db::rate_limits::purge(conn, now - Duration::days(1)).await?;
    db::second_factor::purge_expired_challenges(conn, now).await?;
    Ok(done)
}

/// Removes the personal data of one request (called with the request locked).
pub async fn anonymise(
    conn: &mut AsyncPgConnection,
    id: RequestId,
    reference: &Reference,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let lifted = db::retention::erase_request(conn, id, now).await?;
    db::events::append(
        conn,
        id,
        reference.as_str(),
        &Actor::System,
        EventKind::Anonymised,
        json!({ "lifted_entries_removed": lifted }),
        now,
    )
    .await?;
    tracing::info!(%reference, "request anonymised after its retention period");
    Ok(())
}

/// Expires requests left unverified for [`UNVERIFIED_TTL_DAYS`] and deletes their personal data
/// (request fields, verification rows, queued emails); returns how many.
pub async fn expire_unverified(ctx: &Context, conn: &mut AsyncPgConnection) -> Result<usize, DbError> {
    let now = ctx.clock.now();
    let cutoff = now - Duration::days(UNVERIFIED_TTL_DAYS);
    let expired = requests::lock_unverified_before(conn, cutoff, 500).await?;
    for request in &expired {
        let next = Status::AwaitingVerification.apply(Action::Expire).map_err(DbError::corrupt)?;
        requests::set_status(conn, request.id, next, Some(now), now).await?;
        requests::erase_personal_data(conn, request.id, now).await?;
        verifications::delete_for(conn, request.id).await?;
        db::identification::erase(conn, request.id).await?;
        db::outbox::delete_for_request(conn, request.id).await?;
        db::events::append(
            conn,
            request.id,
            request.reference.as_str(),
            &Actor::System,
            EventKind::Expired,
            json!({ "personal_data": "deleted" }),
            now,
        )
        .await?;
    }
    Ok(expired.len())
}
