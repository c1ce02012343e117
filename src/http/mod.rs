//! The HTTP layer: the route table, middleware and handlers. Only this layer knows actix.

mod admin;
mod api;
mod client_addr;
mod delivery;
mod health;
mod integrations;
mod lang;
mod limits;
mod middleware;
mod public;
mod reports;
mod staff;

use std::sync::Arc;

use actix_web::web;

use crate::service::Context;

pub use api::ApiDoc;

/// Shared, read-only state of every handler. Everything mutable lives in PostgreSQL.
#[derive(Clone)]
pub struct AppState {
    pub ctx: Context,
    pub migrations: Arc<Vec<String>>,
}

/// An HTML page with `status`; pages are never cached (they may show personal data).
pub(crate) fn html_page(
    status: actix_web::http::StatusCode,
    template: &impl askama::Template,
) -> Result<actix_web::HttpResponse, crate::error::AppError> {
    let body = template.render().map_err(anyhow::Error::from)?;
    Ok(actix_web::HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// A 303 redirect (after a POST, or to another page).
pub(crate) fn redirect(to: &str) -> actix_web::HttpResponse {
    actix_web::HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, to.to_owned()))
        .finish()
}

/// A file download: never cached, never rendered by the browser in this origin.
pub(crate) fn file_response(name: &str, content_type: &str, content: Vec<u8>) -> actix_web::HttpResponse {
    use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
    actix_web::HttpResponse::Ok()
        .content_type(content_type.parse::<mime::Mime>().unwrap_or(mime::APPLICATION_OCTET_STREAM))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name.to_owned())],
        })
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(content)
}

/// Every route of the service.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/", web::get().to(public::index))
        .route("/static/app.css", web::get().to(public::stylesheet))
        .route("/r/{register}/request", web::get().to(public::request_form))
        .route("/r/{register}/request", web::post().to(public::submit_request))
        .route("/verify", web::get().to(public::code_form))
        .route("/verify", web::post().to(public::verify))
        .route("/verify/resend", web::post().to(public::resend))
        .route("/verify/{token}", web::get().to(public::verify_link))
        .route("/status/{token}", web::get().to(public::status_page))
        .route("/status/{token}/withdraw", web::post().to(public::withdraw))
        .route("/status/{token}/answer", web::post().to(public::reply))
        .route("/download/{token}", web::get().to(delivery::page_get))
        .route("/download/{token}", web::post().to(delivery::unlock))
        .route("/download/{token}/code", web::post().to(delivery::send_code))
        .route("/download/{token}/files/{id}", web::get().to(delivery::file))
        .route("/staff", web::get().to(|| async { redirect("/staff/queue") }))
        .route("/staff/login", web::get().to(staff::login_form))
        .route("/staff/login", web::post().to(staff::login))
        .route("/staff/logout", web::post().to(staff::logout))
        .route("/staff/password", web::get().to(staff::password_form))
        .route("/staff/password", web::post().to(staff::change_password))
        .route("/staff/queue", web::get().to(staff::queue_page))
        .route("/staff/reports/deadlines", web::get().to(reports::deadlines))
        .route("/staff/requests/new", web::get().to(staff::new_request_form))
        .route("/staff/requests/new", web::post().to(staff::enter_request))
        .route("/staff/requests/{reference}", web::get().to(staff::request_page))
        .route("/staff/requests/{reference}/attachments/{id}", web::get().to(staff::attachment))
        .route("/staff/requests/{reference}/{action}", web::post().to(staff::request_action))
        .service(admin_routes())
        .route("/api/v1/openapi.json", web::get().to(api::openapi))
        .route("/api/v1/requests", web::post().to(api::submit_request))
        .route("/api/v1/requests/{reference}/verify", web::post().to(api::verify_request))
        .route("/api/v1/requests/{reference}/resend-code", web::post().to(api::resend_code))
        .route("/api/v1/suppressions/check", web::get().to(integrations::check))
        .route("/api/v1/suppressions", web::get().to(integrations::export))
        // One 404 for every unknown path, so that a 404 from a page the user may not see (the admin
        // area, another register's request) is indistinguishable from it.
        .default_service(web::to(|| async {
            Err::<actix_web::HttpResponse, _>(crate::error::AppError::NotFound)
        }));
}

/// `/staff/admin`: the page (`GET`, with or without the trailing slash), account creation and the
/// account actions. Wrong paths and methods go through the same role check as the routes, so a
/// handler gets 404 everywhere here, never a 405 that would tell a route exists.
fn admin_routes() -> actix_web::Scope {
    let resource = |paths: &[&str]| web::resource(paths.to_vec()).default_service(web::to(admin::elsewhere));
    web::scope("/staff/admin")
        .service(resource(&["", "/"]).route(web::get().to(admin::page)))
        .service(resource(&["/accounts"]).route(web::post().to(admin::create)))
        .service(resource(&["/accounts/{id}/{action}"]).route(web::post().to(admin::account_action)))
        .service(
            resource(&["/api-keys"])
                .route(web::get().to(admin::api_keys))
                .route(web::post().to(admin::create_api_key)),
        )
        .service(resource(&["/api-keys/{id}/revoke"]).route(web::post().to(admin::revoke_api_key)))
        .default_service(web::to(admin::elsewhere))
}

pub use middleware::{log_requests, request_spans, security_headers};
