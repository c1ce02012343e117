//! Cross-cutting middleware: security headers, the span every request runs in, and its one log
//! line.
//!
//! The span carries a fresh request id, the method, the route *pattern* (`/status/{token}`, never
//! the concrete path or the query: both may hold a secret) and, once answered, the status. Every
//! line logged while the request is handled, or while its body streams, carries them. The id goes
//! back to the client as `X-Request-Id`, so that a reported problem can be found in the logs.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder, TracingLogger};

/// The response header naming the request's id.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Strict security headers on every response. `Referrer-Policy: no-referrer` matters because
/// verification and status links carry secrets in their path.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// Runs every request in a `RequestSpan`; the outermost middleware, so that everything else
/// runs inside the span.
pub fn request_spans() -> TracingLogger<RequestSpan> {
    TracingLogger::new()
}

/// Builds the span of one request (see the module documentation for its fields).
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request.extensions().get::<RequestId>().map(ToString::to_string).unwrap_or_default();
        let route = request.match_pattern().unwrap_or_else(|| "<unmatched>".to_owned());
        // At the error level the span is enabled under any log level, so that even a request's
        // warnings and errors logged under `level = "warn"` name their request.
        tracing::error_span!(
            "http_request",
            request_id = %request_id,
            method = %request.method(),
            route = %route,
            status = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(response) => response.status(),
            Err(error) => error.as_response_error().status_code(),
        };
        span.record("status", status.as_u16());
    }
}

/// Logs one line per request with the status and the latency (the span adds the request id,
/// method and route pattern), and returns the request id in the `X-Request-Id` header. Runs
/// inside [`request_spans`].
pub async fn log_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let request_id = req.extensions().get::<RequestId>().copied();
    let result = next.call(req).await;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(mut res) => {
            tracing::info!(status = res.status().as_u16(), elapsed_ms, "request");
            if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
                res.headers_mut().insert(REQUEST_ID, id);
            }
            Ok(res)
        }
        Err(e) => {
            tracing::warn!(error = %e, elapsed_ms, "request failed");
            Err(e)
        }
    }
}
