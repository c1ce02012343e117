//! The `requests` and `request_pauses` tables.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{request_pauses, requests};
use crate::domain::deadline::{Deadlines, Pause};
use crate::domain::lifecycle::Status;
use crate::domain::{
    IdentityMethod, Language, QuestionReason, Reference, RequestChannel, RequestId, RequestKind, StaffId,
};

#[derive(Insertable)]
#[diesel(table_name = requests)]
pub struct NewRequest<'a> {
    pub reference: &'a Reference,
    pub register_key: &'a str,
    pub kind: RequestKind,
    pub channel: RequestChannel,
    pub language: Language,
    pub status: Status,
    pub requester_name: Option<&'a str>,
    pub requester_email: Option<&'a str>,
    pub requester_phone: Option<&'a str>,
    pub requester_postal_address: Option<&'a str>,
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
    pub id: RequestId,
    pub reference: Reference,
    pub register_key: String,
    pub kind: RequestKind,
    pub channel: RequestChannel,
    pub language: Language,
    pub status: Status,
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
    pub assignee_id: Option<StaffId>,
    pub closed_at: Option<DateTime<Utc>>,
    pub identity_method: Option<IdentityMethod>,
    /// Where letters go when there is no email address.
    pub requester_postal_address: Option<String>,
}

/// A request named by id and reference (the rows a batch job locks).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct RequestKey {
    pub id: RequestId,
    pub reference: Reference,
}

/// The request with `reference`, locked for update (call inside a transaction).
pub async fn lock_by_reference(
    conn: &mut AsyncPgConnection,
    reference: &Reference,
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
    reference: &Reference,
) -> Result<Option<RequestRow>, DbError> {
    Ok(requests::table
        .filter(requests::reference.eq(reference))
        .select(RequestRow::as_select())
        .first(conn)
        .await
        .optional()?)
}

pub async fn lock_by_id(conn: &mut AsyncPgConnection, id: RequestId) -> Result<Option<RequestRow>, DbError> {
    Ok(requests::table.find(id).select(RequestRow::as_select()).for_update().first(conn).await.optional()?)
}

