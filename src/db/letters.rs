//! The `letters` table: what would have been emailed to a requester without email, kept as the
//! same message payload the outbox keeps, until staff print it and record it as posted.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::letters;
use crate::domain::{Language, LetterId, RequestId, StaffId};

/// A letter as written.
#[derive(Insertable)]
#[diesel(table_name = letters)]
pub struct NewLetter<'a> {
    pub request_id: RequestId,
    pub template: &'a str,
    pub language: Language,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// A stored letter (its payload names the requester: never log it).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letters)]
pub struct Letter {
    pub id: LetterId,
    pub request_id: RequestId,
    pub template: String,
    pub language: Language,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub posted_on: Option<NaiveDate>,
    pub posted_by: Option<StaffId>,
}

/// Writes a letter with the connection of the caller's transaction; returns its id.
pub async fn insert(conn: &mut AsyncPgConnection, letter: &NewLetter<'_>) -> Result<LetterId, DbError> {
    Ok(diesel::insert_into(letters::table).values(letter).returning(letters::id).get_result(conn).await?)
}

/// The letters of a request, oldest first.
pub async fn of_request(conn: &mut AsyncPgConnection, request_id: RequestId) -> Result<Vec<Letter>, DbError> {
    Ok(letters::table
        .filter(letters::request_id.eq(request_id))
        .order(letters::id)
        .select(Letter::as_select())
        .load(conn)
        .await?)
}

/// One letter of a request (`None` for another request's letter or none at all).
pub async fn find(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    id: LetterId,
) -> Result<Option<Letter>, DbError> {
    Ok(letters::table
        .filter(letters::request_id.eq(request_id).and(letters::id.eq(id)))
        .select(Letter::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// Records a letter as posted on `on` by `by`, unless it was already; returns whether it changed.
pub async fn mark_posted(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    id: LetterId,
    on: NaiveDate,
    by: StaffId,
) -> Result<bool, DbError> {
    let changed = diesel::update(letters::table.filter(
        letters::request_id.eq(request_id).and(letters::id.eq(id)).and(letters::posted_on.is_null()),
    ))
    .set((letters::posted_on.eq(on), letters::posted_by.eq(by)))
    .execute(conn)
    .await?;
    Ok(changed == 1)
}
