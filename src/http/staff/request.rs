//! The request page and its actions, one route each: claim, assign, notes, identity, ask,
//! resume, extend, complete (with files) and refuse. A field is parsed into its domain type here;
//! an action the state does not allow (409) or input that does not do (422) brings the page back
//! with the message, and a request of a register the user may not see answers 404, exactly like a
//! request that does not exist.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};
use askama::Template;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::Msg;
use crate::domain::answer::AnswerInput;
use crate::domain::event::EventRecord;
use crate::domain::lifecycle::{Action, Status};
use crate::domain::register::Notice;
use crate::domain::request::RequestDetails;
use crate::domain::{
    AttachmentId, CollectionStatus, EventKind, IdentityDoubt, IdentityMethod, QuestionReason, RequestKind,
    StaffId,
};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::fields::{parse, parse_optional};
use crate::http::form::{CsrfForm, NoFields, Sent, UploadForm};
use crate::http::respond::{file_response, html_page, redirect};
use crate::http::session::Staff;
use crate::i18n::Tr;
use crate::service::auth::StaffUser;
use crate::service::{collection, decisions, queue};

use super::{form_message, kind_name, state_name};

#[derive(Template)]
#[template(path = "staff/request.html")]
struct RequestPage<'a> {
    /// The staff member's language; the register's texts come in it too.
    t: Tr,
    /// The register's description (its privacy notice), beside the request.
    notice: Option<Notice<'a>>,
    /// The request's language, for texts pre-filled for the requester.
    rt: Tr,
    user: Option<StaffUser>,
    csrf: String,
    v: queue::RequestView,
    /// The kind, state, channel, outcome and further identity assurance in words.
    kind: String,
    state: String,
    channel: String,
    outcome: Option<String>,
    identity_method: Option<String>,
    /// The request's language named in the staff member's.
    request_language: String,
    /// Earlier inspections of the same address: "reference of date, ...".
    earlier: String,
    /// The scripts an address mixes, as "Latin and Cyrillic".
    mixed_scripts: String,
    /// The latest date an extension would reach.
    extended_to: String,
    /// What was asked, as (label, value) rows.
    asked: Vec<(String, String)>,
    /// Correction items, one table row each.
    items: Vec<Item>,
    /// Portability: the format the requester prefers and the controller to transmit to.
    preferred_format: Option<String>,
    receiving_controller: Option<String>,
    can_claim: bool,
    open: bool,
    can_ask: bool,
    awaiting: bool,
    can_extend: bool,
    can_answer: bool,
    /// (value, name) of each identity method.
    identity_methods: Vec<(&'static str, String)>,
    message: Option<String>,
    /// What was typed into the form that was refused, shown again.
    typed: Option<Typed>,
    /// The register asks for more than email possession before an inspection or portability
    /// answer is sent, and it is not recorded yet: the answer section starts with that check.
    identity_first: bool,
    /// The data collected from the register's systems, and its erasure steps.
    collected: Option<collection::Collected>,
    /// The events in words.
    timeline: Vec<TimelineEntry>,
}

/// The fields of a refused form (a 409 or 422), so that the page comes back with what was typed.
/// Chosen files cannot come back: the page says so.
#[derive(Debug, Default)]
pub(super) struct Typed {
    /// Which form: `complete`, `refuse`, `extend` or `ask`.
    form: &'static str,
    fields: HashMap<String, String>,
    files_chosen: bool,
}

impl Typed {
    fn of(form: &'static str, fields: impl IntoIterator<Item = (String, String)>) -> Self {
        Self { form, fields: fields.into_iter().collect(), files_chosen: false }
    }
}

impl RequestPage<'_> {
    /// An instant as the staff member writes it, in the register's time zone (events are stored
    /// in UTC; a day must be the register's day, as the deadlines are).
    fn local(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        self.t.date_time(at.with_timezone(&self.v.jurisdiction.time_zone()).naive_local())
    }

    /// [`Self::local`] to the second, for deliveries retried seconds apart.
    fn local_seconds(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        let local = at.with_timezone(&self.v.jurisdiction.time_zone()).naive_local();
        format!("{} {}", self.t.date(local.date()), local.format("%H:%M:%S"))
    }

    /// The value typed into `name` of `form`, if that form was refused.
    fn typed(&self, form: &str, name: &str) -> &str {
        self.typed
            .as_ref()
            .filter(|t| t.form == form)
            .and_then(|t| t.fields.get(name))
            .map_or("", String::as_str)
    }

    /// Whether the refused `form` had `value` in `name` (a checkbox, radio button or option).
    fn chose(&self, form: &str, name: &str, value: &str) -> bool {
        self.typed(form, name) == value
    }

    /// [`Self::chose`] for the outcome of correction item `n`.
    fn chose_item(&self, n: &usize, value: &str) -> bool {
        self.chose("complete", &format!("item{n}_outcome"), value)
    }
}

