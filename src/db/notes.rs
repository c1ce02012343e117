//! Internal notes of handlers on a request (never shown to the requester).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{request_notes, staff_accounts};
use crate::domain::{RequestId, StaffId};

/// A note as shown on the request page.
#[derive(Debug, Clone, Queryable)]
pub struct Note {
    pub created_at: DateTime<Utc>,
    /// The author's name.
    pub author: String,
    pub body: String,
}

pub async fn add(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    staff_id: StaffId,
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

/// The notes of a request, oldest first.
pub async fn of_request(conn: &mut AsyncPgConnection, request_id: RequestId) -> Result<Vec<Note>, DbError> {
    Ok(request_notes::table
        .inner_join(staff_accounts::table)
        .filter(request_notes::request_id.eq(request_id))
        .select((request_notes::created_at, staff_accounts::name, request_notes::body))
        .order(request_notes::id)
        .load(conn)
        .await?)
}
