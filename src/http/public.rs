//! Public pages: the landing page, the request form, email verification (link and code), new
//! codes and the private status page. They work without JavaScript; every message is translated.

use std::collections::HashMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use rand::Rng;
use sha2::{Digest, Sha256};

use super::AppState;
use super::lang::{self, LangLink};
use super::limits::{self, Limit};
use crate::domain::request::{self, CorrectionItemInput, Issue, RequestInput, RequesterInput};
use crate::domain::{Email as Address, Language, ObjectionChannel, Register, RequestKind};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::service::intake::{self, Channel, Idempotency, Proof, Resend, Verification};
use crate::service::status::{self, StatusView, Withdrawal};

/// Correction rows offered by the form without JavaScript.
const FORM_ITEMS: usize = 3;

fn render(template: &impl Template) -> Result<HttpResponse, AppError> {
    super::html_page(StatusCode::OK, template)
}

/// Parses an `application/x-www-form-urlencoded` body, keeping repeated keys.
fn form_pairs(body: &[u8]) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in form_urlencoded::parse(body) {
        map.entry(k.into_owned()).or_default().push(v.into_owned());
    }
    map
}

fn first<'a>(form: &'a HashMap<String, Vec<String>>, key: &str) -> &'a str {
    form.get(key).and_then(|v| v.first()).map(String::as_str).unwrap_or("")
}

#[derive(serde::Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

#[derive(Template)]
#[template(path = "public/index.html")]
struct IndexPage<'a> {
    t: Tr,
    languages: Vec<LangLink>,
    registers: &'a [Register],
}

/// `GET /`: the registers whose data subjects may make requests here.
pub async fn index(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let language = lang::choose(&req, query.lang.as_deref(), Language::Fi);
    render(&IndexPage {
        t: Tr::new(language),
        languages: lang::links("/", language),
        registers: &state.ctx.registers,
    })
}

/// Values echoed back into the form.
#[derive(Default)]
struct FormValues {
    kind: String,
    name: String,
    email: String,
    phone: String,
    customer_number: String,
    inspection_scope: String,
    erasure_scope: String,
    items: Vec<ItemValues>,
    purposes: Vec<String>,
    channels: Vec<String>,
}

#[derive(Default, Clone)]
struct ItemValues {
    field: String,
    current: String,
    corrected: String,
    reason: String,
}

impl ItemValues {
    /// (label key part, value, input name) of each input of row `index`.
    fn parts(&self, index: &usize) -> Vec<(&'static str, &str, String)> {
        vec![
            ("field", self.field.as_str(), format!("item_field_{index}")),
            ("current", self.current.as_str(), format!("item_current_{index}")),
            ("corrected", self.corrected.as_str(), format!("item_corrected_{index}")),
            ("reason", self.reason.as_str(), format!("item_reason_{index}")),
        ]
    }
}

impl FormValues {
    fn from_form(form: &HashMap<String, Vec<String>>) -> Self {
        let items = (0..FORM_ITEMS)
            .map(|i| ItemValues {
                field: first(form, &format!("item_field_{i}")).to_owned(),
                current: first(form, &format!("item_current_{i}")).to_owned(),
                corrected: first(form, &format!("item_corrected_{i}")).to_owned(),
                reason: first(form, &format!("item_reason_{i}")).to_owned(),
            })
            .collect();
        Self {
            kind: first(form, "kind").to_owned(),
            name: first(form, "name").to_owned(),
            email: first(form, "email").to_owned(),
            phone: first(form, "phone").to_owned(),
            customer_number: first(form, "customer_number").to_owned(),
            inspection_scope: first(form, "inspection_scope").to_owned(),
            erasure_scope: first(form, "erasure_scope").to_owned(),
            items,
            purposes: form.get("purposes").cloned().unwrap_or_default(),
            channels: form.get("channels").cloned().unwrap_or_default(),
        }
    }

    /// (name, value, input type, autocomplete) of the requester's inputs.
    fn requester_fields(&self) -> Vec<(&'static str, &str, &'static str, &'static str)> {
        vec![
            ("name", self.name.as_str(), "text", "name"),
            ("email", self.email.as_str(), "email", "email"),
            ("phone", self.phone.as_str(), "tel", "tel"),
            ("customer_number", self.customer_number.as_str(), "text", "off"),
        ]
    }

