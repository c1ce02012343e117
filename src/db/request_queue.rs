//! The staff queue's query: one page of requests sorted by effective deadline, read in index order
//! (one register as `=`, the keyset as a row comparison), and the open requests per state from the
//! trigger-kept counter table.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{open_request_counts, requests, staff_accounts};
use crate::domain::lifecycle::Status;
use crate::domain::{Email, Reference, RequestId, RequestKind, StaffId};

/// The states a request is worked in: what the queue shows unless asked for another state.
pub const OPEN: [Status; 3] = [Status::Received, Status::InProgress, Status::AwaitingRequester];

/// What a page holds.
#[derive(Debug, Clone, Default)]
pub struct QueueQuery {
    /// The registers read (already limited to what the reader may see).
    pub registers: Vec<String>,
    pub kind: Option<RequestKind>,
    /// `None` = the open states.
    pub status: Option<Status>,
    pub assignee: Option<StaffId>,
    /// Only requests past their deadline on this day: effective deadline before it, not paused.
    pub due_before: Option<NaiveDate>,
    /// Only requests whose effective deadline is on or before this day.
    pub due_by: Option<NaiveDate>,
    /// Part of a reference or of the requester's email address (case-insensitive).
    pub search: Option<String>,
    /// Keyset cursor: the (deadline, id) of the last row of the previous page.
    pub after: Option<(NaiveDate, RequestId)>,
    pub limit: i64,
}

/// One queue row.
#[derive(Debug, Clone, Queryable)]
pub struct QueueRow {
    pub id: RequestId,
    pub reference: Reference,
    pub register_key: String,
    pub kind: RequestKind,
    pub status: Status,
    pub received_on: NaiveDate,
    pub effective_deadline: Option<NaiveDate>,
    /// The assignee's name.
    pub assignee: Option<String>,
}

/// Requests in one state.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct StatusCount {
    pub status: Status,
    pub n: i64,
}

/// One page of the queue, sorted by effective deadline then id.
pub async fn page(conn: &mut AsyncPgConnection, q: &QueueQuery) -> Result<Vec<QueueRow>, DbError> {
    let mut query = requests::table
        .left_join(staff_accounts::table.on(requests::assignee_id.eq(staff_accounts::id.nullable())))
        .into_boxed();
    // One register as `=`, not `= ANY(array)`: only then does PostgreSQL read the queue index in
    // deadline order and stop after a page.
    query = match q.registers.as_slice() {
        [one] => query.filter(requests::register_key.eq(one.clone())),
        many => query.filter(requests::register_key.eq_any(many.to_vec())),
    };
    query = match q.status {
        Some(status) => query.filter(requests::status.eq(status)),
        None => query.filter(requests::status.eq_any(OPEN)),
    };
    if let Some(kind) = q.kind {
        query = query.filter(requests::kind.eq(kind));
    }
    if let Some(assignee) = q.assignee {
        query = query.filter(requests::assignee_id.eq(assignee));
    }
    if let Some(day) = q.due_before {
        // A request waiting for the requester is never overdue (its deadline moves every day of
        // the pause; policy 4).
        query = query
            .filter(requests::effective_deadline.lt(day))
            .filter(requests::status.ne(Status::AwaitingRequester));
    }
    if let Some(day) = q.due_by {
        query = query.filter(requests::effective_deadline.le(day));
    }
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        // A whole address or reference is that one (its B-tree index answers at once: a trigram
        // search for a long address reads the posting lists of every common trigram in it, e.g.
        // of "@example.fi", 50 ms at a million requests); anything else matches any part of the
        // reference or of the address, through the trigram indexes.
        if let Ok(reference) = Reference::parse(search) {
            query = query.filter(requests::reference.eq(reference.to_string()));
        } else if Email::parse(search).is_ok() {
            query = query.filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("lower(requests.requester_email) = ")
                    .bind::<diesel::sql_types::Text, _>(search.to_lowercase()),
            );
        } else {
            let pattern = format!("%{}%", like_escaped(&search.to_lowercase()));
            query = query.filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("(lower(requests.requester_email) LIKE ")
                    .bind::<diesel::sql_types::Text, _>(pattern.clone())
                    .sql(" OR requests.reference LIKE ")
                    .bind::<diesel::sql_types::Text, _>(pattern.to_uppercase())
                    .sql(")"),
            );
        }
    }
    if let Some((deadline, id)) = q.after {
        // A row comparison is an index bound; the equivalent OR would re-read the earlier rows.
        query = query.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("(requests.effective_deadline, requests.id) > (")
                .bind::<diesel::sql_types::Date, _>(deadline)
                .sql(", ")
                .bind::<diesel::sql_types::BigInt, _>(id)
                .sql(")"),
        );
    }
    Ok(query
        .select((
            requests::id,
            requests::reference,
            requests::register_key,
            requests::kind,
            requests::status,
            requests::received_on,
            requests::effective_deadline,
            staff_accounts::name.nullable(),
        ))
        .order((requests::effective_deadline.asc().nulls_last(), requests::id.asc()))
        .limit(q.limit)
        .load(conn)
        .await?)
}

/// Open requests per state in `registers`, in the lifecycle's order; states without any are left
/// out. Kept by triggers on `requests` (migration 000011): a few rows, however many are open.
pub async fn open_counts(
    conn: &mut AsyncPgConnection,
    registers: &[String],
) -> Result<Vec<StatusCount>, DbError> {
    let mut counts = open_request_counts::table
        .filter(open_request_counts::register_key.eq_any(registers))
        .filter(open_request_counts::n.ne(0))
        .group_by(open_request_counts::status)
        .select((
            open_request_counts::status,
            diesel::dsl::sql::<diesel::sql_types::BigInt>("sum(open_request_counts.n)::bigint"),
        ))
        .load::<StatusCount>(conn)
        .await?;
    counts.sort_by_key(|c| OPEN.iter().position(|open| *open == c.status));
    Ok(counts)
}

/// Open requests of one register by how their deadline stands.
#[derive(Debug, Clone, PartialEq, Eq, diesel::QueryableByName)]
pub struct DeadlineCounts {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub register_key: String,
    /// Due today or within the next `days` days.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub due_soon: i64,
    /// Past their deadline.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub overdue: i64,
}

/// Per register: open requests due from `today` to `today + days`, and those past their deadline.
pub async fn deadline_counts(
    conn: &mut AsyncPgConnection,
    today: NaiveDate,
    days: u32,
) -> Result<Vec<DeadlineCounts>, DbError> {
    Ok(diesel::sql_query(
        "SELECT register_key, \
                count(*) FILTER (WHERE effective_deadline BETWEEN $1 AND $1 + $2) AS due_soon, \
                count(*) FILTER (WHERE effective_deadline < $1 AND status <> 'awaiting_requester') AS overdue \
         FROM requests WHERE status IN ('received', 'in_progress', 'awaiting_requester') \
         GROUP BY register_key ORDER BY register_key",
    )
    .bind::<diesel::sql_types::Date, _>(today)
    .bind::<diesel::sql_types::Integer, _>(i32::try_from(days).unwrap_or(i32::MAX))
    .load(conn)
    .await?)
}

/// `text` with the `LIKE` wildcards and the escape character taken literally.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
