//! One error type for the HTTP layer and its single mapping to responses: validation → 422 with
//! field and reason, not found → 404, database unavailable → 503, anything else → an opaque 500
//! whose cause is logged (never sent). The body is the JSON envelope; `http::error_pages` turns it
//! into a page for browsers, and `http::errors` maps every service error to this type.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::Msg;
use crate::i18n::english;

/// One invalid input field; the reason is rendered in the reader's language (JSON: English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    pub field: String,
    pub reason: Msg,
}

impl Serialize for FieldIssue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("FieldIssue", 2)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("reason", &english(&self.reason))?;
        s.end()
    }
}

impl std::fmt::Display for FieldIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, english(&self.reason))
    }
}

/// The error of every handler: each variant is one answer (status, headers, envelope).
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
    /// The client did not send its whole request in time (`http.request_timeout_secs`).
    #[error("request timeout")]
    RequestTimeout,
    /// The action is not allowed now; the reason in the reader's language (JSON: English).
    #[error("conflict: {}", english(.0))]
    Conflict(Msg),
    /// A staff page without a valid session: answered with a redirect to the sign-in page.
    #[error("sign-in required")]
    SignInRequired,
    /// A staff page before the generated one-time password is replaced: a redirect to the
    /// password page.
    #[error("password change required")]
    PasswordChangeRequired,
    /// A staff page for an administrator who must add a second factor first: a redirect to the
    /// enrolment page.
    #[error("second factor required")]
    SecondFactorRequired,
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// An API call without a valid key: 401 with `WWW-Authenticate: Bearer`.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// A request body over the limit of its route.
    #[error("the upload is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// One invalid field.
    pub fn invalid(field: &str, reason: impl Into<Msg>) -> Self {
        AppError::Validation(vec![FieldIssue { field: field.into(), reason: reason.into() }])
    }

    /// Whether a form shows this error itself, re-rendered (invalid fields, a refused action,
    /// files too large); the rest get their error page. The staff pages word it in
    /// `http::staff::form_message`.
    pub fn shown_on_form(&self) -> bool {
        matches!(self, AppError::Validation(_) | AppError::Conflict(_) | AppError::PayloadTooLarge { .. })
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
            AppError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::SignInRequired | AppError::PasswordChangeRequired | AppError::SecondFactorRequired => {
                StatusCode::SEE_OTHER
            }
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        match self {
            AppError::SignInRequired => {
                return response.insert_header((header::LOCATION, "/staff/login")).finish();
            }
            AppError::PasswordChangeRequired => {
                return response.insert_header((header::LOCATION, "/staff/password")).finish();
            }
            AppError::SecondFactorRequired => {
                return response.insert_header((header::LOCATION, "/staff/second-factor")).finish();
            }
            _ => {}
        }
        let too_large;
        let conflict;
        let (code, message, fields): (&str, &str, &[FieldIssue]) = match self {
            AppError::BadRequest(m) => ("bad_request", m, &[]),
            AppError::Validation(f) => ("invalid_input", "the request has invalid fields", f),
            AppError::NotFound => ("not_found", "not found", &[]),
            AppError::TooManyRequests { .. } => {
                ("too_many_requests", "too many requests; try again later", &[])
            }
            AppError::RequestTimeout => ("request_timeout", "the request was not sent in time", &[]),
            AppError::Conflict(m) => {
                conflict = english(m);
                ("conflict", conflict.as_str(), &[])
            }
            AppError::SignInRequired => ("sign_in_required", "sign in first", &[]),
            AppError::PasswordChangeRequired => {
                ("password_change_required", "change your password first", &[])
            }
            AppError::SecondFactorRequired => ("second_factor_required", "add a second factor first", &[]),
            AppError::Forbidden(m) => ("forbidden", m, &[]),
            AppError::Unauthorized(m) => ("unauthorized", m, &[]),
            AppError::PayloadTooLarge { .. } => {
                too_large = self.to_string();
                ("payload_too_large", too_large.as_str(), &[])
            }
            AppError::Unavailable(cause) => {
                tracing::warn!(%cause, "database unavailable");
                ("unavailable", "temporarily unavailable, try again shortly", &[])
            }
            AppError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                ("internal", "internal error", &[])
            }
        };
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
