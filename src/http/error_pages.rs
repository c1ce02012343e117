//! Errors as pages for browsers. A request whose `Accept` names `text/html` (outside `/api/`)
//! and that ends in an [`AppError`] gets a page in its language (`?lang=`, else Accept-Language,
//! else Finnish) with a way back: the page the handler named (`respond::back_to`), else the front
//! page of its area. The status and headers (`Retry-After`) stay; API clients keep the JSON
//! envelope. Redirects (sign-in, password change) stay redirects.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest};
use askama::Template;

use super::lang::{self, LangLink};
use super::public::Footer;
use super::respond::BackTo;
use crate::domain::Language;
use crate::error::AppError;
use crate::i18n::Tr;

#[derive(Template)]
#[template(path = "public/error.html")]
struct ErrorPage {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    title: String,
    body: String,
    /// The invalid fields of a 422: "field: reason".
    issues: Vec<String>,
    /// (href, label) of the ways back.
    links: Vec<(String, String)>,
}

/// Whether the client reads pages rather than JSON.
pub(crate) fn wants_html(req: &HttpRequest) -> bool {
    !req.path().starts_with("/api/")
        && req
            .headers()
            .get_all(header::ACCEPT)
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.to_ascii_lowercase().contains("text/html"))
}

/// The translation key part of a status: its own text for the common ones, else a general one.
fn key_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "400",
        403 => "403",
        404 => "404",
        409 => "409",
        410 => "410",
        413 => "413",
        422 => "422",
        429 => "429",
        503 => "503",
        _ => "500",
    }
}

/// The page for `error` answered to `req` with `status`.
fn page(req: &HttpRequest, status: StatusCode, error: &AppError) -> Result<String, askama::Error> {
    let query =
        actix_web::web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string());
    let explicit = query.ok().and_then(|q| q.get("lang").cloned());
    // A signed-in staff member reads errors in the language of their pages.
    let staff_language = req
        .extensions()
        .get::<crate::service::auth::StaffUser>()
        .filter(|_| explicit.is_none())
        .map(|u| u.page_language());
    let language = staff_language.unwrap_or_else(|| lang::choose(req, explicit.as_deref(), Language::Fi));
    let t = Tr::new(language);
    let key = key_of(status);
    let home = if req.path().starts_with("/staff") { "/staff/queue" } else { "/" };
    let mut links = Vec::new();
    // A GET that failed is not worth going back to; the page before a POST usually is.
    if let Some(BackTo(back)) = req.extensions().get::<BackTo>().filter(|b| b.0 != home) {
        links.push((back.clone(), t.get("error-back")));
    } else if req.method() != Method::GET
        && status != StatusCode::NOT_FOUND
        && let Some((parent, _)) = req.path().rsplit_once('/').filter(|(p, _)| !p.is_empty())
    {
        links.push((parent.to_owned(), t.get("error-back")));
    }
    links.push((home.to_owned(), t.get(if home == "/" { "error-front-page" } else { "error-queue" })));
    let issues = match error {
        AppError::Validation(issues) => {
            issues.iter().map(|i| format!("{}: {}", i.field, t.msg(&i.reason))).collect()
        }
        _ => Vec::new(),
    };
    ErrorPage {
        title: t.get(&format!("error-title-{key}")),
        body: t.get(&format!("error-body-{key}")),
        languages: lang::links("/", language),
        footer: Footer::for_request(req, None, language),
        issues,
        links,
        t,
    }
    .render()
}

/// An error raised by the framework before a handler ran (a body over the limit, a query string
/// that does not deserialise) answered as the [`AppError`] of its status, so that programs get
/// the JSON envelope the OpenAPI document declares and browsers the page, never actix's plain
/// text. Other answers pass through.
fn as_app_error<B: MessageBody + 'static>(res: ServiceResponse<B>) -> ServiceResponse<BoxBody> {
    let status = res.status();
    let framework_error = res
        .response()
        .error()
        .filter(|e| e.as_error::<AppError>().is_none())
        .filter(|_| status.is_client_error() || status.is_server_error())
        .map(ToString::to_string);
    let Some(cause) = framework_error else { return res.map_into_boxed_body() };
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            let state = res.request().app_data::<actix_web::web::Data<super::AppState>>();
            AppError::PayloadTooLarge { limit: state.map_or(0, |s| s.ctx.settings.http.max_body_bytes) }
        }
        StatusCode::NOT_FOUND => AppError::NotFound,
        StatusCode::REQUEST_TIMEOUT => AppError::RequestTimeout,
        s if s.is_client_error() => AppError::BadRequest(cause),
        _ => AppError::Internal(anyhow::anyhow!(cause)),
    };
    let (req, _) = res.into_parts();
    ServiceResponse::new(req, actix_web::HttpResponse::from_error(error))
}

/// The middleware: answers framework errors as [`AppError`]s, and swaps the JSON body of an error
/// for the page where the client wants one.
pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = as_app_error(next.call(req).await?);
    let status = res.status();
    let html = match res.response().error().and_then(|e| e.as_error::<AppError>()) {
        Some(error) if status.is_client_error() || status.is_server_error() => {
            if !wants_html(res.request()) || matches!(error, AppError::Unauthorized(_)) {
                None
            } else {
                page(res.request(), status, error)
                    .inspect_err(|e| tracing::error!(error = %e, "error page not rendered"))
                    .ok()
            }
        }
        _ => None,
    };
    let Some(html) = html else { return Ok(res.map_into_boxed_body()) };
    Ok(res.map_body(|head, _json| {
        head.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        head.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        BoxBody::new(html)
    }))
}