    /// The input in the shape of the API body; blank correction rows are left out.
    fn to_input(&self, language: Language) -> (RequestInput, Vec<usize>) {
        let filled: Vec<usize> = (0..self.items.len())
            .filter(|i| {
                let it = &self.items[*i];
                [&it.field, &it.current, &it.corrected, &it.reason].iter().any(|v| !v.trim().is_empty())
            })
            .collect();
        let items = filled
            .iter()
            .map(|i| {
                let it = &self.items[*i];
                CorrectionItemInput {
                    field: Some(it.field.clone()),
                    current_value: Some(it.current.clone()),
                    corrected_value: Some(it.corrected.clone()),
                    reason: Some(it.reason.clone()),
                }
            })
            .collect();
        let scope = match self.kind.as_str() {
            "inspection" => Some(self.inspection_scope.clone()),
            "erasure" => Some(self.erasure_scope.clone()),
            _ => None,
        };
        let input = RequestInput {
            kind: (!self.kind.is_empty()).then(|| self.kind.clone()),
            language: Some(language.as_str().to_owned()),
            requester: Some(RequesterInput {
                name: Some(self.name.clone()),
                email: Some(self.email.clone()),
                phone: Some(self.phone.clone()),
                customer_number: Some(self.customer_number.clone()),
            }),
            scope,
            items: Some(items),
            purposes: Some(self.purposes.clone()),
            channels: Some(self.channels.clone()),
        };
        (input, filled)
    }
}

/// A field error as shown: the id of the input it belongs to and the translated message.
struct FieldError {
    id: String,
    message: String,
}

#[derive(Template)]
#[template(path = "public/request_form.html")]
struct FormPage<'a> {
    t: Tr,
    languages: Vec<LangLink>,
    register: &'a Register,
    v: FormValues,
    errors: Vec<FieldError>,
    submission_id: String,
    kinds: Vec<&'static str>,
    channels: Vec<&'static str>,
}

impl FormPage<'_> {
    fn error(&self, id: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.id == id).map(|e| e.message.as_str())
    }
}

fn new_submission_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill(&mut bytes);
    hex::encode(bytes)
}

/// The translated message of a validation issue.
pub fn issue_message(t: &Tr, issue: &Issue) -> String {
    let args = issue.code.args();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    t.fmt(issue.code.message_key(), &args)
}

/// Maps a validation field (as named in the API body) to the form input showing it.
fn input_id(field: &str, kind: &str, filled_rows: &[usize]) -> String {
    match field {
        "requester.name" => "name".into(),
        "requester.email" => "email".into(),
        "requester.phone" => "phone".into(),
        "requester.customer_number" => "customer_number".into(),
        "scope" if kind == "erasure" => "erasure_scope".into(),
        "scope" => "inspection_scope".into(),
        f if f.starts_with("items[") => {
            // items[i].part → the form row that held the i-th filled item.
            let inner = &f["items[".len()..];
            let (index, part) = inner.split_once("].").unwrap_or((inner.trim_end_matches(']'), ""));
            let row = index.parse::<usize>().ok().and_then(|i| filled_rows.get(i).copied()).unwrap_or(0);
            let part = match part {
                "field" => "field",
                "current_value" => "current",
                "reason" => "reason",
                _ => "corrected",
            };
            format!("item_{part}_{row}")
        }
        other => other.to_owned(),
    }
}

fn find_register<'a>(state: &'a AppState, key: &str) -> Result<&'a Register, AppError> {
    state.ctx.register(key).ok_or(AppError::NotFound)
}

fn form_page<'a>(
    register: &'a Register,
    language: Language,
    v: FormValues,
    errors: Vec<FieldError>,
    submission_id: String,
) -> FormPage<'a> {
    FormPage {
        t: Tr::new(language),
        languages: lang::links(&format!("/r/{}/request", register.key), language),
        register,
        v,
        errors,
        submission_id,
        kinds: RequestKind::ALL.iter().map(|k| k.as_str()).collect(),
        channels: ObjectionChannel::ALL.iter().map(|c| c.as_str()).collect(),
    }
}

/// `GET /r/{register}/request`: the request form.
pub async fn request_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let register = find_register(&state, &path)?;
    let language = lang::choose(&req, query.lang.as_deref(), register.default_language());
    let values = FormValues { items: vec![ItemValues::default(); FORM_ITEMS], ..FormValues::default() };
    render(&form_page(register, language, values, Vec::new(), new_submission_id()))
}

