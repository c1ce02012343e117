//! The `requests` and `request_pauses` tables.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{request_pauses, requests};
use crate::domain::deadline::{Deadlines, Pause};

#[derive(Insertable)]
#[diesel(table_name = requests)]
pub struct NewRequest<'a> {
    pub reference: &'a str,
    pub register_key: &'a str,
    pub kind: &'a str,
    pub channel: &'a str,
    pub language: &'a str,
    pub status: &'a str,
    pub requester_name: Option<&'a str>,
    pub requester_email: Option<&'a str>,
    pub requester_phone: Option<&'a str>,
    pub customer_number: Option<&'a str>,
    pub details: serde_json::Value,
    pub submitted_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A request row (personal data included; never log it whole).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct RequestRow {
    pub id: i64,
    pub reference: String,
    pub register_key: String,
    pub kind: String,
    pub channel: String,
    pub language: String,
    pub status: String,
    pub requester_name: Option<String>,
    pub requester_email: Option<String>,
    pub requester_phone: Option<String>,
    pub customer_number: Option<String>,
    pub details: serde_json::Value,
    pub submitted_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub verified_at: Option<DateTime<Utc>>,
    pub deadline: Option<NaiveDate>,
    pub extended_deadline: Option<NaiveDate>,
    pub extended: bool,
    pub effective_deadline: Option<NaiveDate>,
    pub assignee_id: Option<i64>,
    pub closed_at: Option<DateTime<Utc>>,
    pub identity_method: Option<String>,
}

