//! Building responses: HTML pages (never cached), redirects after a POST, file downloads, and the
//! hint an error page uses for its way back.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpMessage, HttpRequest, HttpResponse};

use crate::error::AppError;

/// An HTML page with `status`; pages are never cached (they may show personal data).
pub(crate) fn html_page(
    status: StatusCode,
    template: &impl askama::Template,
) -> Result<HttpResponse, AppError> {
    let body = template.render().map_err(anyhow::Error::from)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// An HTML page with status 200.
pub(crate) fn render(template: &impl askama::Template) -> Result<HttpResponse, AppError> {
    html_page(StatusCode::OK, template)
}

/// A 303 redirect (after a POST, or to another page).
pub(crate) fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, to.to_owned())).finish()
}

/// A file download: never cached, never rendered by the browser in this origin.
pub(crate) fn file_response(name: &str, content_type: &str, content: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type.parse::<mime::Mime>().unwrap_or(mime::APPLICATION_OCTET_STREAM))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name.to_owned())],
        })
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(content)
}

/// The page an error page of this request links back to (set by the handler that knows it; the
/// browser sends no referrer, see the security headers).
#[derive(Debug, Clone)]
pub(crate) struct BackTo(pub String);

/// Records the page that an error page of `req` should lead back to.
pub(crate) fn back_to(req: &HttpRequest, page: String) {
    req.extensions_mut().insert(BackTo(page));
}