/// `POST /r/{register}/request`: validates; on errors the form comes back with each field's
/// message; on success a redirect to the same "check your email" page whoever the requester is.
/// The hidden submission id makes a double click create one request.
pub async fn submit_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let register = find_register(&state, &path)?;
    let form = form_pairs(&body);
    let language = lang::choose(&req, Some(first(&form, "lang")), register.default_language());
    let values = FormValues::from_form(&form);
    let (input, filled) = values.to_input(language);
    let country = register.jurisdiction.calling_code();
    let valid =
        match request::validate(&input, &register.objection_purposes, country, register.default_language()) {
            Ok(valid) => valid,
            Err(issues) => {
                let t = Tr::new(language);
                let errors = issues
                    .iter()
                    .map(|i| FieldError {
                        id: input_id(&i.field, &values.kind, &filled),
                        message: issue_message(&t, i),
                    })
                    .collect();
                let submission_id = first(&form, "submission_id").to_owned();
                let page = form_page(register, language, values, errors, submission_id);
                return super::html_page(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
        };
    limits::check(&state.ctx, &req, Limit::Submit).await?;
    let submission_id = first(&form, "submission_id");
    let idempotency = (!submission_id.is_empty()).then(|| Idempotency {
        scope: "form",
        key: submission_id,
        fingerprint: Sha256::digest(&body).to_vec(),
    });
    match intake::submit(&state.ctx, register, &valid, Channel::Web, idempotency).await {
        Ok(_) | Err(intake::IntakeError::IdempotencyMismatch) => {}
        Err(intake::IntakeError::Db(e)) => return Err(e.into()),
    }
    Ok(super::redirect(&format!("/verify?sent=1&lang={language}")))
}

#[derive(Template)]
#[template(path = "public/sent.html")]
struct CodePage {
    t: Tr,
    languages: Vec<LangLink>,
    sent: bool,
    resent: bool,
    reference: String,
    message: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct VerifyQuery {
    lang: Option<String>,
    sent: Option<String>,
    resent: Option<String>,
}

fn code_page(
    language: Language,
    sent: bool,
    resent: bool,
    reference: String,
    message: Option<String>,
) -> CodePage {
    CodePage {
        t: Tr::new(language),
        languages: lang::links("/verify", language),
        sent,
        resent,
        reference,
        message,
    }
}

/// `GET /verify`: "check your email" and the code form.
pub async fn code_form(req: HttpRequest, query: web::Query<VerifyQuery>) -> Result<HttpResponse, AppError> {
    let language = lang::choose(&req, query.lang.as_deref(), Language::Fi);
    render(&code_page(language, query.sent.is_some(), query.resent.is_some(), String::new(), None))
}

#[derive(Template)]
#[template(path = "public/verify_link.html")]
struct LinkPage {
    t: Tr,
    languages: Vec<LangLink>,
    token: String,
}

/// `GET /verify/{token}`: a confirmation button. Opening the link changes nothing, so that mail
/// scanners that prefetch links cannot confirm a request on the requester's behalf.
pub async fn verify_link(
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    let language = lang::choose(&req, query.lang.as_deref(), Language::Fi);
    let token: String = path.chars().take(64).collect();
    let languages = lang::links(&format!("/verify/{token}"), language);
    render(&LinkPage { t: Tr::new(language), languages, token })
}

#[derive(Template)]
#[template(path = "public/verified.html")]
struct VerifiedPage {
    t: Tr,
    languages: Vec<LangLink>,
    reference: String,
    status_link: String,
}

#[derive(Template)]
#[template(path = "public/message.html")]
pub(super) struct MessagePage {
    t: Tr,
    languages: Vec<LangLink>,
    title: String,
    body: String,
}

impl MessagePage {
    /// A page with a translated title and text.
    pub(super) fn new(t: Tr, title_key: &str, body_key: &str) -> Self {
        let language = t.language();
        Self { title: t.get(title_key), body: t.get(body_key), languages: lang::links("/", language), t }
    }
}

fn message(language: Language, title_key: &str, body: String) -> Result<HttpResponse, AppError> {
    let t = Tr::new(language);
    render(&MessagePage { title: t.get(title_key), t, languages: lang::links("/", language), body })
}

/// `POST /verify`: a link token (`token`) or a reference and code (`reference`, `code`).
pub async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let language = lang::choose(&req, Some(first(&form, "lang")), Language::Fi);
    limits::check(&state.ctx, &req, Limit::Verify).await?;
    let token = first(&form, "token");
    let reference = first(&form, "reference").trim().to_uppercase();
    let proof = if token.is_empty() {
        Proof::Code { reference: &reference, code: first(&form, "code") }
    } else {
        Proof::Token(token)
    };
    let t = Tr::new(language);
    let retry = |message: String| -> Result<HttpResponse, AppError> {
        let page = code_page(language, false, false, reference.clone(), Some(message));
        super::html_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
    };
    match intake::verify(&state.ctx, proof).await? {
        Verification::Verified { reference, status_token } => render(&VerifiedPage {
            t,
            languages: lang::links("/", language),
            reference,
            status_link: state.ctx.link(&format!("/status/{status_token}")),
        }),
        Verification::AlreadyVerified { .. } => message(language, "verify-title", t.get("already-verified")),
        Verification::Wrong { attempts_left } => {
            retry(t.fmt("verify-wrong", &[("left", &attempts_left.to_string())]))
        }
        Verification::Locked => retry(t.get("verify-locked")),
        Verification::Expired => retry(t.get("verify-expired")),
        Verification::NotFound => retry(t.get("verify-not-found")),
    }
}

/// `POST /verify/resend`: a new code for (reference, email). The answer never says whether they
/// matched a request.
pub async fn resend(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let language = lang::choose(&req, Some(first(&form, "lang")), Language::Fi);
    limits::check(&state.ctx, &req, Limit::Resend).await?;
    let reference = first(&form, "reference").trim().to_uppercase();
    if let Ok(email) = Address::parse(first(&form, "email"))
        && intake::resend(&state.ctx, &reference, &email).await? == Resend::TooMany
    {
        let t = Tr::new(language);
        let page = code_page(language, false, false, reference, Some(t.get("verify-too-many")));
        return super::html_page(StatusCode::TOO_MANY_REQUESTS, &page);
    }
    Ok(super::redirect(&format!("/verify?resent=1&lang={language}")))
}

#[derive(Template)]
#[template(path = "public/status.html")]
struct StatusPage {
    t: Tr,
    languages: Vec<LangLink>,
    reference: String,
    state: String,
    received: String,
    deadline: Option<String>,
    /// (RFC 3339 time, date as written in the language, what happened)
    timeline: Vec<(String, String, String)>,
    can_withdraw: bool,
    token: String,
    withdrawn: bool,
    question: Option<String>,
    /// A note after an answer was sent (translated), and whether it is an error.
    reply_note: Option<(String, bool)>,
}

impl StatusPage {
    fn new(view: &StatusView, language: Language, token: &str, withdrawn: bool) -> Self {
        let t = Tr::new(language);
        Self {
            languages: lang::links(&format!("/status/{token}"), language),
            reference: view.reference.clone(),
            state: t.get(&format!("state-{}", view.status.as_str())),
            received: t.date(view.received_on),
            deadline: view.deadline.filter(|_| view.status.is_open()).map(|d| t.date(d)),
            timeline: view
                .timeline
                .iter()
                .map(|(at, kind)| (at.to_rfc3339(), t.date(at.date_naive()), t.get(&format!("event-{kind}"))))
                .collect(),
            can_withdraw: view.can_withdraw(),
            token: token.to_owned(),
            withdrawn,
            question: view.question.clone(),
            reply_note: None,
            t,
        }
    }
}

/// `GET /status/{token}`: state, deadline and the requester-visible timeline.
pub async fn status_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    show_status(&req, &state, &path, query.lang.as_deref(), false).await
}

