//! The contact person's request queue and request page: what a staff member may see is always
//! limited to their registers here, in the query, not in the page.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncConnection, RunQueryDsl};
use serde_json::json;

use super::Context;
use super::auth::StaffUser;
use crate::db::schema::{open_request_counts, requests, staff_accounts};
use crate::db::{self, DbError};
use crate::domain::deadline;
use crate::domain::event::{Actor, EventRecord, verify_chain};
use crate::domain::lifecycle::{Action, Status};
use crate::domain::{Jurisdiction, RequestKind};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;

/// The queue's filters.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub register: Option<String>,
    pub kind: Option<RequestKind>,
    /// `None` = the open states (received, in progress, awaiting the requester).
    pub status: Option<Status>,
    pub assignee: Option<i64>,
    pub overdue: bool,
    pub due_within_days: Option<i64>,
    /// A reference or the requester's email address.
    pub search: Option<String>,
    /// Keyset cursor: the (deadline, id) of the last row of the previous page.
    pub after: Option<(NaiveDate, i64)>,
}

/// One queue row.
#[derive(Debug, Clone, Queryable)]
pub struct QueueRow {
    pub id: i64,
    pub reference: String,
    pub register_key: String,
    pub kind: String,
    pub status: String,
    pub received_on: NaiveDate,
    pub effective_deadline: Option<NaiveDate>,
    pub assignee: Option<String>,
}

/// A page of the queue.
#[derive(Debug, Clone)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    /// The cursor of the next page, if there is one.
    pub next: Option<(NaiveDate, i64)>,
    /// Open requests per state in the registers shown.
    pub counts: Vec<(String, i64)>,
}

const OPEN: [&str; 3] = ["received", "in_progress", "awaiting_requester"];

/// The queue page for `user` with `filter`, sorted by effective deadline. Two queries whatever the
/// page size: the page with assignee names joined (one row more than shown, to know whether a next
/// page exists), and the counts per state.
pub async fn page(ctx: &Context, user: &StaffUser, filter: &QueueFilter) -> Result<QueuePage, DbError> {
    let today = ctx.clock.now().date_naive();
    let visible: Vec<String> = match &filter.register {
        Some(r) if user.sees(r) => vec![r.clone()],
        Some(_) => Vec::new(),
        None => user.registers.clone(),
    };
    let mut query = requests::table
        .left_join(staff_accounts::table.on(requests::assignee_id.eq(staff_accounts::id.nullable())))
        .into_boxed();
    // One register as `=`, not `= ANY(array)`: only then does PostgreSQL read the queue index in
    // deadline order and stop after a page.
    query = match visible.as_slice() {
        [one] => query.filter(requests::register_key.eq(one.clone())),
        many => query.filter(requests::register_key.eq_any(many.to_vec())),
    };
    match filter.status {
        Some(status) => query = query.filter(requests::status.eq(status.as_str())),
        None => query = query.filter(requests::status.eq_any(OPEN)),
    }
    if let Some(kind) = filter.kind {
        query = query.filter(requests::kind.eq(kind.as_str()));
    }
    if let Some(assignee) = filter.assignee {
        query = query.filter(requests::assignee_id.eq(assignee));
    }
    if filter.overdue {
        query = query.filter(requests::effective_deadline.lt(today));
    }
    if let Some(days) = filter.due_within_days {
        query = query.filter(requests::effective_deadline.le(today + chrono::Days::new(days.max(0) as u64)));
    }
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let needle = search.to_owned();
        query = query.filter(
            requests::reference.eq(needle.to_uppercase()).or(diesel::dsl::sql::<diesel::sql_types::Bool>(
                "lower(requests.requester_email) = lower(",
            )
            .bind::<diesel::sql_types::Text, _>(needle)
            .sql(")")),
        );
    }
    if let Some((deadline, id)) = filter.after {
        // A row comparison is an index bound; the equivalent OR would re-read the earlier rows.
        query = query.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("(requests.effective_deadline, requests.id) > (")
                .bind::<diesel::sql_types::Date, _>(deadline)
                .sql(", ")
                .bind::<diesel::sql_types::BigInt, _>(id)
                .sql(")"),
        );
    }
    let mut conn = db::conn(&ctx.pool).await?;
    let mut rows: Vec<QueueRow> = query
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
        .limit(PAGE_SIZE + 1)
        .load(&mut conn)
        .await?;
    let next = if rows.len() as i64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().and_then(|r| r.effective_deadline.map(|d| (d, r.id)))
    } else {
        None
    };
    // Kept by triggers on `requests` (migration 000011): a few rows, however many requests are open.
    let mut counts = open_request_counts::table
        .filter(open_request_counts::register_key.eq_any(visible))
        .filter(open_request_counts::n.ne(0))
        .group_by(open_request_counts::status)
        .select((
            open_request_counts::status,
            diesel::dsl::sql::<diesel::sql_types::BigInt>("sum(open_request_counts.n)::bigint"),
        ))
        .load::<(String, i64)>(&mut conn)
        .await?;
    // In the lifecycle's order: received, in progress, awaiting the requester.
    counts.sort_by_key(|(state, _)| OPEN.iter().position(|open| open == state));
    Ok(QueuePage { rows, next, counts })
}

