//! Liveness and readiness probes.

use actix_web::{HttpResponse, web};
use serde_json::json;

use super::AppState;
use crate::db;

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
    let mut conn = match db::conn(&state.ctx.pool).await {
        Ok(conn) => conn,
        Err(e) => {
            tracing::warn!(error = %e, "readiness: database unreachable");
            return unavailable("unreachable", serde_json::Value::Null);
        }
    };
    match db::pending_migrations(&mut conn, &state.migrations).await {
        Ok(pending) if pending.is_empty() => {
            let outbox = db::outbox::counts(&mut conn).await.map(counts_json).unwrap_or_default();
            let jobs = db::jobs::counts(&mut conn).await.map(counts_json).unwrap_or_default();
            HttpResponse::Ok().json(json!({
                "status": "ready", "database": "ok", "migrations": "current", "outbox": outbox, "jobs": jobs,
            }))
        }
        Ok(pending) => unavailable("ok", json!({ "pending": pending })),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: query failed");
            unavailable("unreachable", serde_json::Value::Null)
        }
    }
}

fn counts_json(counts: Vec<(String, i64)>) -> serde_json::Value {
    serde_json::Value::Object(counts.into_iter().map(|(k, v)| (k, json!(v))).collect())
}
