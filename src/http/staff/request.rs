//! The request page and its actions, one route each: claim, assign, notes, identity, ask,
//! resume, extend, complete (with files) and refuse. A field is parsed into its domain type here;
//! an action the state does not allow (409) or input that does not do (422) brings the page back
//! with the message, and a request of a register the user may not see answers 404, exactly like a
//! request that does not exist.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::answer::AnswerInput;
use crate::domain::lifecycle::{Action, Status};
use crate::domain::register::Notice;
use crate::domain::request::RequestDetails;
use crate::domain::{
    AttachmentId, CollectionStatus, IdentityDoubt, IdentityMethod, Language, QuestionReason, RequestKind,
    RestrictionGround, StaffId,
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

#[derive(Template)]
#[template(path = "staff/request.html")]
struct RequestPage<'a> {
    /// Staff pages are in English for now; the register's texts come in it too.
    t: Tr,
    /// The register's description (its privacy notice), beside the request.
    notice: Option<Notice<'a>>,
    /// The request's language, for texts pre-filled for the requester.
    rt: Tr,
    user: Option<StaffUser>,
    csrf: String,
    v: queue::RequestView,
    details: String,
    /// What was asked, as (label, value) rows.
    asked: Vec<(&'static str, String)>,
    /// Correction items: (index, field, current value, corrected value).
    items: Vec<(usize, String, String, String)>,
    /// Portability: the format the requester prefers and the controller to transmit to.
    preferred_format: Option<String>,
    receiving_controller: Option<String>,
    can_claim: bool,
    open: bool,
    can_ask: bool,
    awaiting: bool,
    can_extend: bool,
    can_answer: bool,
    identity_methods: Vec<&'static str>,
    message: Option<String>,
    /// The data collected from the register's systems, and its erasure steps.
    collected: Option<collection::Collected>,
}

/// The request page, with the status and message of a refused action if there was one.
async fn show_request(
    state: &AppState,
    user: StaffUser,
    reference: &str,
    problem: Option<(StatusCode, String)>,
) -> Result<HttpResponse, AppError> {
    let Some(v) = queue::request(&state.ctx, &user, reference).await? else { return Err(AppError::NotFound) };
    let details = serde_json::to_string_pretty(&v.details).unwrap_or_default();
    let asked_for = serde_json::from_value::<RequestDetails>(v.details.clone()).ok();
    let asked = asked_for.as_ref().map(asked_rows).unwrap_or_default();
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
            .map(|(n, i)| (n, i.field, i.current_value.unwrap_or_default(), i.corrected_value))
            .collect(),
        _ => Vec::new(),
    };
    let (status, message) = match problem {
        Some((status, m)) => (status, Some(m)),
        None => (StatusCode::OK, None),
    };
    let notice = state.ctx.any_register(&v.register_key).map(|r| r.notice(Language::En));
    let collected = collection::view(&state.ctx, &user, reference).await?.filter(|c| !c.is_empty());
    let page = RequestPage {
        t: Tr::new(Language::En),
        rt: Tr::new(v.language),
        notice,
        csrf: user.csrf_token(&state.ctx),
        can_claim: v.status.is_open() && v.assignee.as_ref().is_none_or(|a| a.id != user.id),
        open: v.status.is_open(),
        can_ask: v.status.apply(Action::AskRequester).is_ok(),
        awaiting: v.status == Status::AwaitingRequester,
        can_extend: v.extension.is_ok(),
        can_answer: v.status.apply(Action::Complete).is_ok(),
        identity_methods: IdentityMethod::ALL.iter().map(|m| m.as_str()).collect(),
        user: Some(user),
        v,
        details,
        asked,
        items,
        preferred_format,
        receiving_controller,
        message,
        collected,
    };
    html_page(status, &page)
}

