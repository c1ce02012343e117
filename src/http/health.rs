//! Liveness and readiness probes.

use actix_web::{HttpResponse, web};
use serde_json::json;

use super::AppState;
use crate::service::health::{self, Readiness, StateCount};

/// `GET /healthz`: the process is up.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// `GET /readyz`: PostgreSQL answers and every embedded migration is applied; 503 otherwise.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let unavailable = |database: &str, migrations: serde_json::Value| {
        HttpResponse::ServiceUnavailable()
            .insert_header(("Retry-After", "5"))
            .json(json!({ "status": "unavailable", "database": database, "migrations": migrations }))
    };
    match health::readiness(&state.ctx, &state.migrations).await {
        Readiness::Ready { outbox, jobs } => HttpResponse::Ok().json(json!({
            "status": "ready", "database": "ok", "migrations": "current",
            "outbox": counts_json(outbox), "jobs": counts_json(jobs),
        })),
        Readiness::Pending(pending) => unavailable("ok", json!({ "pending": pending })),
        Readiness::Unreachable => unavailable("unreachable", serde_json::Value::Null),
    }
}

fn counts_json(counts: Vec<StateCount>) -> serde_json::Value {
    serde_json::Value::Object(counts.into_iter().map(|c| (c.state, json!(c.n))).collect())
}
