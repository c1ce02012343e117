//! The contact person's request queue and request page: what a staff member may see is always
//! limited to their registers here, in the query, not in the page.

use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncConnection;
use serde_json::json;

use super::Context;
use super::audit::{self, AuditAction, AuditActor};
use super::auth::StaffUser;
use super::download::File;
use crate::db::answers::{AnswerSummary, AttachmentInfo};
use crate::db::assignees::StaffName;
use crate::db::notes::Note;
use crate::db::request_queue::{QueueQuery, QueueRow, StatusCount};
use crate::db::requests::{EarlierRequest, Question, RequestRow};
use crate::db::{self, DbError};
use crate::domain::contact::AddressLook;
use crate::domain::deadline;
use crate::domain::event::{Actor, EventRecord, verify_chain};
use crate::domain::lifecycle::{Action, Status};
use crate::domain::{
    AttachmentId, Email, EventKind, IdentityMethod, Jurisdiction, Language, Msg, Problem, Reference,
    RequestChannel, RequestId, RequestKind, StaffId,
};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;

/// The queue's filters.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub register: Option<String>,
    pub kind: Option<RequestKind>,
    /// `None` = the open states (received, in progress, awaiting the requester).
    pub status: Option<Status>,
    pub assignee: Option<StaffId>,
    pub overdue: bool,
    pub due_within_days: Option<i64>,
    /// A reference or the requester's email address.
    pub search: Option<String>,
    /// Keyset cursor: the (deadline, id) of the last row of the previous page.
    pub after: Option<(NaiveDate, RequestId)>,
}

/// A page of the queue.
#[derive(Debug, Clone)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    /// The cursor of the next page, if there is one.
    pub next: Option<(NaiveDate, RequestId)>,
    /// Open requests per state in the registers shown.
    pub counts: Vec<StatusCount>,
}

/// The queue page for `user` with `filter`, sorted by effective deadline. Two queries whatever the
/// page size: the page with assignee names joined (one row more than shown, to know whether a next
/// page exists), and the counts per state.
pub async fn page(ctx: &Context, user: &StaffUser, filter: &QueueFilter) -> Result<QueuePage, DbError> {
    let registers: Vec<String> = match &filter.register {
        Some(r) if user.sees(r) => vec![r.clone()],
        Some(_) => Vec::new(),
        None => user.registers.clone(),
    };
    // Today where the registers are (the earliest of their dates, so nothing is overdue early).
    let now = ctx.clock.now();
    let today = registers
        .iter()
        .filter_map(|key| ctx.any_register(key))
        .map(|r| deadline::receipt_date(r.jurisdiction, now))
        .min()
        .unwrap_or_else(|| now.date_naive());
    let query = QueueQuery {
        registers,
        kind: filter.kind,
        status: filter.status,
        assignee: filter.assignee,
        due_before: filter.overdue.then_some(today),
        due_by: filter.due_within_days.map(|days| today + chrono::Days::new(days.max(0).unsigned_abs())),
        search: filter.search.clone(),
        after: filter.after,
        limit: PAGE_SIZE + 1,
    };
    let mut conn = db::conn(&ctx.pool).await?;
    let mut rows = db::request_queue::page(&mut conn, &query).await?;
    let next = if rows.len() as i64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().and_then(|r| r.effective_deadline.map(|d| (d, r.id)))
    } else {
        None
    };
    let counts = db::request_queue::open_counts(&mut conn, &query.registers).await?;
    Ok(QueuePage { rows, next, counts })
}

/// A letter to a requester without email, as the request page lists it.
#[derive(Debug, Clone)]
pub struct LetterInfo {
    pub id: crate::domain::LetterId,
    /// The message it carries (`receipt`, `clarification`, `extension`, `answer`).
    pub template: String,
    pub created_at: DateTime<Utc>,
    pub posted_on: Option<NaiveDate>,
}

