//! Retention (DESIGN.md "Security"): once a closed request's retention period has run out, its
//! personal data is removed everywhere it was written (names, addresses, phone numbers, free text,
//! questions and answers, notes, files, email recipients), while the reference, dates, kind, state
//! and outcome stay, so that past monthly reports still add up. Used and expired one-time codes
//! are deleted as soon as they are of no use.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::json;

use super::Context;
use crate::db::schema::{
    answer_attachments, download_codes, outbox_messages, request_answers, request_notes, request_pauses,
    request_verifications, suppressions,
};
use crate::db::{self, DbError};
use crate::domain::event::Actor;

/// Requests anonymised per register and run (the job runs daily; a backlog clears over days).
const BATCH: i64 = 1000;

/// Anonymises the closed requests past their register's retention period; returns how many.
pub async fn apply(ctx: &Context, conn: &mut AsyncPgConnection) -> Result<usize, DbError> {
    let now = ctx.clock.now();
    let mut done = 0;
    for register in ctx.registers.iter() {
        let cutoff = now - Duration::days(i64::from(register.closed_request_retention_days));
        for (id, reference) in db::requests::lock_closed_before(conn, &register.key, cutoff, BATCH).await? {
            anonymise(conn, id, &reference, now).await?;
            done += 1;
        }
    }
    purge_codes(conn, now).await?;
    Ok(done)
}

/// Removes the personal data of one request (called with the request locked).
pub async fn anonymise(
    conn: &mut AsyncPgConnection,
    id: i64,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db::requests::erase_personal_data(conn, id, now).await?;
    diesel::update(request_pauses::table.filter(request_pauses::request_id.eq(id)))
        .set((request_pauses::question.eq(None::<String>), request_pauses::answer.eq(None::<String>)))
        .execute(conn)
        .await?;
    diesel::update(request_notes::table.filter(request_notes::request_id.eq(id)))
        .set(request_notes::body.eq("(removed when the request was anonymised)"))
        .execute(conn)
        .await?;
    diesel::update(request_answers::table.filter(request_answers::request_id.eq(id)))
        .set((
            request_answers::message.eq(None::<String>),
            request_answers::details.eq(json!({})),
            request_answers::download_token_hash.eq(None::<Vec<u8>>),
        ))
        .execute(conn)
        .await?;
    diesel::update(answer_attachments::table.filter(answer_attachments::request_id.eq(id)))
        .set((answer_attachments::content.eq(None::<Vec<u8>>), answer_attachments::file_name.eq("(removed)")))
        .execute(conn)
        .await?;
    diesel::update(outbox_messages::table.filter(outbox_messages::request_id.eq(id)))
        .set((
            outbox_messages::recipient.eq("anonymised@invalid"),
            outbox_messages::payload.eq(json!({})),
            outbox_messages::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .await?;
    diesel::delete(request_verifications::table.filter(request_verifications::request_id.eq(id)))
        .execute(conn)
        .await?;
    diesel::delete(download_codes::table.filter(download_codes::request_id.eq(id))).execute(conn).await?;
    // An objection still standing keeps its entries: they are the proof it is honoured.
    let lifted = diesel::delete(
        suppressions::table
            .filter(suppressions::request_id.eq(id))
            .filter(suppressions::lifted_at.is_not_null()),
    )
    .execute(conn)
    .await?;
    db::events::append(
        conn,
        id,
        reference,
        &Actor::System,
        "anonymised",
        json!({ "lifted_entries_removed": lifted }),
        now,
    )
    .await?;
    tracing::info!(reference, "request anonymised after its retention period");
    Ok(())
}

/// One-time codes past their validity, used or not, are of no further use.
async fn purge_codes(conn: &mut AsyncPgConnection, now: DateTime<Utc>) -> Result<(), DbError> {
    diesel::delete(request_verifications::table.filter(request_verifications::expires_at.lt(now)))
        .execute(conn)
        .await?;
    diesel::delete(download_codes::table.filter(download_codes::expires_at.lt(now))).execute(conn).await?;
    Ok(())
}
