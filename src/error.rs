//! One error type for the HTTP layer and its single mapping to responses: validation → 422 with
//! field and reason, not found → 404, database unavailable → 503, anything else → an opaque 500
//! whose cause is logged (never sent).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::db::DbError;

/// One invalid input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldIssue {
    pub field: String,
    pub reason: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("invalid input")]
    Validation(Vec<FieldIssue>),
    #[error("not found")]
    NotFound,
    #[error("too many requests")]
    TooManyRequests { retry_after: i64 },
    #[error("conflict: {0}")]
    Conflict(String),
    /// A staff page without a valid session: answered with a redirect to the sign-in page.
    #[error("sign-in required")]
    SignInRequired,
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// An API call without a valid key: 401 with `WWW-Authenticate: Bearer`.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Unavailable(cause) => AppError::Unavailable(cause),
            other => AppError::Internal(other.into()),
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "<[FieldIssue]>::is_empty")]
    fields: &'a [FieldIssue],
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::SignInRequired => StatusCode::SEE_OTHER,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let (code, message, fields): (&str, &str, &[FieldIssue]) = match self {
            AppError::BadRequest(m) => ("bad_request", m, &[]),
            AppError::Validation(f) => ("invalid_input", "the request has invalid fields", f),
            AppError::NotFound => ("not_found", "not found", &[]),
            AppError::TooManyRequests { .. } => {
                ("too_many_requests", "too many requests; try again later", &[])
            }
            AppError::Conflict(m) => ("conflict", m, &[]),
            AppError::SignInRequired => ("sign_in_required", "sign in first", &[]),
            AppError::Forbidden(m) => ("forbidden", m, &[]),
            AppError::Unauthorized(m) => ("unauthorized", m, &[]),
            AppError::Unavailable(cause) => {
                tracing::warn!(%cause, "database unavailable");
                ("unavailable", "temporarily unavailable, try again shortly", &[])
            }
            AppError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                ("internal", "internal error", &[])
            }
        };
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, AppError::SignInRequired) {
            return response.insert_header((header::LOCATION, "/staff/login")).finish();
        }
        match self {
            AppError::Unavailable(_) => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("5")));
            }
            AppError::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            AppError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            _ => {}
        }
        response.json(Envelope { error: Body { code, message, fields } })
    }
}
