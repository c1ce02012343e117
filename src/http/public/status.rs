//! The requester's private status page (`/status/{token}`): state, deadline and timeline, the
//! handler's question with the answer form, and withdrawal.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{Footer, LangQuery, MessagePage, language, limited, too_many, too_many_message};
use crate::domain::Language;
use crate::error::AppError;
use crate::http::AppState;
use crate::http::form::fields;
use crate::http::lang::{self, LangLink};
use crate::http::limits::Limit;
use crate::http::respond::{back_to, html_page, render};
use crate::i18n::Tr;
use crate::service::status::{self, Reply, StatusView, Withdrawal};

#[derive(Template)]
#[template(path = "public/status.html")]
struct StatusPage {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    reference: String,
    state: String,
    received: String,
    deadline: Option<String>,
    /// Since when the deadline is paused (then `deadline` is the projection if answered today).
    paused_since: Option<String>,
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
    fn new(req: &HttpRequest, view: &StatusView, language: Language, token: &str, withdrawn: bool) -> Self {
        let t = Tr::new(language);
        Self {
            languages: lang::links(&format!("/status/{token}"), language),
            footer: Footer::for_request(req, Some(&view.register_key), language),
            reference: view.reference.clone(),
            state: t.get(&format!("state-{}", view.status.as_str())),
            received: t.date(view.received_on),
            deadline: view.deadline.map(|d| t.date(d)),
            paused_since: view.paused_since.map(|d| t.date(d)),
            timeline: view
                .timeline
                .iter()
                .map(|(at, day, kind)| (at.to_rfc3339(), t.date(*day), t.get(&format!("event-{kind}"))))
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
        let t = Tr::new(language(req, lang_param, Language::Fi));
        let page = MessagePage::with_body(req, t, "status-not-found", String::new());
        return html_page(StatusCode::NOT_FOUND, &page);
    };
    let language = language(req, lang_param, view.language);
    render(&StatusPage::new(req, &view, language, token, withdrawn))
}

/// The requester's answer form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AnswerFields {
    lang: String,
    answer: String,
}

/// The status page after an answer form, in the form's language (else the request's).
async fn page_after_reply(
    req: &HttpRequest,
    state: &AppState,
    token: &str,
    lang_field: &str,
) -> Result<StatusPage, AppError> {
    let Some(view) = status::view(&state.ctx, token).await? else { return Err(AppError::NotFound) };
    let language = language(req, Some(lang_field), view.language);
    Ok(StatusPage::new(req, &view, language, token, false))
}

/// `POST /status/{token}/answer`: the requester answers the handler's question.
pub async fn reply(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form: AnswerFields = fields(&body)?;
    if let Some(retry_after) = limited(&state.ctx, &req, Limit::Verify).await? {
        let mut page = page_after_reply(&req, &state, &path, &form.lang).await?;
        page.reply_note = Some((too_many_message(page.t.language()), true));
        return too_many(&page, retry_after);
    }
    let outcome = status::reply(&state.ctx, &path, &form.answer).await?;
    let mut page = page_after_reply(&req, &state, &path, &form.lang).await?;
    let (code, note) = match outcome {
        Reply::Received => (StatusCode::OK, ("status-answer-received", false)),
        Reply::Invalid => (StatusCode::UNPROCESSABLE_ENTITY, ("status-answer-invalid", true)),
        Reply::NotAwaited => (StatusCode::CONFLICT, ("status-answer-not-awaited", true)),
        Reply::NotFound => return Err(AppError::NotFound),
    };
    page.reply_note = Some((page.t.get(note.0), note.1));
    html_page(code, &page)
}

/// `POST /status/{token}/withdraw`.
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    back_to(&req, format!("/status/{path}"));
    match status::withdraw(&state.ctx, &path).await? {
        Withdrawal::Withdrawn { .. } => show_status(&req, &state, &path, None, true).await,
        Withdrawal::NotAllowed { status } => Err(AppError::Conflict(format!("the request is {status}"))),
        Withdrawal::NotFound => Err(AppError::NotFound),
    }
}
