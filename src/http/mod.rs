//! The HTTP layer: the route table, middleware and handlers. Only this layer knows actix.

mod api;
mod health;
mod lang;
mod limits;
mod middleware;
mod public;

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
        .route("/api/v1/openapi.json", web::get().to(api::openapi))
        .route("/api/v1/requests", web::post().to(api::submit_request))
        .route("/api/v1/requests/{reference}/verify", web::post().to(api::verify_request))
        .route("/api/v1/requests/{reference}/resend-code", web::post().to(api::resend_code));
}

pub use middleware::{log_requests, security_headers};
