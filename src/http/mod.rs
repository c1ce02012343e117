//! The HTTP layer: the route table, extractors, middleware and handlers. Only this layer knows
//! actix.
//!
//! - [`ROUTES`] is the one table of pages and forms, one route per action; [`routes`] registers
//!   it, the JSON API (whose OpenAPI document comes from the same registration, [`openapi`]) and
//!   the fallbacks;
//! - who may call a handler is the type of its extractor ([`session`]): `Staff`, `Session`,
//!   `Admin`; a staff form is a [`form::CsrfForm`] of a `#[derive(Deserialize)]` struct;
//! - fields are parsed into domain types in the handler ([`fields`]); service errors become
//!   [`AppError`](crate::error::AppError) in one place ([`errors`]); an error answered to a browser
//!   becomes a page ([`error_pages`]);
//! - handlers live along their seams: [`public`], [`staff`], [`api`] and [`integrations`].

pub mod api;
mod client_addr;
pub mod error_pages;
pub mod errors;
pub mod fields;
pub mod form;
mod health;
pub mod integrations;
mod lang;
mod limits;
pub mod metrics;
mod middleware;
pub mod openapi;
pub mod public;
pub mod respond;
pub mod session;
pub mod staff;

use std::sync::Arc;

use actix_web::http::Method;
use actix_web::middleware::from_fn;
use actix_web::web;

use crate::error::AppError;
use crate::service::Context;

pub use middleware::{log_requests, request_deadline, request_spans, security_headers};
pub use openapi::ApiDoc;

/// Shared, read-only state of every handler. Everything mutable lives in PostgreSQL.
#[derive(Clone)]
pub struct AppState {
    pub ctx: Context,
    pub migrations: Arc<Vec<String>>,
}

/// Who may use a route. The handler's extractor checks it ([`session`]); the table says it so that
/// tests can walk every route of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: public pages, probes, the sign-in form.
    Public,
    /// A signed-in staff member, also one who has not yet replaced a one-time password.
    Session,
    /// A signed-in staff member with a password of their own.
    Staff,
    /// A signed-in administrator with a password of their own.
    Admin,
}

/// One route of [`ROUTES`].
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The actix pattern, e.g. `/staff/requests/{reference}/claim`.
    pub path: &'static str,
    pub access: Access,
}

impl Route {
    /// Whether the route is a staff form, which must carry the session's CSRF token.
    pub fn needs_csrf(&self) -> bool {
        self.method == "POST" && self.access != Access::Public
    }
}

/// Declares [`ROUTES`] and the function registering them from one list.
macro_rules! route_table {
    ($($method:ident $path:literal $access:ident => $handler:path;)+) => {
        /// Every page and form route, one per action (the JSON API is the `/api/v1` scope of
        /// [`routes`]).
        pub const ROUTES: &[Route] =
            &[$(Route { method: stringify!($method), path: $path, access: Access::$access }),+];

        /// Registers [`ROUTES`], each with its handler.
        fn register(cfg: &mut web::ServiceConfig) {
            $(cfg.route($path, web::route().method(Method::$method).to($handler));)+
        }
    };
}