/// Everything the request page shows.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub id: RequestId,
    pub reference: Reference,
    pub register_key: String,
    /// Whether the register is configured (else its file was removed).
    pub register_active: bool,
    pub jurisdiction: Jurisdiction,
    pub kind: RequestKind,
    pub channel: RequestChannel,
    pub language: Language,
    pub status: Status,
    pub requester_name: Option<String>,
    pub requester_email: Option<String>,
    /// How the address looks: its Unicode form and any mix of scripts (a possible imitation).
    pub requester_email_look: Option<AddressLook>,
    pub requester_phone: Option<String>,
    /// Where letters go when there is no email address, one line per `\n`.
    pub requester_postal_address: Option<String>,
    /// Letters to the requester (written instead of emails when there is no email address).
    pub letters: Vec<LetterInfo>,
    pub customer_number: Option<String>,
    pub details: serde_json::Value,
    pub submitted_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub verified_at: Option<DateTime<Utc>>,
    pub deadlines: Option<deadline::Deadlines>,
    pub extended: bool,
    pub assignee: Option<StaffName>,
    pub events: Vec<EventRecord>,
    /// The names of the staff members the events mention, by id (former staff included).
    pub staff_names: std::collections::HashMap<i64, String>,
    /// The hash chain check: `None` when every event verifies.
    pub chain_problem: Option<String>,
    pub notes: Vec<Note>,
    /// Questions to the requester, with their answers.
    pub questions: Vec<Question>,
    /// The dates of questions sent late (policy 5), and whether one sent today would be.
    pub late_questions: Vec<NaiveDate>,
    pub asking_now_is_late: bool,
    /// Latest further identity assurance recorded.
    pub identity_method: Option<IdentityMethod>,
    /// The answer sent.
    pub answer: Option<AnswerSummary>,
    pub attachments: Vec<AttachmentInfo>,
    /// Staff who may be assigned.
    pub assignable: Vec<StaffName>,
    /// Other inspection requests of the same address in this register in the 12 months before
    /// this one (a repeat may be flagged, never charged automatically: LAW.md §2).
    pub earlier_inspections: Vec<EarlierRequest>,
    /// The strong electronic identification that confirmed the request, if any.
    pub identification: Option<db::identification::Identification>,
    /// Other requests (of the registers the user sees) identified as the same person.
    pub same_person: Vec<Reference>,
    /// Whether the extend action is open today, or why not.
    pub extension: Result<(), Msg>,
    /// Today in the register's time zone.
    pub today: NaiveDate,
    /// The objection events sent to the register's marketing systems, per endpoint.
    pub webhooks: Vec<db::webhooks::Delivery>,
}

/// The request page of `reference`, or `None` when it does not exist *or* belongs to a register
/// the user may not see (the same answer, so that other registers' references are not confirmed).
/// The view of the requester's personal data is recorded in the audit log.
pub async fn request(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
) -> Result<Option<RequestView>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(row) = find_visible(&mut conn, user, reference).await? else { return Ok(None) };
    // Recorded on the connection already held: a second one per view could exhaust the pool when
    // as many staff open pages at once.
    let viewed = audit::entry(
        AuditActor::Staff(user.id),
        AuditAction::RequestViewed,
        &row.reference,
        user.address.as_deref(),
    );
    let now = ctx.clock.now();
    conn.transaction::<_, DbError, _>(async |conn| audit::record(conn, viewed, now).await).await?;
    // A requester without email is written to by post: the letters to print and post.
    let letters = db::letters::of_request(&mut conn, row.id)
        .await?
        .into_iter()
        .map(|l| LetterInfo {
            id: l.id,
            template: l.template,
            created_at: l.created_at,
            posted_on: l.posted_on,
        })
        .collect();
    let RequestRow {
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
        requester_postal_address,
        ..
    } = row;
    let register = ctx.any_register(&register_key).ok_or_else(|| {
        DbError::corrupt(format!("request {reference} of unconfigured register {register_key}"))
    })?;
    let jurisdiction = register.jurisdiction;
    let register_active = register.active;
    let today = deadline::receipt_date(jurisdiction, ctx.clock.now());
    let deadlines = if verified_at.is_some() {
        let pauses = db::requests::pauses(&mut conn, id).await?;
        Some(deadline::compute(jurisdiction, received_on, &pauses, today))
    } else {
        None
    };
    let events = db::events::chain(&mut conn, id).await?;
    // The timeline names who did what: every staff member its events and payloads mention.
    let mut mentioned: Vec<StaffId> = events
        .iter()
        .flat_map(|e| [e.actor_staff_id, e.payload.get("assignee").and_then(serde_json::Value::as_i64)])
        .flatten()
        .map(StaffId)
        .collect();
    mentioned.sort_unstable_by_key(|s| s.0);
    mentioned.dedup();
    let staff_names =
        db::assignees::names_of(&mut conn, &mentioned).await?.into_iter().map(|s| (s.id.0, s.name)).collect();
    let chain_problem = verify_chain(reference.as_str(), &events).err().map(|e| e.to_string());
    let assignable = db::assignees::eligible_for(&mut conn, &register_key).await?;
    let assignee = match assignee_id {
        Some(a) => db::assignees::name_of(&mut conn, a).await?,
        None => None,
    };
    let notes = db::notes::of_request(&mut conn, id).await?;
    let questions = db::requests::questions(&mut conn, id).await?;
    let answer = db::answers::of_request(&mut conn, id).await?;
    let attachments = db::answers::attachments(&mut conn, id).await?;
    let earlier_inspections = match (&requester_email, kind) {
        (Some(email), RequestKind::Inspection) => {
            db::requests::earlier_inspections(&mut conn, &register_key, email, id, received_on).await?
        }
        _ => Vec::new(),
    };
    let identification = db::identification::of_request(&mut conn, id).await?;
    let same_person = match identification.as_ref().and_then(|i| i.person_hash.as_deref()) {
        Some(hash) => db::identification::same_person(&mut conn, id, hash, &user.registers).await?,
        None => Vec::new(),
    };
    let requester_email_look =
        requester_email.as_deref().and_then(|e| Email::parse(e).ok()).map(|e| e.look());
    let late_questions = questions
        .iter()
        .map(|q| q.asked_on)
        .filter(|asked_on| deadline::question_is_late(jurisdiction, received_on, *asked_on))
        .collect();
    let asking_now_is_late =
        verified_at.is_some() && deadline::question_is_late(jurisdiction, received_on, today);
    let extension = if status.is_open() {
        let pauses = db::requests::pauses(&mut conn, id).await?;
        deadline::can_extend(jurisdiction, received_on, &pauses, today, extended).map_err(|e| e.message())
    } else {
        Err(Msg::new("refused-transition").state("state", status).term("action", "action-extended"))
    };
    let webhooks = db::webhooks::of_request(&mut conn, id).await?;
    Ok(Some(RequestView {
        id,
        reference,
        register_key,
        register_active,
        jurisdiction,
        kind,
        channel,
        language,
        status,
        requester_name,
        requester_email,
        requester_email_look,
        requester_phone,
        requester_postal_address,
        letters,
        customer_number,
        details,
        submitted_at,
        received_on,
        verified_at,
        deadlines,
        extended,
        assignee,
        events,
        staff_names,
        chain_problem,
        notes,
        questions,
        late_questions,
        asking_now_is_late,
        identity_method,
        answer,
        attachments,
        assignable,
        earlier_inspections,
        identification,
        same_person,
        extension,
        today,
        webhooks,
    }))
}