/// What the request asks for, as (label, value) rows for the handler.
fn asked_rows(details: &RequestDetails) -> Vec<(&'static str, String)> {
    let scope =
        |scope: &Option<String>| scope.clone().unwrap_or_else(|| "everything (no scope given)".into());
    let list = |names: Vec<&str>| names.join(", ");
    match details {
        RequestDetails::Inspection { scope: s } | RequestDetails::Erasure { scope: s } => {
            vec![("Scope", scope(s))]
        }
        RequestDetails::Correction { items } => items
            .iter()
            .map(|i| {
                let current = i.current_value.as_deref().unwrap_or("(not given)");
                let reason = i.reason.as_deref().map(|r| format!(" (reason: {r})")).unwrap_or_default();
                ("Item", format!("{}: \"{current}\" → \"{}\"{reason}", i.field, i.corrected_value))
            })
            .collect(),
        RequestDetails::Objection { purposes, channels } => vec![
            ("Purposes", list(purposes.iter().map(|p| p.as_str()).collect())),
            ("Channels", list(channels.iter().map(|c| c.as_str()).collect())),
        ],
        RequestDetails::Restriction { grounds, explanation } => {
            let mut rows: Vec<(&'static str, String)> =
                grounds.iter().map(|g| ("Ground", restriction_ground(*g).to_owned())).collect();
            rows.push(("Explanation", explanation.clone().unwrap_or_else(|| "(none)".into())));
            rows
        }
        RequestDetails::GeneralObjection { processing, situation } => vec![
            ("Processing objected to", processing.clone()),
            ("Grounds relating to the particular situation", situation.clone()),
        ],
        RequestDetails::Portability { scope: s, format, receiving_controller } => vec![
            ("Scope", scope(s)),
            (
                "Preferred format",
                format.map_or_else(|| "no preference".into(), |f| f.as_str().to_uppercase()),
            ),
            (
                "Transmit directly to",
                receiving_controller
                    .clone()
                    .unwrap_or_else(|| "(not asked: the requester receives the file)".into()),
            ),
        ],
    }
}

/// A ground of GDPR Art 18(1) in the handler's words.
fn restriction_ground(ground: RestrictionGround) -> &'static str {
    match ground {
        RestrictionGround::AccuracyContested => {
            "Art 18(1)(a): accuracy contested, restricted for the time needed to verify it"
        }
        RestrictionGround::UnlawfulProcessing => {
            "Art 18(1)(b): processing unlawful, erasure opposed, restriction of use asked instead"
        }
        RestrictionGround::LegalClaims => {
            "Art 18(1)(c): no longer needed by the controller, but needed by the requester for legal claims"
        }
        RestrictionGround::ObjectionPending => {
            "Art 18(1)(d): objection under Art 21(1) pending the verification of overriding grounds"
        }
    }
}

/// `GET /staff/requests/{reference}`.
pub async fn request_page(
    state: web::Data<AppState>,
    Staff(user): Staff,
    reference: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show_request(&state, user, &reference, None).await
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
    match result {
        Ok(()) => Ok(redirect(&format!("/staff/requests/{}", reference.trim().to_uppercase()))),
        Err(e) => match e.form_message() {
            Some(message) => show_request(state, user, reference, Some((e.status_code(), message))).await,
            None => Err(e),
        },
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
                id.parse::<StaffId>().map_err(|_| AppError::invalid("assignee", "choose a staff member"))?,
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
    done(&state, user, &reference, result).await
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
            .map_err(|_| AppError::invalid("arrived_on", "must be a date, YYYY-MM-DD"))?;
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
    done(&state, form.user, &reference, result).await
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
    done(&state, form.user, &reference, result).await
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
    let result = match sent {
        Sent::TooLarge { limit } => Err(AppError::PayloadTooLarge { limit }),
        Sent::Form { fields, files } => {
            decisions::complete(&state.ctx, &user, &reference, &fields.into_input(), files)
                .await
                .map_err(AppError::from)
        }
    };
    done(&state, user, &reference, result).await
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
            let n: usize = part
                .parse()
                .ok()
                .filter(|n| *n >= 1 && *n <= crate::domain::sources::MAX_ROWS)
                .ok_or_else(|| AppError::invalid("rows", format!("`{part}` is not a row number")))?;
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