async fn show_status(
    req: &HttpRequest,
    state: &AppState,
    token: &str,
    lang_param: Option<&str>,
    withdrawn: bool,
) -> Result<HttpResponse, AppError> {
    let Some(view) = status::view(&state.ctx, token).await? else {
        let language = lang::choose(req, lang_param, Language::Fi);
        let t = Tr::new(language);
        let page = MessagePage {
            title: t.get("status-not-found"),
            body: String::new(),
            t,
            languages: lang::links("/", language),
        };
        return super::html_page(StatusCode::NOT_FOUND, &page);
    };
    let language = lang::choose(req, lang_param, view.language);
    render(&StatusPage::new(&view, language, token, withdrawn))
}

/// `POST /status/{token}/answer`: the requester answers the handler's question.
pub async fn reply(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    limits::check(&state.ctx, &req, Limit::Verify).await?;
    let form = form_pairs(&body);
    let outcome = status::reply(&state.ctx, &path, first(&form, "answer")).await?;
    let Some(view) = status::view(&state.ctx, &path).await? else { return Err(AppError::NotFound) };
    let language = lang::choose(&req, Some(first(&form, "lang")), view.language);
    let mut page = StatusPage::new(&view, language, &path, false);
    let (code, note) = match outcome {
        status::Reply::Received => (StatusCode::OK, ("status-answer-received", false)),
        status::Reply::Invalid => (StatusCode::UNPROCESSABLE_ENTITY, ("status-answer-invalid", true)),
        status::Reply::NotAwaited => (StatusCode::CONFLICT, ("status-answer-not-awaited", true)),
        status::Reply::NotFound => return Err(AppError::NotFound),
    };
    page.reply_note = Some((page.t.get(note.0), note.1));
    super::html_page(code, &page)
}

/// `POST /status/{token}/withdraw`.
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    match status::withdraw(&state.ctx, &path).await? {
        Withdrawal::Withdrawn { .. } => show_status(&req, &state, &path, None, true).await,
        Withdrawal::NotAllowed { status } => Err(AppError::Conflict(format!("the request is {status}"))),
        Withdrawal::NotFound => Err(AppError::NotFound),
    }
}

/// `GET /static/app.css`.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../static/app.css"))
}
