//! Strong electronic identification at the edge: the buttons' routes that send the browser to the
//! provider (`POST /verify/{token}/identify`, `POST /download/{token}/identify`; the form's button
//! goes through `POST /r/{register}/request`), and the provider's answer (`GET
//! /identify/callback`). A sign-in is bound to its browser by the cookie `dsr_identify`
//! (`SameSite=Lax`, so that it comes back with the provider's redirect; only its hash is stored).

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::{MessagePage, language};
use crate::domain::Language;
use crate::error::AppError;
use crate::http::AppState;
use crate::http::form::fields;
use crate::http::limits::{self, Limit};
use crate::http::respond::{back_to, html_page, redirect};
use crate::i18n::Tr;
use crate::service::Context;
use crate::service::identify::{self, Answer, Outcome, StartError, Started, Target};

const COOKIE: &str = "dsr_identify";

/// The redirect to the provider, with the cookie binding the sign-in to this browser.
pub(crate) fn to_provider(ctx: &Context, started: Started) -> HttpResponse {
    let minutes = i64::from(ctx.settings.identity.flow_minutes);
    let cookie = Cookie::build(COOKIE, started.cookie)
        .path("/identify")
        .http_only(true)
        .secure(ctx.settings.http.public_url.is_https())
        .same_site(SameSite::Lax)
        .max_age(time::Duration::minutes(minutes))
        .finish();
    let mut response = redirect(&started.url);
    // A cookie that cannot be set would only make the callback refuse the sign-in.
    let _ = response.add_cookie(&cookie);
    response
}

/// A button's form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ButtonFields {
    provider: String,
    lang: String,
}

async fn start(
    req: &HttpRequest,
    state: &AppState,
    target: Target<'_>,
    body: &[u8],
    fallback: Language,
) -> Result<HttpResponse, AppError> {
    let ButtonFields { provider, lang } = fields(body)?;
    // Each start asks the provider and stores a flow: counted like a verification attempt.
    limits::check(&state.ctx, req, Limit::Verify).await?;
    let language = language(req, Some(&lang), fallback);
    match identify::start(&state.ctx, &provider, target, language).await {
        Ok(started) => Ok(to_provider(&state.ctx, started)),
        Err(StartError::NotFound) => Err(AppError::NotFound),
        Err(StartError::Provider(e)) => {
            tracing::warn!(provider = %provider, error = %e, "identification could not start");
            let t = Tr::new(language);
            let page = MessagePage::new(req, t, "identify-title", "identify-failed-unavailable");
            html_page(StatusCode::SERVICE_UNAVAILABLE, &page)
        }
        Err(StartError::Db(e)) => Err(e.into()),
    }
}

/// `POST /verify/{token}/identify` (`provider`): confirm the request of an emailed link by
/// identifying.
pub async fn from_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    back_to(&req, format!("/verify/{path}"));
    start(&req, &state, Target::VerificationLink(&path), &body, Language::Fi).await
}

/// `POST /download/{token}/identify` (`provider`): open an answer by identifying again.
pub async fn from_download(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    back_to(&req, format!("/download/{path}"));
    start(&req, &state, Target::Download(&path), &body, Language::Fi).await
}

/// The provider's answer.
#[derive(Deserialize)]
pub struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

impl CallbackQuery {
    /// The `state` and the answer: a code or an error, never both; `None` for anything else.
    pub(crate) fn answer(&self) -> Option<(&str, Answer<'_>)> {
        let answer = match (&self.code, &self.error) {
            (Some(code), None) => Answer::Code(code),
            (None, Some(error)) => Answer::Error(error),
            _ => return None,
        };
        let state = self.state.as_deref().filter(|s| !s.is_empty() && s.len() <= 128)?;
        Some((state, answer))
    }
}

/// `GET /identify/callback?state=…&code=…` (or `&error=…`): finishes the sign-in.
pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, AppError> {
    let cookie = req.cookie(COOKIE);
    let outcome = match query.answer() {
        Some((s, answer)) => {
            identify::finish(&state.ctx, s, cookie.as_ref().map(|c| c.value()), answer).await?
        }
        None => Outcome::UnknownState,
    };
    let mut response = match outcome {
        Outcome::Verified { status_token, language } => {
            redirect(&format!("/status/{status_token}?lang={language}&identified=1"))
        }
        Outcome::AlreadyVerified { language } => {
            let t = Tr::new(language);
            html_page(StatusCode::OK, &MessagePage::new(&req, t, "verify-title", "already-verified"))?
        }
        Outcome::Opened { download_token, opened } => {
            super::download::opened_page(&req, &state, &download_token, opened)?
        }
        Outcome::Failed { failure, language, download_token: None } => {
            redirect(&format!("/verify?identify={}&lang={language}", failure.as_str()))
        }
        Outcome::Failed { failure, language, download_token: Some(token) } => {
            redirect(&format!("/download/{token}?identify={}&lang={language}", failure.as_str()))
        }
        Outcome::UnknownState => {
            let t = Tr::new(language(&req, None, Language::Fi));
            html_page(
                StatusCode::BAD_REQUEST,
                &MessagePage::new(&req, t, "identify-title", "identify-unknown"),
            )?
        }
    };
    let mut gone = Cookie::build(COOKIE, "").path("/identify").finish();
    gone.make_removal();
    let _ = response.add_removal_cookie(&gone);
    Ok(response)
}
