//! Public pages, without JavaScript and in the requester's language: the landing page and the
//! request form ([`form`]), email verification ([`verify`]), the private status page
//! ([`status`]) and the download of an inspection answer ([`download`]). A form hitting the rate
//! limit comes back with 429, what was typed and a translated message.

pub mod download;
pub mod form;
pub mod status;
pub mod verify;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::lang::{self, LangLink};
use super::limits::{self, Limit};
use super::respond::html_page;
use crate::domain::Language;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::service::Context;

/// `?lang=` of a public page.
#[derive(serde::Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

/// A page of a title and one paragraph.
#[derive(Template)]
#[template(path = "public/message.html")]
pub(crate) struct MessagePage {
    t: Tr,
    languages: Vec<LangLink>,
    title: String,
    body: String,
}

impl MessagePage {
    /// A page with a translated title and text.
    pub(crate) fn new(t: Tr, title_key: &str, body_key: &str) -> Self {
        let body = t.get(body_key);
        Self::with_body(t, title_key, body)
    }

    /// A page with a translated title and `body`.
    pub(crate) fn with_body(t: Tr, title_key: &str, body: String) -> Self {
        let language = t.language();
        Self { title: t.get(title_key), body, languages: lang::links("/", language), t }
    }
}

/// Counts a hit of `limit`: `Some(seconds to wait)` once the allowance is spent.
async fn limited(ctx: &Context, req: &HttpRequest, limit: Limit) -> Result<Option<i64>, AppError> {
    match limits::check(ctx, req, limit).await {
        Ok(()) => Ok(None),
        Err(AppError::TooManyRequests { retry_after }) => Ok(Some(retry_after)),
        Err(e) => Err(e),
    }
}

/// A form brought back because of the rate limit: 429 with `Retry-After`.
fn too_many(page: &impl Template, retry_after: i64) -> Result<HttpResponse, AppError> {
    let mut response = html_page(StatusCode::TOO_MANY_REQUESTS, page)?;
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    Ok(response)
}

/// The message of a form that hit the rate limit.
fn too_many_message(language: Language) -> String {
    Tr::new(language).get("error-too-many-requests")
}

/// The language of a public page: `explicit` (`?lang=` or the form's hidden field), else the
/// browser's, else `fallback`.
fn language(req: &HttpRequest, explicit: Option<&str>, fallback: Language) -> Language {
    lang::choose(req, explicit.filter(|l| !l.is_empty()), fallback)
}

/// `GET /static/app.css`.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../static/app.css"))
}
