//! The requester's private status page (`/status/{token}`): state, deadline and timeline, the
//! handler's question with the answer form, the outcome once closed, and withdrawal (a
//! confirmation step saying what ends, then the withdrawal).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{AroundReference, Footer, LangQuery, MessagePage, language, limited, too_many, too_many_message};
use crate::domain::{Language, Msg};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::form::fields;
use crate::http::lang::{self, LangLink};
use crate::http::limits::Limit;
use crate::http::respond::{back_to, html_page, render};
use crate::i18n::Tr;
use crate::service::status::{self, Outcome, Reply, StatusView, Withdrawal};

#[derive(Template)]
#[template(path = "public/status.html")]
struct StatusPage {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    reference: String,
    /// The kind of request, in words.
    kind: String,
    state: String,
    received: String,
    /// The day it was closed (answered, refused, withdrawn or expired).
    closed: Option<String>,
    /// The outcome of a closed request.
    outcome: Option<OutcomeView>,
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

/// What the status page shows of a closed request's outcome.
enum OutcomeView {
    /// Answered by email; `download`: the answer's page and the last day it opens, or `None`
    /// once the link has closed.
    Answered { download: Option<Option<(String, String)>> },
    /// Refused: the reasons, and the supervisory authority to complain to.
    Refused { reasons: String, authority: Option<String> },
}

impl OutcomeView {
    fn of(outcome: &Outcome, view: &StatusView, t: &Tr, state: &AppState, token: &str) -> Self {
        let language = t.language();
        match outcome {
            Outcome::Completed { download } => OutcomeView::Answered {
                download: download.map(|until| {
                    until.map(|day| (format!("/download/{token}?lang={language}"), t.date(day)))
                }),
            },
            Outcome::Refused { reasons } => OutcomeView::Refused {
                reasons: reasons.clone(),
                authority: state
                    .ctx
                    .any_register(&view.register_key)
                    .map(|register| register.notice(language).authority.line()),
            },
        }
    }
}

impl StatusPage {
    /// The heading, around the reference.
    fn heading(&self) -> AroundReference {
        AroundReference::new(&self.t, "status-title", &self.reference)
    }

    fn new(
        req: &HttpRequest,
        state: &AppState,
        view: &StatusView,
        language: Language,
        token: &str,
        withdrawn: bool,
    ) -> Self {
        let t = Tr::new(language);
        Self {
            languages: lang::links(&format!("/status/{token}"), language),
            footer: Footer::for_request(req, Some(&view.register_key), language),
            reference: view.reference.clone(),
            kind: t.get(view.kind.message_key()),
            closed: view.closed_on.map(|d| t.date(d)),
            outcome: view.outcome.as_ref().map(|o| OutcomeView::of(o, view, &t, state, token)),
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
    let language = lang::of_request(lang_param, view.language);
    render(&StatusPage::new(req, state, &view, language, token, withdrawn))
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
    let language = lang::of_request(Some(lang_field), view.language);
    Ok(StatusPage::new(req, state, &view, language, token, false))
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

#[derive(Template)]
#[template(path = "public/withdraw.html")]
struct WithdrawPage {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    token: String,
    reference: String,
    kind: String,
    received: String,
    /// What ends with the withdrawal of this kind of request.
    ends: String,
}

/// The confirmation step of a withdrawal, or the status page when the request can no longer be
/// withdrawn.
async fn confirm_withdrawal(
    req: &HttpRequest,
    state: &AppState,
    token: &str,
    lang_param: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let Some(view) = status::view(&state.ctx, token).await? else {
        return show_status(req, state, token, lang_param, false).await;
    };
    if !view.can_withdraw() {
        return show_status(req, state, token, lang_param, false).await;
    }
    let language = lang::of_request(lang_param, view.language);
    let t = Tr::new(language);
    render(&WithdrawPage {
        languages: lang::links(&format!("/status/{token}/withdraw"), language),
        footer: Footer::for_request(req, Some(&view.register_key), language),
        token: token.to_owned(),
        reference: view.reference.clone(),
        kind: t.get(view.kind.message_key()),
        received: t.date(view.received_on),
        ends: t.get(&format!("withdraw-ends-{}", view.kind.as_str())),
        t,
    })
}

/// `GET /status/{token}/withdraw`: asks the requester to confirm, saying what ends.
pub async fn withdraw_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<LangQuery>,
) -> Result<HttpResponse, AppError> {
    confirm_withdrawal(&req, &state, &path, query.lang.as_deref()).await
}

/// The withdrawal form: `confirm` is set by the confirmation page's button only.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct WithdrawFields {
    lang: String,
    confirm: String,
}

/// `POST /status/{token}/withdraw`: withdraws once confirmed (`confirm=yes`); without the
/// confirmation, the confirmation page.
pub async fn withdraw(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    back_to(&req, format!("/status/{path}"));
    let form: WithdrawFields = fields(&body)?;
    let lang_param = Some(form.lang.as_str()).filter(|l| !l.is_empty());
    if form.confirm != "yes" {
        return confirm_withdrawal(&req, &state, &path, lang_param).await;
    }
    match status::withdraw(&state.ctx, &path).await? {
        Withdrawal::Withdrawn { .. } => show_status(&req, &state, &path, lang_param, true).await,
        Withdrawal::NotAllowed { status } => Err(AppError::Conflict(
            Msg::new("refused-withdraw-closed").term("state", format!("state-{}", status.as_str())),
        )),
        Withdrawal::NotFound => Err(AppError::NotFound),
    }
}