/// Why a staff action was refused.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("not found")]
    NotFound,
    /// The action is not allowed now (state, deadline rules).
    #[error("{}", crate::i18n::english(.0))]
    Refused(Msg),
    /// The form's input is not acceptable: each field and why.
    #[error("{}", .0.iter().map(|p| format!("{}: {}", p.field, crate::i18n::english(&p.message))).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl ActionError {
    /// One field that is not acceptable.
    pub fn invalid(field: &str, message: Msg) -> Self {
        ActionError::Invalid(vec![Problem::new(field, message)])
    }
}

// Transactions report diesel's error type.
impl From<diesel::result::Error> for ActionError {
    fn from(e: diesel::result::Error) -> Self {
        ActionError::Db(e.into())
    }
}

/// A request the user may see, unlocked (`None` for other registers' requests, as for unknown ones).
pub(crate) async fn find_visible(
    conn: &mut diesel_async::AsyncPgConnection,
    user: &StaffUser,
    reference: &str,
) -> Result<Option<RequestRow>, DbError> {
    let Ok(reference) = Reference::parse(reference) else { return Ok(None) };
    Ok(db::requests::find_by_reference(conn, &reference).await?.filter(|row| user.sees(&row.register_key)))
}

/// Locks a request the user may act on (`NotFound` for other registers' requests).
pub(crate) async fn lock_visible(
    conn: &mut diesel_async::AsyncPgConnection,
    user: &StaffUser,
    reference: &str,
) -> Result<RequestRow, ActionError> {
    let reference = Reference::parse(reference).map_err(|_| ActionError::NotFound)?;
    match db::requests::lock_by_reference(conn, &reference).await? {
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
        let status = row.status;
        let next = match status {
            Status::Received => status.apply(Action::Start).map_err(|e| ActionError::Refused(e.message()))?,
            Status::InProgress | Status::AwaitingRequester => status,
            other => {
                return Err(ActionError::Refused(
                    Msg::new("refused-transition").state("state", other).term("action", "action-claimed"),
                ));
            }
        };
        db::requests::claim(conn, row.id, user.id, next, now).await?;
        db::events::append(
            conn,
            row.id,
            row.reference.as_str(),
            &Actor::Staff(user.id),
            EventKind::Claimed,
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
        return Err(ActionError::invalid("body", Msg::new("problem-note-length")));
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
            row.reference.as_str(),
            &Actor::Staff(user.id),
            EventKind::NoteAdded,
            json!({}),
            now,
        )
        .await?;
        Ok(())
    })
    .await
}

/// A kept file of a request's answer; `None` when the request is not the user's to see, the file
/// does not exist or its content was deleted.
pub async fn attachment(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    id: AttachmentId,
) -> Result<Option<File>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(row) = find_visible(&mut conn, user, reference).await? else { return Ok(None) };
    Ok(db::answers::attachment(&mut conn, row.id, id).await?.and_then(File::of))
}
