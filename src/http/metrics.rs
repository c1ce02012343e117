//! `GET /metrics` in the Prometheus text format, for a scraper holding `metrics.token` (off, 404,
//! while no token is set). This instance's HTTP requests by route pattern, method and status with
//! their latency; from PostgreSQL at each scrape, the outbox and job backlog by state, open
//! requests due within a week and overdue per register, and the pool's use.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use prometheus::{
    Encoder, GaugeVec, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};
use secrecy::ExposeSecret;
use subtle::ConstantTimeEq;

use super::AppState;
use crate::error::AppError;
use crate::service::metrics::{self, Snapshot};

/// This instance's request metrics (each instance is scraped on its own).
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
}

impl Metrics {
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new();
        let labels = ["route", "method", "status"];
        let requests = IntCounterVec::new(
            Opts::new(
                "dsr_http_requests_total",
                "HTTP requests answered, by route pattern, method and status",
            ),
            &labels,
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new("dsr_http_request_duration_seconds", "Time to answer an HTTP request")
                .buckets(vec![0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0]),
            &labels,
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        Ok(Self { registry, requests, latency })
    }
}

/// The middleware: counts every answered request under its route *pattern* (a concrete path may
/// carry a token, and would make a series per request).
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let route = req.match_pattern().unwrap_or_else(|| "unmatched".to_owned());
    let method = req.method().to_string();
    let res = next.call(req).await?;
    if let Some(m) = metrics {
        let status = res.status().as_u16().to_string();
        let labels = [route.as_str(), method.as_str(), status.as_str()];
        m.requests.with_label_values(&labels).inc();
        m.latency.with_label_values(&labels).observe(started.elapsed().as_secs_f64());
    }
    Ok(res)
}

/// `GET /metrics`.
pub async fn serve(
    req: HttpRequest,
    state: web::Data<AppState>,
    metrics: web::Data<Metrics>,
) -> Result<HttpResponse, AppError> {
    let token = state.ctx.settings.metrics.token.expose_secret();
    if token.is_empty() {
        return Err(AppError::NotFound);
    }
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !bool::from(presented.as_bytes().ct_eq(token.as_bytes())) {
        return Err(AppError::Unauthorized(
            "the metrics token is required: Authorization: Bearer TOKEN".into(),
        ));
    }
    let snapshot = metrics::snapshot(&state.ctx).await?;
    let mut families = metrics.registry.gather();
    families.extend(database_families(&snapshot).map_err(anyhow::Error::from)?);
    let mut body = Vec::new();
    TextEncoder::new().encode(&families, &mut body).map_err(anyhow::Error::from)?;
    Ok(HttpResponse::Ok()
        .content_type(TextEncoder::new().format_type())
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// The scrape's gauges read from the database.
fn database_families(s: &Snapshot) -> Result<Vec<prometheus::proto::MetricFamily>, prometheus::Error> {
    let registry = Registry::new();
    let gauge = |name: &str, help: &str, labels: &[&str]| -> Result<GaugeVec, prometheus::Error> {
        let g = GaugeVec::new(Opts::new(name, help), labels)?;
        registry.register(Box::new(g.clone()))?;
        Ok(g)
    };
    let outbox = gauge("dsr_outbox_messages", "Emails in the outbox by state", &["state"])?;
    for c in &s.outbox {
        outbox.with_label_values(&[c.state.as_str()]).set(c.n as f64);
    }
    let jobs = gauge("dsr_jobs", "Background jobs by state", &["state"])?;
    for c in &s.jobs {
        jobs.with_label_values(&[c.state.as_str()]).set(c.n as f64);
    }
    let due = gauge(
        "dsr_requests_due_soon",
        &format!("Open requests due within {} days, per register", metrics::DUE_SOON_DAYS),
        &["register"],
    )?;
    let overdue =
        gauge("dsr_requests_overdue", "Open requests past their deadline, per register", &["register"])?;
    for d in &s.deadlines {
        due.with_label_values(&[d.register_key.as_str()]).set(d.due_soon as f64);
        overdue.with_label_values(&[d.register_key.as_str()]).set(d.overdue as f64);
    }
    let pool = gauge("dsr_db_pool_connections", "This instance's PostgreSQL connections", &["use"])?;
    for (use_, n) in
        [("max", s.pool.max), ("open", s.pool.open), ("idle", s.pool.idle), ("waiting", s.pool.waiting)]
    {
        pool.with_label_values(&[use_]).set(n as f64);
    }
    Ok(registry.gather())
}