/// Everything the request page shows.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub id: i64,
    pub reference: String,
    pub register_key: String,
    pub jurisdiction: Jurisdiction,
    pub kind: RequestKind,
    pub channel: String,
    pub language: String,
    pub status: Status,
    pub requester_name: Option<String>,
    pub requester_email: Option<String>,
    pub requester_phone: Option<String>,
    pub customer_number: Option<String>,
    pub details: serde_json::Value,
    pub submitted_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub verified_at: Option<DateTime<Utc>>,
    pub deadlines: Option<deadline::Deadlines>,
    pub extended: bool,
    pub assignee: Option<(i64, String)>,
    pub events: Vec<EventRecord>,
    /// The hash chain check: `None` when every event verifies.
    pub chain_problem: Option<String>,
    pub notes: Vec<(DateTime<Utc>, String, String)>,
    /// Questions to the requester: (reason, asked on, question, answered on, answer).
    pub questions: Vec<db::requests::Question>,
    /// Latest further identity assurance recorded.
    pub identity_method: Option<String>,
    /// The answer sent: (outcome, message).
    pub answer: Option<(String, Option<String>)>,
    pub attachments: Vec<db::answers::AttachmentInfo>,
    /// Staff who may be assigned: (id, name).
    pub assignable: Vec<(i64, String)>,
    /// Other inspection requests of the same address in this register in the 12 months before
    /// this one (a repeat may be flagged, never charged automatically: LAW.md §2).
    pub earlier_inspections: Vec<(String, NaiveDate)>,
    /// Whether the extend action is open today, or why not.
    pub extension: Result<(), String>,
    /// Today in the register's time zone.
    pub today: NaiveDate,
}

/// The request page of `reference`, or `None` when it does not exist *or* belongs to a register
/// the user may not see (the same answer, so that other registers' references are not confirmed).
pub async fn request(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
) -> Result<Option<RequestView>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(row) = find_visible(&mut conn, user, reference).await? else { return Ok(None) };
    let db::requests::RequestRow {
        id,
        reference,
        register_key,
        kind,
        channel,
        language,
        status,
        requester_name,
        requester_email,
        requester_phone,
        customer_number,
        details,
        submitted_at,
        received_on,
        verified_at,
        extended,
        assignee_id,
        identity_method,
        ..
    } = row;
    let (Ok(kind), Ok(status), Some(register)) =
        (kind.parse::<RequestKind>(), status.parse::<Status>(), ctx.register(&register_key))
    else {
        return Ok(None);
    };
    let jurisdiction = register.jurisdiction;
    let today = deadline::receipt_date(jurisdiction, ctx.clock.now());
    let deadlines = if verified_at.is_some() {
        let pauses = db::requests::pauses(&mut conn, id).await?;
        Some(deadline::compute(jurisdiction, received_on, &pauses, today))
    } else {
        None
    };
    let events = db::events::chain(&mut conn, id).await?;
    let chain_problem = verify_chain(&reference, &events).err().map(|e| e.to_string());
    let assignee = match assignee_id {
        Some(a) => staff_accounts::table
            .find(a)
            .select((staff_accounts::id, staff_accounts::name))
            .first(&mut conn)
            .await
            .optional()?,
        None => None,
    };
    let notes = db::notes::of_request(&mut conn, id).await?;
    let questions = db::requests::questions(&mut conn, id).await?;
    let answer = db::answers::of_request(&mut conn, id).await?;
    let attachments = db::answers::attachments(&mut conn, id).await?;
    let assignable = db::assignees::eligible_for(&mut conn, &register_key).await?;
    let earlier_inspections = match (&requester_email, kind) {
        (Some(email), RequestKind::Inspection) => {
            db::requests::earlier_inspections(&mut conn, &register_key, email, id, received_on).await?
        }
        _ => Vec::new(),
    };
    let extension = if status.is_open() {
        let pauses = db::requests::pauses(&mut conn, id).await?;
        deadline::can_extend(jurisdiction, received_on, &pauses, today, extended).map_err(|e| e.to_string())
    } else {
        Err(format!("a request that is {status} cannot be extended"))
    };
    Ok(Some(RequestView {
        id,
        reference,
        register_key,
        jurisdiction,
        kind,
        channel,
        language,
        status,
        requester_name,
        requester_email,
        requester_phone,
        customer_number,
        details,
        submitted_at,
        received_on,
        verified_at,
        deadlines,
        extended,
        assignee,
        events,
        chain_problem,
        notes,
        questions,
        identity_method,
        answer,
        attachments,
        assignable,
        earlier_inspections,
        extension,
        today,
    }))
}

