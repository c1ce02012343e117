//! The HTTP layer: the route table, middleware and handlers. Only this layer knows actix.

mod health;
mod middleware;
mod public;

use std::sync::Arc;

use actix_web::web;

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::db::DbPool;
use crate::domain::Register;

/// Shared, read-only state of every handler. Everything mutable lives in PostgreSQL.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub settings: Arc<Settings>,
    pub registers: Arc<Vec<Register>>,
    pub migrations: Arc<Vec<String>>,
    pub clock: SharedClock,
}

/// Every route of the service.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/", web::get().to(public::index));
}

pub use middleware::{log_requests, security_headers};