route_table! {
    GET "/healthz" Public => health::healthz;
    GET "/readyz" Public => health::readyz;
    GET "/metrics" Public => metrics::serve;
    GET "/" Public => public::form::index;
    GET "/static/app.css" Public => public::stylesheet;
    GET "/privacy" Public => public::privacy::desk_notice;
    GET "/r/{register}/privacy" Public => public::privacy::register_notice;
    GET "/r/{register}/request" Public => public::form::request_form;
    POST "/r/{register}/request" Public => public::form::submit_request;
    GET "/verify" Public => public::verify::code_form;
    POST "/verify" Public => public::verify::verify;
    POST "/verify/resend" Public => public::verify::resend;
    GET "/verify/{token}" Public => public::verify::verify_link;
    GET "/status/{token}" Public => public::status::status_page;
    GET "/status/{token}/withdraw" Public => public::status::withdraw_form;
    POST "/status/{token}/withdraw" Public => public::status::withdraw;
    POST "/status/{token}/answer" Public => public::status::reply;
    GET "/download/{token}" Public => public::download::page_get;
    POST "/download/{token}" Public => public::download::unlock;
    POST "/download/{token}/code" Public => public::download::send_code;
    GET "/download/{token}/files/{id}" Public => public::download::file;
    GET "/download/{token}/print" Public => public::download::print;
    GET "/staff/login" Public => staff::session::login_form;
    POST "/staff/login" Public => staff::session::login;
    GET "/staff/password-reset" Public => staff::reset::request_form;
    POST "/staff/password-reset" Public => staff::reset::request;
    GET "/staff/password-reset/{token}" Public => staff::reset::new_password_form;
    POST "/staff/password-reset/{token}" Public => staff::reset::set_new_password;
    POST "/staff/logout" Session => staff::session::logout;
    GET "/staff/password" Session => staff::session::password_form;
    POST "/staff/password" Session => staff::session::change_password;
    GET "/staff/login/code" Public => staff::second_factor::code_form;
    POST "/staff/login/code" Public => staff::second_factor::code;
    GET "/staff/second-factor" Session => staff::second_factor::page;
    POST "/staff/second-factor/enable" Session => staff::second_factor::enable;
    POST "/staff/second-factor/recovery-codes" Session => staff::second_factor::renew_recovery_codes;
    POST "/staff/second-factor/disable" Session => staff::second_factor::disable;
    GET "/staff" Staff => staff::queue::home;
    GET "/staff/queue" Staff => staff::queue::queue_page;
    GET "/staff/profile" Staff => staff::profile::profile_page;
    POST "/staff/profile" Staff => staff::profile::save_profile;
    GET "/staff/reports/deadlines" Staff => staff::reports::deadlines;
    GET "/staff/requests/new" Staff => staff::entry::new_request_form;
    POST "/staff/requests/new" Staff => staff::entry::enter_request;
    GET "/staff/requests/{reference}" Staff => staff::request::request_page;
    GET "/staff/requests/{reference}/attachments/{id}" Staff => staff::request::attachment;
    GET "/staff/requests/{reference}/letters/{id}" Staff => staff::letters::print_letter;
    POST "/staff/requests/{reference}/letters/{id}/sent" Staff => staff::letters::mark_letter_sent;
    POST "/staff/requests/{reference}/claim" Staff => staff::request::claim;
    POST "/staff/requests/{reference}/assign" Staff => staff::request::assign;
    POST "/staff/requests/{reference}/notes" Staff => staff::request::add_note;
    POST "/staff/requests/{reference}/identity" Staff => staff::request::record_identity;
    POST "/staff/requests/{reference}/ask" Staff => staff::request::ask_requester;
    POST "/staff/requests/{reference}/resume" Staff => staff::request::record_answer;
    POST "/staff/requests/{reference}/extend" Staff => staff::request::extend_deadline;
    POST "/staff/requests/{reference}/complete" Staff => staff::request::complete_request;
    POST "/staff/requests/{reference}/refuse" Staff => staff::request::refuse_request;
    POST "/staff/requests/{reference}/sources/rerun" Staff => staff::request::rerun_source;
    POST "/staff/requests/{reference}/sources/exclude" Staff => staff::request::exclude_data;
    POST "/staff/requests/{reference}/sources/erase" Staff => staff::request::erase_in_sources;
    GET "/staff/admin" Admin => staff::admin::page;
    GET "/staff/admin/" Admin => staff::admin::page;
    POST "/staff/admin/accounts" Admin => staff::admin::create_account;
    POST "/staff/admin/accounts/{id:\\d{1,18}}/registers" Admin => staff::admin::set_registers;
    POST "/staff/admin/accounts/{id:\\d{1,18}}/disable" Admin => staff::admin::disable_account;
    POST "/staff/admin/accounts/{id:\\d{1,18}}/enable" Admin => staff::admin::enable_account;
    POST "/staff/admin/accounts/{id:\\d{1,18}}/reset-password" Admin => staff::admin::reset_password;
    POST "/staff/admin/accounts/{id:\\d{1,18}}/reset-second-factor" Admin => staff::admin::reset_second_factor;
    GET "/staff/admin/audit" Admin => staff::audit::audit_page;
    GET "/staff/admin/api-keys" Admin => staff::api_keys::api_keys;
    POST "/staff/admin/api-keys" Admin => staff::api_keys::create_api_key;
    POST "/staff/admin/api-keys/{id:\\d{1,18}}/revoke" Admin => staff::api_keys::revoke_api_key;
    POST "/verify/{token}/identify" Public => public::identify::from_link;
    POST "/download/{token}/identify" Public => public::identify::from_download;
    GET "/identify/callback" Public => public::identify::callback;
    POST "/staff/login/sso" Public => staff::sso::start;
    GET "/staff/login/sso/callback" Public => staff::sso::callback;
}

/// Every route of the service: [`ROUTES`], the JSON API with its OpenAPI document, and the
/// fallbacks, all behind the error pages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    let api = utoipa_actix_web::scope("/api/v1")
        .service(api::submit_request)
        .service(api::verify_request)
        .service(api::resend_code)
        .service(integrations::check)
        .service(integrations::export);
    let document = openapi::document(&api);
    cfg.service(
        web::scope("")
            .wrap(from_fn(middleware::reject_control_characters))
            .wrap(from_fn(error_pages::error_pages))
            .configure(register)
            .service(api.route("/openapi.json", openapi::serve(document)))
            // Any other path or method in the admin area: the same role check as its routes, so
            // a handler gets 404 everywhere there, never a 405 that would tell a route exists.
            .service(web::scope("/staff/admin").default_service(web::to(staff::admin::elsewhere)))
            // One 404 for every unknown path, so that a 404 from a page the user may not see (the
            // admin area, another register's request) is indistinguishable from it.
            .default_service(web::to(|| async { Err::<actix_web::HttpResponse, _>(AppError::NotFound) })),
    );
}