/// The request with `reference`, locked for update (call inside a transaction).
pub async fn lock_by_reference(
    conn: &mut AsyncPgConnection,
    reference: &str,
) -> Result<Option<RequestRow>, DbError> {
    Ok(requests::table
        .filter(requests::reference.eq(reference))
        .select(RequestRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?)
}

/// The request with `reference`, without locking it (for reading).
pub async fn find_by_reference(
    conn: &mut AsyncPgConnection,
    reference: &str,
) -> Result<Option<RequestRow>, DbError> {
    Ok(requests::table
        .filter(requests::reference.eq(reference))
        .select(RequestRow::as_select())
        .first(conn)
        .await
        .optional()?)
}

pub async fn lock_by_id(conn: &mut AsyncPgConnection, id: i64) -> Result<Option<RequestRow>, DbError> {
    Ok(requests::table.find(id).select(RequestRow::as_select()).for_update().first(conn).await.optional()?)
}

pub async fn find_by_status_token(
    conn: &mut AsyncPgConnection,
    hash: &[u8],
) -> Result<Option<RequestRow>, DbError> {
    Ok(requests::table
        .filter(requests::status_token_hash.eq(hash))
        .select(RequestRow::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// Marks a request verified: state `received`, its deadlines and its status-link hash.
pub struct Verified<'a> {
    pub verified_at: DateTime<Utc>,
    pub deadline: NaiveDate,
    pub extended_deadline: NaiveDate,
    pub status_token_hash: &'a [u8],
}

pub async fn mark_verified(conn: &mut AsyncPgConnection, id: i64, v: Verified<'_>) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((
            requests::status.eq("received"),
            requests::verified_at.eq(v.verified_at),
            requests::deadline.eq(v.deadline),
            requests::extended_deadline.eq(v.extended_deadline),
            requests::effective_deadline.eq(v.deadline),
            requests::status_token_hash.eq(v.status_token_hash),
            requests::updated_at.eq(v.verified_at),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets a new state; `closed_at` when it closes the request.
pub async fn set_status(
    conn: &mut AsyncPgConnection,
    id: i64,
    status: &str,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((requests::status.eq(status), requests::closed_at.eq(closed_at), requests::updated_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes the personal data of a request (names, contact details, free text); keeps reference,
/// dates, kind and outcome.
pub async fn erase_personal_data(
    conn: &mut AsyncPgConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((
            requests::requester_name.eq(None::<String>),
            requests::requester_email.eq(None::<String>),
            requests::requester_phone.eq(None::<String>),
            requests::customer_number.eq(None::<String>),
            requests::details.eq(serde_json::json!({})),
            requests::status_token_hash.eq(None::<Vec<u8>>),
            requests::anonymised_at.eq(now),
            requests::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Ids of requests still awaiting verification that were submitted before `cutoff`, locked and
/// skipping rows another worker holds.
pub async fn lock_unverified_before(
    conn: &mut AsyncPgConnection,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(i64, String)>, DbError> {
    Ok(requests::table
        .filter(requests::status.eq("awaiting_verification"))
        .filter(requests::submitted_at.lt(cutoff))
        .select((requests::id, requests::reference))
        .order(requests::id)
        .limit(limit)
        .for_update()
        .skip_locked()
        .load(conn)
        .await?)
}

/// Locks up to `limit` closed, not yet anonymised requests of `register` closed before `cutoff`,
/// oldest first, skipping rows another worker holds.
pub async fn lock_closed_before(
    conn: &mut AsyncPgConnection,
    register: &str,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(i64, String)>, DbError> {
    Ok(requests::table
        .filter(requests::register_key.eq(register))
        .filter(requests::anonymised_at.is_null())
        .filter(requests::closed_at.lt(cutoff))
        .select((requests::id, requests::reference))
        .order(requests::id)
        .limit(limit)
        .for_update()
        .skip_locked()
        .load(conn)
        .await?)
}

pub async fn add_pause(
    conn: &mut AsyncPgConnection,
    request_id: i64,
    reason: &str,
    asked_on: NaiveDate,
    answered_on: Option<NaiveDate>,
) -> Result<(), DbError> {
    add_question(conn, request_id, reason, asked_on, answered_on, None).await
}

/// Opens (or records) a pause with the question that caused it.
pub async fn add_question(
    conn: &mut AsyncPgConnection,
    request_id: i64,
    reason: &str,
    asked_on: NaiveDate,
    answered_on: Option<NaiveDate>,
    question: Option<&str>,
) -> Result<(), DbError> {
    diesel::insert_into(request_pauses::table)
        .values((
            request_pauses::request_id.eq(request_id),
            request_pauses::reason.eq(reason),
            request_pauses::asked_on.eq(asked_on),
            request_pauses::answered_on.eq(answered_on),
            request_pauses::question.eq(question),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Closes every open pause of a request on `answered_on`, keeping the answer's text (if it came
/// through the service). Returns how many were open.
pub async fn answer_questions(
    conn: &mut AsyncPgConnection,
    request_id: i64,
    answered_on: NaiveDate,
    answer: Option<&str>,
) -> Result<usize, DbError> {
    Ok(diesel::update(
        request_pauses::table
            .filter(request_pauses::request_id.eq(request_id))
            .filter(request_pauses::answered_on.is_null()),
    )
    .set((request_pauses::answered_on.eq(answered_on), request_pauses::answer.eq(answer)))
    .execute(conn)
    .await?)
}

/// The questions asked of the requester: (reason, asked on, question, answered on, answer).
pub type Question = (String, NaiveDate, Option<String>, Option<NaiveDate>, Option<String>);

pub async fn questions(conn: &mut AsyncPgConnection, request_id: i64) -> Result<Vec<Question>, DbError> {
    Ok(request_pauses::table
        .filter(request_pauses::request_id.eq(request_id))
        .filter(request_pauses::reason.ne("email_verification"))
        .select((
            request_pauses::reason,
            request_pauses::asked_on,
            request_pauses::question,
            request_pauses::answered_on,
            request_pauses::answer,
        ))
        .order(request_pauses::id)
        .load(conn)
        .await?)
}

/// Stores freshly computed deadlines; the effective one is the extended date once extended.
pub async fn set_deadlines(
    conn: &mut AsyncPgConnection,
    id: i64,
    d: &Deadlines,
    extended: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((
            requests::deadline.eq(d.deadline),
            requests::extended_deadline.eq(d.extended_deadline),
            requests::extended.eq(extended),
            requests::effective_deadline.eq(d.due(extended)),
            requests::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Closes a request with its outcome.
pub async fn close(
    conn: &mut AsyncPgConnection,
    id: i64,
    status: &str,
    outcome: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((
            requests::status.eq(status),
            requests::outcome.eq(outcome),
            requests::closed_at.eq(now),
            requests::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn pauses(conn: &mut AsyncPgConnection, request_id: i64) -> Result<Vec<Pause>, DbError> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = request_pauses::table
        .filter(request_pauses::request_id.eq(request_id))
        .select((request_pauses::asked_on, request_pauses::answered_on))
        .order(request_pauses::id)
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(|(asked_on, answered_on)| Pause { asked_on, answered_on }).collect())
}

/// Inserts the request unless its reference is already taken (then `None`: draw another).
pub async fn insert_unless_reference_taken(
    conn: &mut AsyncPgConnection,
    new: &NewRequest<'_>,
) -> Result<Option<i64>, DbError> {
    Ok(diesel::insert_into(requests::table)
        .values(new)
        .on_conflict(requests::reference)
        .do_nothing()
        .returning(requests::id)
        .get_result(conn)
        .await
        .optional()?)
}

/// Sets (or clears) the assignee.
pub async fn assign(
    conn: &mut AsyncPgConnection,
    id: i64,
    assignee: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((requests::assignee_id.eq(assignee), requests::updated_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_identity_method(
    conn: &mut AsyncPgConnection,
    id: i64,
    method: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((requests::identity_method.eq(method), requests::updated_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_entered_by(conn: &mut AsyncPgConnection, id: i64, staff_id: i64) -> Result<(), DbError> {
    diesel::update(requests::table.find(id)).set(requests::entered_by.eq(staff_id)).execute(conn).await?;
    Ok(())
}

/// Inspection requests of the same address in the same register received in the 12 months before
/// `received_on` (reference, date of receipt), excluding `id` itself and unverified ones.
pub async fn earlier_inspections(
    conn: &mut AsyncPgConnection,
    register: &str,
    email: &str,
    id: i64,
    received_on: NaiveDate,
) -> Result<Vec<(String, NaiveDate)>, DbError> {
    let since = received_on.checked_sub_months(chrono::Months::new(12)).unwrap_or(received_on);
    Ok(requests::table
        .filter(requests::register_key.eq(register))
        .filter(requests::kind.eq("inspection"))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(requester_email) = lower(")
                .bind::<diesel::sql_types::Text, _>(email.to_owned())
                .sql(")"),
        )
        .filter(requests::id.ne(id))
        .filter(requests::verified_at.is_not_null())
        .filter(requests::received_on.between(since, received_on))
        .select((requests::reference, requests::received_on))
        .order(requests::received_on.desc())
        .load(conn)
        .await?)
}
