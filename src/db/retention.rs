//! Erasing personal data: of one request everywhere it was written (when its retention period ends
//! or it expires unverified), and one-time codes once they are of no use.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde_json::json;

use super::DbError;
use super::schema::{
    answer_attachments, download_codes, outbox_messages, request_answers, request_notes, request_pauses,
    request_verifications, suppressions,
};
use crate::domain::RequestId;

/// Removes the personal data of one request (names, addresses, free text, questions and answers,
/// notes, files, email recipients) and keeps reference, dates, kind, state and outcome. Returns how
/// many lifted suppression entries were deleted. Call with the request locked.
pub async fn erase_request(
    conn: &mut AsyncPgConnection,
    id: RequestId,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    super::requests::erase_personal_data(conn, id, now).await?;
    // What the data sources gave, and their messages (which may quote a value).
    diesel::delete(super::schema::collections::table.filter(super::schema::collections::request_id.eq(id)))
        .execute(conn)
        .await?;
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
    super::identification::erase(conn, id).await?;
    // An objection still standing keeps its entries: they are the proof it is honoured.
    let lifted = diesel::delete(
        suppressions::table
            .filter(suppressions::request_id.eq(id))
            .filter(suppressions::lifted_at.is_not_null()),
    )
    .execute(conn)
    .await?;
    Ok(lifted)
}

/// Deletes one-time codes past their validity, used or not.
pub async fn purge_expired_codes(conn: &mut AsyncPgConnection, now: DateTime<Utc>) -> Result<(), DbError> {
    diesel::delete(request_verifications::table.filter(request_verifications::expires_at.lt(now)))
        .execute(conn)
        .await?;
    diesel::delete(download_codes::table.filter(download_codes::expires_at.lt(now))).execute(conn).await?;
    Ok(())
}