/// The request behind a status-page link: the receipt's, or one sent later with a question.
pub async fn find_by_status_token(
    conn: &mut AsyncPgConnection,
    hash: &[u8],
) -> Result<Option<RequestRow>, DbError> {
    use super::schema::request_status_links as links;
    let linked = links::table.filter(links::token_hash.eq(hash)).select(links::request_id);
    Ok(requests::table
        .filter(requests::status_token_hash.eq(hash).or(requests::id.eq_any(linked)))
        .filter(requests::anonymised_at.is_null())
        .select(RequestRow::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// Records one more link to a request's status page (its keyed hash).
pub async fn add_status_link(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    hash: &[u8],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    use super::schema::request_status_links as links;
    diesel::insert_into(links::table)
        .values((links::token_hash.eq(hash), links::request_id.eq(request_id), links::created_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks a request verified: state `received`, its deadlines and its status-link hash.
pub struct Verified<'a> {
    pub verified_at: DateTime<Utc>,
    pub deadline: NaiveDate,
    pub extended_deadline: NaiveDate,
    pub status_token_hash: &'a [u8],
}

pub async fn mark_verified(
    conn: &mut AsyncPgConnection,
    id: RequestId,
    v: Verified<'_>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((
            requests::status.eq(Status::Received),
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
    id: RequestId,
    status: Status,
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
    id: RequestId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((
            requests::requester_name.eq(None::<String>),
            requests::requester_email.eq(None::<String>),
            requests::requester_phone.eq(None::<String>),
            requests::requester_postal_address.eq(None::<String>),
            requests::customer_number.eq(None::<String>),
            requests::details.eq(serde_json::json!({})),
            requests::status_token_hash.eq(None::<Vec<u8>>),
            requests::anonymised_at.eq(now),
            requests::updated_at.eq(now),
        ))
        .execute(conn)
        .await?;
    use super::schema::request_status_links as links;
    diesel::delete(links::table.filter(links::request_id.eq(id))).execute(conn).await?;
    // A letter's payload names the requester; what was posted and when stays in the events.
    use super::schema::letters;
    diesel::delete(letters::table.filter(letters::request_id.eq(id))).execute(conn).await?;
    Ok(())
}

/// Ids of requests still awaiting verification that were submitted before `cutoff`, locked and
/// skipping rows another worker holds.
pub async fn lock_unverified_before(
    conn: &mut AsyncPgConnection,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<RequestKey>, DbError> {
    Ok(requests::table
        .filter(requests::status.eq(Status::AwaitingVerification))
        .filter(requests::submitted_at.lt(cutoff))
        .select(RequestKey::as_select())
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
) -> Result<Vec<RequestKey>, DbError> {
    Ok(requests::table
        .filter(requests::register_key.eq(register))
        .filter(requests::anonymised_at.is_null())
        .filter(requests::closed_at.lt(cutoff))
        .select(RequestKey::as_select())
        .order(requests::id)
        .limit(limit)
        .for_update()
        .skip_locked()
        .load(conn)
        .await?)
}

/// The pause reason of the time a web or API request waited for its email to be confirmed.
const EMAIL_VERIFICATION: &str = "email_verification";

/// Records the time between submission and email verification as a pause of the clock.
pub async fn add_verification_pause(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    pause: Pause,
) -> Result<(), DbError> {
    insert_pause(conn, request_id, EMAIL_VERIFICATION, pause.asked_on, pause.answered_on, None).await
}

/// Opens a pause with the question that caused it.
pub async fn add_question(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    reason: QuestionReason,
    asked_on: NaiveDate,
    question: &str,
) -> Result<(), DbError> {
    insert_pause(conn, request_id, reason.as_str(), asked_on, None, Some(question)).await
}

async fn insert_pause(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
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
    request_id: RequestId,
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

/// Closes every open pause of a request on `today` without an answer: the handler completed or
/// refused the request while it waited for the requester. Returns how many were open.
pub async fn close_questions_unanswered(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    today: NaiveDate,
) -> Result<usize, DbError> {
    Ok(diesel::update(
        request_pauses::table
            .filter(request_pauses::request_id.eq(request_id))
            .filter(request_pauses::answered_on.is_null()),
    )
    .set((request_pauses::answered_on.eq(today), request_pauses::closed_unanswered.eq(true)))
    .execute(conn)
    .await?)
}

/// A question asked of the requester, and the answer once it came.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = request_pauses)]
pub struct Question {
    pub reason: QuestionReason,
    pub asked_on: NaiveDate,
    pub question: Option<String>,
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    /// Closed by the handler without an answer (`answered_on` is then the day it closed).
    pub closed_unanswered: bool,
}

/// The questions asked of the requester (not the wait for email verification), oldest first.
pub async fn questions(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Vec<Question>, DbError> {
    Ok(request_pauses::table
        .filter(request_pauses::request_id.eq(request_id))
        .filter(request_pauses::reason.ne(EMAIL_VERIFICATION))
        .select(Question::as_select())
        .order(request_pauses::id)
        .load(conn)
        .await?)
}

/// Stores freshly computed deadlines; the effective one is the extended date once extended.
pub async fn set_deadlines(
    conn: &mut AsyncPgConnection,
    id: RequestId,
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
    id: RequestId,
    status: Status,
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

pub async fn pauses(conn: &mut AsyncPgConnection, request_id: RequestId) -> Result<Vec<Pause>, DbError> {
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
) -> Result<Option<RequestId>, DbError> {
    Ok(diesel::insert_into(requests::table)
        .values(new)
        .on_conflict(requests::reference)
        .do_nothing()
        .returning(requests::id)
        .get_result(conn)
        .await
        .optional()?)
}

/// Assigns the request to `staff` in state `status` (a claim).
pub async fn claim(
    conn: &mut AsyncPgConnection,
    id: RequestId,
    staff: StaffId,
    status: Status,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((requests::assignee_id.eq(staff), requests::status.eq(status), requests::updated_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets (or clears) the assignee.
pub async fn assign(
    conn: &mut AsyncPgConnection,
    id: RequestId,
    assignee: Option<StaffId>,
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
    id: RequestId,
    method: IdentityMethod,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((requests::identity_method.eq(method), requests::updated_at.eq(now)))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_entered_by(
    conn: &mut AsyncPgConnection,
    id: RequestId,
    staff_id: StaffId,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id)).set(requests::entered_by.eq(staff_id)).execute(conn).await?;
    Ok(())
}

/// An earlier request of the same person, as the request page lists it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct EarlierRequest {
    pub reference: Reference,
    pub received_on: NaiveDate,
}

/// Inspection requests of the same address in the same register received in the 12 months before
/// `received_on`, excluding `id` itself and unverified ones, newest first.
pub async fn earlier_inspections(
    conn: &mut AsyncPgConnection,
    register: &str,
    email: &str,
    id: RequestId,
    received_on: NaiveDate,
) -> Result<Vec<EarlierRequest>, DbError> {
    let since = received_on.checked_sub_months(chrono::Months::new(12)).unwrap_or(received_on);
    Ok(requests::table
        .filter(requests::register_key.eq(register))
        .filter(requests::kind.eq(RequestKind::Inspection))
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("lower(requester_email) = lower(")
                .bind::<diesel::sql_types::Text, _>(email.to_owned())
                .sql(")"),
        )
        .filter(requests::id.ne(id))
        .filter(requests::verified_at.is_not_null())
        .filter(requests::received_on.between(since, received_on))
        .select(EarlierRequest::as_select())
        .order(requests::received_on.desc())
        .load(conn)
        .await?)
}

/// A request a deadline reminder may be due for.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct ReminderCandidate {
    pub id: RequestId,
    pub reference: Reference,
    pub register_key: String,
    pub kind: RequestKind,
    pub effective_deadline: Option<NaiveDate>,
    pub assignee_id: Option<StaffId>,
}

/// Requests of `registers` that run (received or in progress: not paused, not closed), are due by
/// `horizon`, and got no reminder on `today` yet. The last condition is in the query, so the
/// hourly runs after the first one of a day read nothing for a request already reminded (an
/// overdue one would otherwise be tried, and refused by `reminders_sent`, 24 times a day).
pub async fn reminder_candidates(
    conn: &mut AsyncPgConnection,
    registers: &[String],
    today: NaiveDate,
    horizon: NaiveDate,
) -> Result<Vec<ReminderCandidate>, DbError> {
    use super::schema::reminders_sent;
    let already = reminders_sent::table
        .filter(reminders_sent::request_id.eq(requests::id))
        .filter(reminders_sent::on_date.eq(today));
    Ok(requests::table
        .filter(requests::register_key.eq_any(registers))
        .filter(requests::status.eq_any([Status::Received, Status::InProgress]))
        .filter(requests::effective_deadline.le(horizon))
        .filter(diesel::dsl::not(diesel::dsl::exists(already)))
        .select(ReminderCandidate::as_select())
        .order(requests::id)
        .load(conn)
        .await?)
}

/// A request waiting for the requester since `asked_on` (its open question).
#[derive(Debug, Clone, Queryable)]
pub struct UnansweredCandidate {
    pub request: ReminderCandidate,
    pub asked_on: NaiveDate,
}

/// Requests of `registers` waiting for an answer to a question asked on or before `asked_by`,
/// not yet reminded of it (a reminder of kind `kind` on or after the question's date).
pub async fn unanswered_candidates(
    conn: &mut AsyncPgConnection,
    registers: &[String],
    asked_by: NaiveDate,
    kind: &str,
) -> Result<Vec<UnansweredCandidate>, DbError> {
    use super::schema::{reminders_sent, request_pauses};
    let already = reminders_sent::table
        .filter(reminders_sent::request_id.eq(requests::id))
        .filter(reminders_sent::kind.eq(kind.to_owned()))
        .filter(reminders_sent::on_date.ge(request_pauses::asked_on));
    Ok(requests::table
        .inner_join(request_pauses::table)
        .filter(requests::register_key.eq_any(registers))
        .filter(requests::status.eq(Status::AwaitingRequester))
        .filter(request_pauses::answered_on.is_null())
        .filter(request_pauses::asked_on.le(asked_by))
        .filter(diesel::dsl::not(diesel::dsl::exists(already)))
        .select((ReminderCandidate::as_select(), request_pauses::asked_on))
        .order(requests::id)
        .load(conn)
        .await?)
}

/// Up to `limit` requests after `after` in id order (for a pass over all of them).
pub async fn keys_after(
    conn: &mut AsyncPgConnection,
    after: RequestId,
    limit: i64,
) -> Result<Vec<RequestKey>, DbError> {
    Ok(requests::table
        .filter(requests::id.gt(after))
        .order(requests::id)
        .limit(limit)
        .select(RequestKey::as_select())
        .load(conn)
        .await?)
}
