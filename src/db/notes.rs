//! Internal notes of handlers on a request (never shown to the requester).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{request_notes, staff_accounts};

pub async fn add(
    conn: &mut AsyncPgConnection,
    request_id: i64,
    staff_id: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::insert_into(request_notes::table)
        .values((
            request_notes::request_id.eq(request_id),
            request_notes::staff_id.eq(staff_id),
            request_notes::body.eq(body),
            request_notes::created_at.eq(now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The notes of a request, oldest first: (written at, author's name, text).
pub async fn of_request(
    conn: &mut AsyncPgConnection,
    request_id: i64,
) -> Result<Vec<(DateTime<Utc>, String, String)>, DbError> {
    Ok(request_notes::table
        .inner_join(staff_accounts::table)
        .filter(request_notes::request_id.eq(request_id))
        .select((request_notes::created_at, staff_accounts::name, request_notes::body))
        .order(request_notes::id)
        .load(conn)
        .await?)
}
