//! Public pages, without JavaScript and in the requester's language: the landing page and the
//! request form ([`form`]), email verification ([`verify`]), the private status page
//! ([`status`]), the download of an inspection answer ([`download`]) and the privacy notices
//! ([`privacy`]). A form hitting the rate limit comes back with 429, what was typed and a
//! translated message. Every page's footer names the controller and links the privacy notices
//! ([`Footer`]).

pub(crate) mod art15;
pub mod download;
pub mod form;
pub mod identify;
pub mod privacy;
pub mod status;
pub mod verify;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::AppState;
use super::lang::{self, LangLink};
use super::limits::{self, Limit};
use super::respond::html_page;
use crate::config::IdentityProvider;
use crate::domain::register::Controller;
use crate::domain::{Language, Register};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::service::Context;
use crate::service::identify::{Failure, label};

/// The footer of every public page: who the controller is, and links to the privacy notices.
pub(crate) struct Footer {
    /// Each controller the page concerns.
    pub(crate) controllers: Vec<ControllerLine>,
    /// The register's privacy notice, on a page about one register.
    pub(crate) register_notice: Option<String>,
    /// The notice of the desk's own processing of requests.
    pub(crate) desk_notice: String,
}

/// A controller as a page names it: "Name (business ID), postal address". Pages keep the business
/// ID on one line (its hyphen would otherwise break it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ControllerLine {
    pub(crate) name: String,
    pub(crate) business_id: Option<String>,
    pub(crate) address: Option<String>,
}

impl std::fmt::Display for ControllerLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)?;
        if let Some(id) = &self.business_id {
            write!(f, " ({id})")?;
        }
        if let Some(address) = &self.address {
            write!(f, ", {address}")?;
        }
        Ok(())
    }
}

pub(crate) fn controller_line(c: &Controller) -> ControllerLine {
    ControllerLine {
        name: c.name.clone(),
        business_id: c.business_id.as_ref().map(ToString::to_string),
        address: c.address.clone(),
    }
}

impl Footer {
    /// The footer of a page about `register`.
    pub(crate) fn of(register: &Register, language: Language) -> Self {
        Self {
            controllers: vec![controller_line(&register.controller)],
            register_notice: Some(format!("/r/{}/privacy?lang={language}", register.key)),
            desk_notice: format!("/privacy?lang={language}"),
        }
    }

    /// The footer of a page about no one register: the controllers of every register served.
    pub(crate) fn general(registers: &[Register], language: Language) -> Self {
        let mut controllers: Vec<ControllerLine> = Vec::new();
        for line in registers.iter().map(|r| controller_line(&r.controller)) {
            if !controllers.contains(&line) {
                controllers.push(line);
            }
        }
        Self { controllers, register_notice: None, desk_notice: format!("/privacy?lang={language}") }
    }

    /// The footer of a page of `req`: about the configured register `key` when given, else general.
    pub(crate) fn for_request(req: &HttpRequest, key: Option<&str>, language: Language) -> Self {
        let Some(state) = req.app_data::<web::Data<AppState>>() else {
            return Self::general(&[], language);
        };
        match key.and_then(|k| state.ctx.register(k)) {
            Some(register) => Self::of(register, language),
            None => Self::general(&state.ctx.registers, language),
        }
    }
}

/// A translated sentence around a request's reference, split so that the page can keep the
/// reference on one line (`<span class="ref">`): a reference such as DSR-2026-0001 would otherwise
/// break at its hyphens on a narrow screen.
pub(crate) struct AroundReference {
    pub(crate) before: String,
    pub(crate) reference: String,
    pub(crate) after: String,
}

impl AroundReference {
    /// The message `key`, whose `$reference` is `reference`.
    pub(crate) fn new(t: &Tr, key: &str, reference: &str) -> Self {
        // A private-use character no translation contains marks where the reference goes.
        const MARK: &str = "\u{E000}";
        let text = t.fmt(key, &[("reference", MARK)]);
        match text.split_once(MARK) {
            Some((before, after)) => {
                Self { before: before.to_owned(), reference: reference.to_owned(), after: after.to_owned() }
            }
            None => Self { before: text, reference: String::new(), after: String::new() },
        }
    }
}

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
    footer: Footer,
    title: String,
    body: String,
}

impl MessagePage {
    /// A page of `req` with a translated title and text.
    pub(crate) fn new(req: &HttpRequest, t: Tr, title_key: &str, body_key: &str) -> Self {
        let body = t.get(body_key);
        Self::with_body(req, t, title_key, body)
    }

    /// A page of `req` with a translated title and `body`.
    pub(crate) fn with_body(req: &HttpRequest, t: Tr, title_key: &str, body: String) -> Self {
        let language = t.language();
        Self {
            title: t.get(title_key),
            body,
            languages: lang::links("/", language),
            footer: Footer::for_request(req, None, language),
            t,
        }
    }
}

/// A provider's button: its key and its words in the page's language.
pub(crate) struct ProviderButton {
    pub(crate) key: String,
    pub(crate) label: String,
}

pub(crate) fn buttons(providers: &[&IdentityProvider], language: Language) -> Vec<ProviderButton> {
    providers
        .iter()
        .map(|p| ProviderButton { key: p.key.clone(), label: label(p, language).to_owned() })
        .collect()
}

/// The message of a failed identification, for the page returned to.
pub(crate) fn failure_message(t: &Tr, failure: Option<&str>) -> Option<String> {
    failure.and_then(Failure::parse).map(|f| t.get(&format!("identify-failed-{}", f.as_str())))
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
