//! Cross-cutting middleware: security headers, the span every request runs in, its one log
//! line, and the refusal of control characters in the path, the query and JSON bodies.
//!
//! The span carries a fresh request id, the method, the route *pattern* (`/status/{token}`, never
//! the concrete path or the query: both may hold a secret) and, once answered, the status. Every
//! line logged while the request is handled, or while its body streams, carries them. The id goes
//! back to the client as `X-Request-Id`, so that a reported problem can be found in the logs.

use std::time::Instant;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{Error, HttpMessage, web};
use futures_util::StreamExt;
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder, TracingLogger};

use super::AppState;
use super::fields::{CONTROL_CHARACTER, has_control_character};
use crate::error::AppError;

/// The response header naming the request's id.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Strict security headers on every response. `Referrer-Policy: no-referrer` matters because
/// verification and status links carry secrets in their path. Served over https (`https`), the
/// browser is also told to use nothing else for a year (HSTS). A form may lead on to the identity
/// providers' origins (`form_targets`: a button that starts an identification is answered with a
/// redirect to the provider, which `form-action` governs too).
pub fn security_headers(https: bool, form_targets: &[String]) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add(("Strict-Transport-Security", "max-age=31536000"))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((
            "Content-Security-Policy",
            format!(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                 object-src 'none'; base-uri 'none'; form-action 'self'{}; frame-ancestors 'none'",
                form_targets.iter().map(|t| format!(" {t}")).collect::<String>()
            ),
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// Cuts off a request with a body that is not in within `http.request_timeout_secs` (a client
/// trickling its body would otherwise hold a worker's connection for as long as it likes): 408.
pub async fn request_deadline(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let has_body = req.headers().contains_key(actix_web::http::header::CONTENT_LENGTH)
        || req.headers().contains_key(actix_web::http::header::TRANSFER_ENCODING);
    let limit = req
        .app_data::<actix_web::web::Data<AppState>>()
        .map(|s| std::time::Duration::from_secs(s.ctx.settings.http.request_timeout_secs))
        .filter(|_| has_body);
    let Some(limit) = limit else { return next.call(req).await };
    match tokio::time::timeout(limit, next.call(req)).await {
        Ok(result) => result,
        Err(_) => {
            tracing::warn!("request body not received in time");
            Err(AppError::RequestTimeout.into())
        }
    }
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

/// Refuses a request whose path, query or JSON body holds a control character (PostgreSQL
/// refuses NUL in text, so it would otherwise end in a 500 deep inside): a path segment or query
/// parameter is a 422 naming it (400 under `/api/`), a JSON field a 400 naming its path
/// (`requester.email`). Forms are
/// checked where they are read (`http::form::fields`). Runs inside the error pages, so a browser
/// gets a page.
pub async fn reject_control_characters(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let path = percent_encoding::percent_decode_str(req.path()).decode_utf8_lossy();
    let mut refused =
        has_control_character(&path, false).then(|| AppError::invalid("path", CONTROL_CHARACTER));
    if refused.is_none() {
        refused = form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(name, value)| has_control_character(name, false) || has_control_character(value, false))
            .map(|(name, _)| {
                let field = if has_control_character(&name, false) { "query" } else { &name };
                AppError::invalid(field, CONTROL_CHARACTER)
            });
    }
    if refused.is_none() && is_json(&req) {
        let limit =
            req.app_data::<web::Data<AppState>>().map_or(1 << 20, |s| s.ctx.settings.http.max_body_bytes);
        let (body, payload) = buffer(req.take_payload(), limit).await;
        refused = body
            .and_then(|body| serde_json::from_slice::<serde_json::Value>(&body).ok())
            .and_then(|value| control_character_in(&value, String::new()))
            .map(|field| AppError::BadRequest(format!("the field `{field}` {CONTROL_CHARACTER}")));
        req.set_payload(payload);
    }
    // Programs get the 400 of a malformed request, as for a JSON field; the field is named in
    // the message.
    if req.path().starts_with("/api/")
        && let Some(AppError::Validation(issues)) = &refused
        && let Some(issue) = issues.first()
    {
        refused = Some(AppError::BadRequest(format!(
            "the parameter `{}` {}",
            issue.field,
            crate::i18n::english(&issue.reason)
        )));
    }
    match refused {
        Some(error) => Ok(req.error_response(error).map_into_right_body()),
        None => Ok(next.call(req).await?.map_into_left_body()),
    }
}

fn is_json(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
}

type ReplayStream =
    std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<web::Bytes, actix_web::error::PayloadError>>>>;

/// Reads up to `limit` bytes of `payload`: the whole body when it fits, and a payload that gives
/// the handler every byte again (what was read, then the rest unread).
async fn buffer(mut payload: Payload, limit: usize) -> (Option<web::Bytes>, Payload) {
    let mut body = web::BytesMut::new();
    let mut failed = None;
    while let Some(chunk) = payload.next().await {
        match chunk {
            Ok(chunk) => {
                body.extend_from_slice(&chunk);
                if body.len() > limit {
                    break;
                }
            }
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let read = body.freeze();
    let whole = (failed.is_none() && read.len() <= limit).then(|| read.clone());
    let replay = futures_util::stream::iter([Ok(read)].into_iter().chain(failed.map(Err))).chain(payload);
    let replay: ReplayStream = Box::pin(replay);
    (whole, Payload::from(replay))
}

/// The path (`requester.email`, `items.0.current`) of the first string of `value` with a control
/// character other than tab or newline, or of an object key with any.
fn control_character_in(value: &serde_json::Value, at: String) -> Option<String> {
    let join = |key: &str| if at.is_empty() { key.to_owned() } else { format!("{at}.{key}") };
    match value {
        serde_json::Value::String(text) => has_control_character(text, true).then_some(at),
        serde_json::Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| control_character_in(item, join(&i.to_string())))
        }
        serde_json::Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            if has_control_character(key, false) {
                Some(if at.is_empty() { "body".to_owned() } else { at.clone() })
            } else {
                control_character_in(item, join(key))
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_field_with_a_control_character_is_named_by_its_path() {
        let body = serde_json::json!({"register": "a", "requester": {"name": "N", "email": "x\u{0}@y"}});
        assert_eq!(control_character_in(&body, String::new()).as_deref(), Some("requester.email"));
        let items = serde_json::json!({"items": [{"current": "ok"}, {"current": "bad\u{1b}"}]});
        assert_eq!(control_character_in(&items, String::new()).as_deref(), Some("items.1.current"));
        let fine = serde_json::json!({"scope": "line one\r\n\tline two", "n": 1});
        assert_eq!(control_character_in(&fine, String::new()), None);
    }
}