/// One item of a correction request.
struct Item {
    n: usize,
    field: String,
    current: String,
    corrected: String,
    reason: String,
}

/// One event of the timeline, in words.
struct TimelineEntry {
    at: DateTime<Utc>,
    text: String,
    late_question: bool,
    late_refusal: bool,
}

/// The request page, with the status and message of a refused action if there was one.
async fn show_request(
    state: &AppState,
    user: StaffUser,
    reference: &str,
    problem: Option<(StatusCode, AppError)>,
    typed: Option<Typed>,
) -> Result<HttpResponse, AppError> {
    let Some(v) = queue::request(&state.ctx, &user, reference).await? else { return Err(AppError::NotFound) };
    let t = user.tr();
    let asked_for = serde_json::from_value::<RequestDetails>(v.details.clone()).ok();
    let asked = asked_for.as_ref().map(|d| asked_rows(&t, d)).unwrap_or_default();
    let (preferred_format, receiving_controller) = match &asked_for {
        Some(RequestDetails::Portability { format, receiving_controller, .. }) => {
            (format.map(|f| f.as_str().to_uppercase()), receiving_controller.clone())
        }
        _ => (None, None),
    };
    let items = match asked_for {
        Some(RequestDetails::Correction { items }) => items
            .into_iter()
            .enumerate()
            .map(|(n, i)| Item {
                n,
                field: i.field,
                current: i.current_value.unwrap_or_else(|| t.get("staff-rq-not-given")),
                corrected: i.corrected_value,
                reason: i.reason.unwrap_or_default(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let (status, mut message) = match problem {
        Some((status, e)) => (status, form_message(&t, &e)),
        None => (StatusCode::OK, None),
    };
    if let Some(m) = message.as_mut()
        && typed.as_ref().is_some_and(|t| t.files_chosen)
    {
        m.push(' ');
        m.push_str(&t.get("staff-rq-files-again"));
    }
    let register = state.ctx.any_register(&v.register_key);
    let can_answer = v.status.apply(Action::Complete).is_ok();
    let identity_first = can_answer
        && v.channel.is_self_service()
        && v.identity_method.is_none()
        && register.is_some_and(|r| r.requires_identity_check(v.kind));
    let notice = register.map(|r| r.notice(t.language()));
    let collected = collection::view(&state.ctx, &user, reference).await?.filter(|c| !c.is_empty());
    let timeline = v
        .events
        .iter()
        .map(|e| TimelineEntry {
            at: e.occurred_at,
            text: event_text(&t, e, &v.staff_names),
            late_question: e.is_late_question(),
            late_refusal: e.is_late_refusal(),
        })
        .collect();
    let earlier = v
        .earlier_inspections
        .iter()
        .map(|e| {
            t.fmt(
                "staff-rq-earlier",
                &[("reference", e.reference.as_str()), ("date", &t.date(e.received_on))],
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let page = RequestPage {
        rt: Tr::new(v.language),
        notice,
        csrf: user.csrf_token(&state.ctx),
        can_claim: v.status.is_open() && v.assignee.as_ref().is_none_or(|a| a.id != user.id),
        open: v.status.is_open(),
        can_ask: v.status.apply(Action::AskRequester).is_ok(),
        awaiting: v.status == Status::AwaitingRequester,
        can_extend: v.extension.is_ok(),
        can_answer,
        identity_first,
        typed,
        identity_methods: IdentityMethod::ALL
            .iter()
            .map(|m| (m.as_str(), t.get(&format!("staff-identity-method-{}", m.as_str()))))
            .collect(),
        kind: kind_name(&t, v.kind),
        state: state_name(&t, v.status),
        channel: t.get(&format!("staff-channel-{}", v.channel.as_str())),
        outcome: v
            .answer
            .as_ref()
            .map(|a| t.try_get(&format!("staff-outcome-{}", a.outcome)).unwrap_or_else(|| a.outcome.clone())),
        identity_method: v.identity_method.map(|m| t.get(&format!("staff-identity-method-{}", m.as_str()))),
        request_language: t.get(&format!("staff-language-{}", v.language.as_str())),
        mixed_scripts: v
            .requester_email_look
            .as_ref()
            .and_then(|l| l.mixed_scripts.as_ref())
            .map(|m| m.scripts.join(&format!(" {} ", t.get("staff-rq-and"))))
            .unwrap_or_default(),
        extended_to: v.deadlines.as_ref().map(|d| t.date(d.extended_deadline)).unwrap_or_default(),
        earlier,
        user: Some(user),
        v,
        asked,
        items,
        preferred_format,
        receiving_controller,
        message,
        collected,
        timeline,
        t,
    };
    html_page(status, &page)
}

/// Who did it: the staff member by name, the requester, the desk itself or an integration.
fn actor_name(t: &Tr, e: &EventRecord, names: &HashMap<i64, String>) -> String {
    match (e.actor_kind.as_str(), e.actor_staff_id) {
        (_, Some(id)) => {
            names.get(&id).cloned().unwrap_or_else(|| t.fmt("staff-actor-former", &[("id", &id.to_string())]))
        }
        ("requester", _) => t.get("staff-actor-requester"),
        ("integration", _) => t.get("staff-actor-integration"),
        _ => t.get("staff-actor-system"),
    }
}

/// An event of the timeline in words, naming who did it.
fn event_text(t: &Tr, e: &EventRecord, names: &HashMap<i64, String>) -> String {
    let who = actor_name(t, e, names);
    if e.kind == EventKind::Assigned.as_str() {
        return match e.payload.get("assignee").and_then(serde_json::Value::as_i64) {
            Some(id) => {
                let to = names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| t.fmt("staff-actor-former", &[("id", &id.to_string())]));
                t.fmt("staff-event-assigned", &[("who", &who), ("assignee", &to)])
            }
            None => t.fmt("staff-event-unassigned", &[("who", &who)]),
        };
    }
    if e.kind == EventKind::IdentityVerified.as_str() {
        let method = e
            .payload
            .get("method")
            .and_then(serde_json::Value::as_str)
            .and_then(|m| t.try_get(&format!("staff-identity-method-{m}")))
            .unwrap_or_default();
        let line = t.fmt("staff-event-identity_verified", &[("who", &who), ("method", &method)]);
        return match e.payload.get("ground").and_then(serde_json::Value::as_str) {
            Some("register_setting") => format!("{line} {}", t.get("staff-event-identity-register-setting")),
            _ => line,
        };
    }
    match e.kind.parse::<EventKind>() {
        Ok(kind) => t.fmt(&format!("staff-event-{}", kind.as_str()), &[("who", &who)]),
        // A kind this version does not know (written by a newer one): its name, readable.
        Err(_) => t.fmt("staff-event-other", &[("who", &who), ("what", &e.kind.replace('_', " "))]),
    }
}

/// What the request asks for, as (label, value) rows for the handler, in words; a correction's
/// items are the table beside them.
fn asked_rows(t: &Tr, details: &RequestDetails) -> Vec<(String, String)> {
    let scope = |scope: &Option<String>| scope.clone().unwrap_or_else(|| t.get("staff-rq-scope-everything"));
    let label = |key: &str| t.get(key);
    match details {
        RequestDetails::Inspection { scope: s } | RequestDetails::Erasure { scope: s } => {
            vec![(label("staff-rq-scope"), scope(s))]
        }
        RequestDetails::Correction { .. } => Vec::new(),
        RequestDetails::Objection { purposes, channels } => vec![
            (
                label("staff-rq-purposes-objected"),
                purposes
                    .iter()
                    .map(|p| t.get(&format!("purpose-{}", p.as_str())))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (
                label("staff-rq-channels"),
                channels
                    .iter()
                    .map(|c| t.get(&format!("channel-{}", c.as_str())))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ],
        RequestDetails::Restriction { grounds, explanation } => {
            let mut rows: Vec<(String, String)> = grounds
                .iter()
                .map(|g| (label("staff-rq-ground"), t.get(&format!("staff-ground-{}", g.as_str()))))
                .collect();
            rows.push((
                label("staff-rq-explanation"),
                explanation.clone().unwrap_or_else(|| t.get("staff-rq-none-given")),
            ));
            rows
        }
        RequestDetails::GeneralObjection { processing, situation } => vec![
            (label("staff-rq-processing-objected"), processing.clone()),
            (label("staff-rq-situation"), situation.clone()),
        ],
        RequestDetails::Portability { scope: s, format, receiving_controller } => vec![
            (label("staff-rq-scope"), scope(s)),
            (
                label("staff-rq-preferred-format"),
                format.map_or_else(|| t.get("staff-rq-no-preference"), |f| f.as_str().to_uppercase()),
            ),
            (
                label("staff-rq-transmit-to"),
                receiving_controller.clone().unwrap_or_else(|| t.get("staff-rq-transmit-not-asked")),
            ),
        ],
    }
}

/// `GET /staff/requests/{reference}`.
pub async fn request_page(
    state: web::Data<AppState>,
    Staff(user): Staff,
    reference: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show_request(&state, user, &reference, None, None).await
}

/// `GET /staff/requests/{reference}/attachments/{id}`: a file of the answer, while it is kept.
pub async fn attachment(
    state: web::Data<AppState>,
    Staff(user): Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (reference, id) = path.into_inner();
    let id: AttachmentId = id.parse().map_err(|_| AppError::NotFound)?;
    let Some(file) = queue::attachment(&state.ctx, &user, &reference, id).await? else {
        return Err(AppError::NotFound);
    };
    Ok(file_response(&file.name, &file.content_type, file.content))
}

/// After an action: back to the request page, or the page again with what was wrong.
pub(super) async fn done(
    state: &AppState,
    user: StaffUser,
    reference: &str,
    result: Result<(), AppError>,
) -> Result<HttpResponse, AppError> {
    done_typed(state, user, reference, result, None).await
}

/// [`done`], bringing a refused form back with what was typed into it.
async fn done_typed(
    state: &AppState,
    user: StaffUser,
    reference: &str,
    result: Result<(), AppError>,
    typed: Option<Typed>,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(redirect(&format!("/staff/requests/{}", reference.trim().to_uppercase()))),
        Err(e) if e.shown_on_form() => {
            let status = e.status_code();
            show_request(state, user, reference, Some((status, e)), typed).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /staff/requests/{reference}/claim`: assigns the request to the user and starts work.
pub async fn claim(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let result = queue::claim(&state.ctx, &form.user, &reference).await.map_err(AppError::from);
    done(&state, form.user, &reference, result).await
}

/// The assignment form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AssignFields {
    /// A staff id, or empty for nobody.
    assignee: String,
}

/// `POST /staff/requests/{reference}/assign`.
pub async fn assign(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<AssignFields>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let result = async {
        let assignee = match fields.assignee.trim() {
            "" => None,
            id => Some(
                id.parse::<StaffId>()
                    .map_err(|_| AppError::invalid("assignee", Msg::new("problem-staff-member")))?,
            ),
        };
        Ok(decisions::assign(&state.ctx, &user, &reference, assignee).await?)
    }
    .await;
    done(&state, user, &reference, result).await
}

/// The note form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NoteFields {
    body: String,
}

/// `POST /staff/requests/{reference}/notes`: an internal note.
pub async fn add_note(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<NoteFields>,
) -> Result<HttpResponse, AppError> {
    let result =
        queue::add_note(&state.ctx, &form.user, &reference, &form.fields.body).await.map_err(AppError::from);
    done(&state, form.user, &reference, result).await
}

/// The identity assurance form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct IdentityFields {
    method: String,
    note: String,
}

/// `POST /staff/requests/{reference}/identity`: further identity assurance (method and note).
pub async fn record_identity(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<IdentityFields>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let result = async {
        let method: IdentityMethod = parse("method", &fields.method)?;
        Ok(decisions::record_identity(&state.ctx, &user, &reference, method, &fields.note).await?)
    }
    .await;
    done(&state, user, &reference, result).await
}

/// The question to the requester.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct QuestionFields {
    reason: String,
    /// For an identity question: why there is reasonable doubt.
    doubt: String,
    question: String,
}

/// `POST /staff/requests/{reference}/ask`: asks the requester; the deadline clock pauses.
pub async fn ask_requester(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<QuestionFields>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let result = async {
        let reason: QuestionReason = parse("reason", &fields.reason)?;
        let doubt = parse_optional::<IdentityDoubt>("doubt", Some(&fields.doubt))?;
        Ok(decisions::ask_requester(&state.ctx, &user, &reference, reason, doubt, &fields.question).await?)
    }
    .await;
    let typed = Typed::of(
        "ask",
        [
            ("reason".to_owned(), fields.reason),
            ("doubt".to_owned(), fields.doubt),
            ("question".to_owned(), fields.question),
        ],
    );
    done_typed(&state, user, &reference, result, Some(typed)).await
}

/// The date the requester's answer arrived (empty: today), and a note on it.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ResumeFields {
    arrived_on: String,
    note: String,
}

/// `POST /staff/requests/{reference}/resume`: the requester's answer arrived; the clock resumes.
pub async fn record_answer(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<ResumeFields>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let result = async {
        let arrived_on = parse_optional::<chrono::NaiveDate>("arrived_on", Some(&fields.arrived_on))
            .map_err(|_| AppError::invalid("arrived_on", Msg::new("problem-date")))?;
        Ok(decisions::record_answer(&state.ctx, &user, &reference, arrived_on, &fields.note).await?)
    }
    .await;
    done(&state, user, &reference, result).await
}

/// The reasons of an extension or a refusal.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ReasonsFields {
    reasons: String,
    /// A refusal: the checkbox confirming that the unanswered question is closed.
    close_question: String,
}

/// `POST /staff/requests/{reference}/extend`: the one extension, with reasons.
pub async fn extend_deadline(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<ReasonsFields>,
) -> Result<HttpResponse, AppError> {
    let result = decisions::extend(&state.ctx, &form.user, &reference, &form.fields.reasons)
        .await
        .map_err(AppError::from);
    let typed = Typed::of("extend", [("reasons".to_owned(), form.fields.reasons.clone())]);
    done_typed(&state, form.user, &reference, result, Some(typed)).await
}

/// `POST /staff/requests/{reference}/refuse`: refuses the request, with reasons.
pub async fn refuse_request(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<ReasonsFields>,
) -> Result<HttpResponse, AppError> {
    let result = decisions::refuse(
        &state.ctx,
        &form.user,
        &reference,
        &form.fields.reasons,
        !form.fields.close_question.is_empty(),
    )
    .await
    .map_err(AppError::from);
    let CsrfForm { user, fields, .. } = form;
    let typed = Typed::of(
        "refuse",
        [("reasons".to_owned(), fields.reasons), ("close_question".to_owned(), fields.close_question)],
    );
    done_typed(&state, user, &reference, result, Some(typed)).await
}

/// Correction items a request can carry (the public form offers fewer).
const MAX_ITEMS: usize = 20;

/// The answer form (its files come beside it).
#[derive(Deserialize)]
pub struct AnswerFields {
    #[serde(default)]
    message: String,
    #[serde(default)]
    recipients: String,
    #[serde(default)]
    erasure_outcome: String,
    #[serde(default)]
    retention_duty: String,
    /// Inspection: the checkbox "no personal data of the requester are held".
    #[serde(default)]
    no_data_held: String,
    /// Correction and erasure: the checkbox "disclosed to no one" (GDPR Art 19).
    #[serde(default)]
    no_recipients: String,
    /// Erasure partly refused: what is kept.
    #[serde(default)]
    kept: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    restricted_data: String,
    #[serde(default)]
    restricted_until: String,
    #[serde(default)]
    overriding_grounds: String,
    #[serde(default)]
    transmission: String,
    /// The checkbox confirming that the unanswered question is closed.
    #[serde(default)]
    close_question: String,
    /// `item{n}_outcome` and `item{n}_reason` of each correction item (and the other fields).
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

impl AnswerFields {
    /// Every field as typed, by name.
    fn typed(&self) -> Vec<(String, String)> {
        let named = [
            ("message", &self.message),
            ("recipients", &self.recipients),
            ("erasure_outcome", &self.erasure_outcome),
            ("retention_duty", &self.retention_duty),
            ("no_data_held", &self.no_data_held),
            ("no_recipients", &self.no_recipients),
            ("kept", &self.kept),
            ("decision", &self.decision),
            ("restricted_data", &self.restricted_data),
            ("restricted_until", &self.restricted_until),
            ("overriding_grounds", &self.overriding_grounds),
            ("transmission", &self.transmission),
            ("close_question", &self.close_question),
        ];
        named
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.clone()))
            .chain(self.rest.iter().map(|(k, v)| (k.clone(), v.clone())))
            .collect()
    }

    fn into_input(mut self) -> AnswerInput {
        let mut take = |key: String| self.rest.remove(&key).unwrap_or_default();
        let items = (0..MAX_ITEMS)
            .map(|n| (take(format!("item{n}_outcome")), take(format!("item{n}_reason"))))
            .collect();
        AnswerInput {
            message: self.message,
            no_data_held: !self.no_data_held.is_empty(),
            items,
            recipients: self.recipients,
            erasure_outcome: self.erasure_outcome,
            retention_duty: self.retention_duty,
            no_recipients: !self.no_recipients.is_empty(),
            kept: self.kept,
            decision: self.decision,
            restricted_data: self.restricted_data,
            restricted_until: self.restricted_until,
            overriding_grounds: self.overriding_grounds,
            transmission: self.transmission,
            close_question: !self.close_question.is_empty(),
        }
    }
}

/// `POST /staff/requests/{reference}/complete`: the answer, with files for an inspection or a
/// portability request. An upload over the limit brings the page back with 413.
pub async fn complete_request(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: UploadForm<AnswerFields>,
) -> Result<HttpResponse, AppError> {
    let UploadForm { user, sent } = form;
    let (result, typed) = match sent {
        Sent::TooLarge { limit } => (Err(AppError::PayloadTooLarge { limit }), None),
        Sent::Form { fields, files } => {
            let mut typed = Typed::of("complete", fields.typed());
            typed.files_chosen = !files.is_empty();
            let result = decisions::complete(&state.ctx, &user, &reference, &fields.into_input(), files)
                .await
                .map_err(AppError::from);
            (result, Some(typed))
        }
    };
    done_typed(&state, user, &reference, result, typed).await
}

/// The re-run form: which source.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SourceFields {
    source: String,
}

/// `POST /staff/requests/{reference}/sources/rerun`: collects one source's data again.
pub async fn rerun_source(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<SourceFields>,
) -> Result<HttpResponse, AppError> {
    let result = collection::rerun(&state.ctx, &form.user, &reference, form.fields.source.trim())
        .await
        .map_err(AppError::from);
    done(&state, form.user, &reference, result).await
}

/// The form that leaves collected data out of the answer.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ExcludeFields {
    source: String,
    lookup: String,
    /// Row numbers as shown, separated by commas or spaces.
    rows: String,
    #[serde(rename = "column")]
    columns: Vec<String>,
    reason: String,
}

/// `POST /staff/requests/{reference}/sources/exclude`: leaves rows or columns out of the answer.
pub async fn exclude_data(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<ExcludeFields>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let result = async {
        let mut rows = Vec::new();
        for part in fields.rows.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()) {
            let n: usize =
                part.parse().ok().filter(|n| *n >= 1 && *n <= crate::domain::sources::MAX_ROWS).ok_or_else(
                    || AppError::invalid("rows", Msg::new("problem-row-number").text("row", part)),
                )?;
            rows.push(n);
        }
        let target = collection::Exclusion {
            source: fields.source.trim().to_owned(),
            lookup: fields.lookup.trim().to_owned(),
            rows,
            columns: fields.columns.iter().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).collect(),
            reason: fields.reason,
        };
        collection::exclude(&state.ctx, &user, &reference, &target).await.map_err(AppError::from)
    }
    .await;
    done(&state, user, &reference, result).await
}

/// `POST /staff/requests/{reference}/sources/erase`: approves the erasure steps of the register's
/// sources; a job runs them.
pub async fn erase_in_sources(
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let result =
        collection::approve_erasure(&state.ctx, &form.user, &reference).await.map_err(AppError::from);
    done(&state, form.user, &reference, result).await
}
