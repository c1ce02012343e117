//! The monthly deadline report's rows as stored: one query over the registers in scope, read as a
//! stream in register, receipt date and reference order (the service judges each row as it
//! arrives, so a report of any size is written in flat memory).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::QueryableByName;
use diesel::sql_types::{Array, Bool, Date, Nullable, Text, Timestamptz};
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use futures_util::{Stream, StreamExt};

use super::DbError;
use crate::domain::Jurisdiction;
use crate::domain::lifecycle::Status;
use crate::domain::{Reference, RequestChannel, RequestKind};

/// Every request received in the month, due in it, closed in it, or still open at its end (or
/// closed later), of the registers in scope; never a request that was not verified (no deadline
/// ever ran: LAW.md §1.4 policy 3). Pauses are read only for requests waiting for the requester.
const QUERY: &str = "\
SELECT r.reference, r.register_key, g.jurisdiction, r.kind, r.channel, r.received_on, r.deadline,
       r.extended_deadline, r.extended, r.effective_deadline, r.closed_at, r.status, r.outcome,
       s.name AS handler,
       CASE WHEN r.status = 'awaiting_requester' THEN
         ARRAY(SELECT p.asked_on FROM request_pauses p WHERE p.request_id = r.id ORDER BY p.id) END
         AS pause_asked,
       CASE WHEN r.status = 'awaiting_requester' THEN
         ARRAY(SELECT p.answered_on FROM request_pauses p WHERE p.request_id = r.id ORDER BY p.id) END
         AS pause_answered
FROM requests r
JOIN registers g ON g.key = r.register_key
LEFT JOIN staff_accounts s ON s.id = r.assignee_id
WHERE r.register_key = ANY($1)
  AND r.status NOT IN ('awaiting_verification', 'expired')
  AND r.deadline IS NOT NULL AND r.extended_deadline IS NOT NULL AND r.effective_deadline IS NOT NULL
  AND r.received_on <= $3
  AND (r.received_on >= $2
       OR r.effective_deadline BETWEEN $2 AND $3
       OR r.deadline BETWEEN $2 AND $3
       OR r.closed_at IS NULL
       OR r.closed_at >= ($2::timestamp AT TIME ZONE
            CASE g.jurisdiction WHEN 'ee' THEN 'Europe/Tallinn' ELSE 'Europe/Helsinki' END))
ORDER BY r.register_key, r.received_on, r.reference";

/// A request as the report reads it.
#[derive(QueryableByName)]
pub struct StoredRow {
    #[diesel(sql_type = Text)]
    pub reference: Reference,
    #[diesel(sql_type = Text)]
    pub register_key: String,
    #[diesel(sql_type = Text)]
    pub jurisdiction: Jurisdiction,
    #[diesel(sql_type = Text)]
    pub kind: RequestKind,
    #[diesel(sql_type = Text)]
    pub channel: RequestChannel,
    #[diesel(sql_type = Date)]
    pub received_on: NaiveDate,
    #[diesel(sql_type = Date)]
    pub deadline: NaiveDate,
    #[diesel(sql_type = Date)]
    pub extended_deadline: NaiveDate,
    #[diesel(sql_type = Bool)]
    pub extended: bool,
    #[diesel(sql_type = Date)]
    pub effective_deadline: NaiveDate,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub closed_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Text)]
    pub status: Status,
    #[diesel(sql_type = Nullable<Text>)]
    pub outcome: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub handler: Option<String>,
    #[diesel(sql_type = Nullable<Array<Date>>)]
    pub pause_asked: Option<Vec<NaiveDate>>,
    #[diesel(sql_type = Nullable<Array<Nullable<Date>>>)]
    pub pause_answered: Option<Vec<Option<NaiveDate>>>,
}

/// The stored rows of the registers in `registers` that belong in the report of the month from
/// `first` to `last`, as PostgreSQL sends them.
pub async fn rows<'c>(
    conn: &'c mut AsyncPgConnection,
    registers: &[String],
    first: NaiveDate,
    last: NaiveDate,
) -> Result<impl Stream<Item = Result<StoredRow, DbError>> + Send + 'c, DbError> {
    let stream = diesel::sql_query(QUERY)
        .bind::<Array<Text>, _>(registers.to_vec())
        .bind::<Date, _>(first)
        .bind::<Date, _>(last)
        .load_stream::<StoredRow>(conn)
        .await?;
    Ok(stream.map(|row| row.map_err(DbError::from)))
}