/// Why a staff action was refused.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("not found")]
    NotFound,
    /// The action is not allowed now (state, deadline rules).
    #[error("{0}")]
    Refused(String),
    /// The form's input is not acceptable (field: reason).
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<diesel::result::Error> for ActionError {
    fn from(e: diesel::result::Error) -> Self {
        ActionError::Db(e.into())
    }
}

/// A request the user may see, unlocked (`None` for other registers' requests, as for unknown ones).
async fn find_visible(
    conn: &mut diesel_async::AsyncPgConnection,
    user: &StaffUser,
    reference: &str,
) -> Result<Option<db::requests::RequestRow>, DbError> {
    Ok(db::requests::find_by_reference(conn, &reference.trim().to_uppercase())
        .await?
        .filter(|row| user.sees(&row.register_key)))
}

/// Locks a request the user may act on (`NotFound` for other registers' requests).
pub(crate) async fn lock_visible(
    conn: &mut diesel_async::AsyncPgConnection,
    user: &StaffUser,
    reference: &str,
) -> Result<db::requests::RequestRow, ActionError> {
    match db::requests::lock_by_reference(conn, &reference.trim().to_uppercase()).await? {
        Some(row) if user.sees(&row.register_key) => Ok(row),
        _ => Err(ActionError::NotFound),
    }
}

/// Claims a request: assigns it to the user and starts work on it (`received` → `in_progress`).
pub async fn claim(ctx: &Context, user: &StaffUser, reference: &str) -> Result<(), ActionError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, ActionError, _>(async |conn| {
        let row = lock_visible(conn, user, reference).await?;
        let status: Status = row.status.parse().map_err(|_| ActionError::NotFound)?;
        let next = match status {
            Status::Received => {
                status.apply(Action::Start).map_err(|e| ActionError::Refused(e.to_string()))?
            }
            Status::InProgress | Status::AwaitingRequester => status,
            other => {
                return Err(ActionError::Refused(format!("a request that is {other} cannot be claimed")));
            }
        };
        diesel::update(requests::table.find(row.id))
            .set((
                requests::assignee_id.eq(user.id),
                requests::status.eq(next.as_str()),
                requests::updated_at.eq(now),
            ))
            .execute(conn)
            .await?;
        db::events::append(
            conn,
            row.id,
            &row.reference,
            &Actor::Staff(user.id),
            "claimed",
            json!({ "assignee": user.id, "status": next.as_str() }),
            now,
        )
        .await?;
        Ok(())
    })
    .await
}

/// Adds an internal note (1–5000 characters).
pub async fn add_note(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    body: &str,
) -> Result<(), ActionError> {
    let body = body.trim();
    if body.is_empty() || body.chars().count() > 5000 {
        return Err(ActionError::Invalid("body: a note needs 1–5000 characters".into()));
    }
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, ActionError, _>(async |conn| {
        let row = lock_visible(conn, user, reference).await?;
        db::notes::add(conn, row.id, user.id, body, now).await?;
        // The note's text stays out of the event: events are kept after anonymisation.
        db::events::append(
            conn,
            row.id,
            &row.reference,
            &Actor::Staff(user.id),
            "note_added",
            json!({}),
            now,
        )
        .await?;
        Ok(())
    })
    .await
}

/// A kept file of a request's answer: (name, content type, content); `None` when the request is
/// not the user's to see, the file does not exist or was deleted.
pub async fn attachment(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    id: i64,
) -> Result<Option<(String, String, Vec<u8>)>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(row) = find_visible(&mut conn, user, reference).await? else { return Ok(None) };
    Ok(db::answers::attachment(&mut conn, row.id, id)
        .await?
        .and_then(|(name, content_type, _, content)| content.map(|c| (name, content_type, c))))
}
