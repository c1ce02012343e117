//! The suppression API for the company's marketing systems (`Authorization: Bearer KEY`):
//! a check for one person and a paged export for bulk sync. A missing or unknown key is 401, a
//! revoked one 403, and a register outside the key's scope answers 404 like one that does not
//! exist.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::fields::parse_optional;
use super::limits::{self, Limit};
use super::openapi::ErrorBody;
use crate::domain::{ObjectionChannel, ObjectionPurpose, Register};
use crate::error::AppError;
use crate::service::integrations::{self, Caller, Identifier};

/// The caller's key must be valid and cover `register`; returns the register.
async fn authorised<'a>(
    req: &HttpRequest,
    state: &'a AppState,
    register: Option<&str>,
) -> Result<&'a Register, AppError> {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match integrations::authenticate(&state.ctx, bearer).await? {
        Caller::Unknown => {
            Err(AppError::Unauthorized("a valid API key is required: Authorization: Bearer KEY".into()))
        }
        Caller::Revoked => Err(AppError::Forbidden("this API key has been revoked".into())),
        caller @ Caller::Key { id, .. } => {
            limits::check(&state.ctx, req, Limit::ApiKey(id)).await?;
            let register = register
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .ok_or_else(|| AppError::invalid("register", "is required"))?;
            match state.ctx.register(register) {
                Some(r) if caller.may_read(&r.key) => Ok(r),
                _ => Err(AppError::NotFound),
            }
        }
    }
}

/// Query of `GET /api/v1/suppressions/check`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct CheckQuery {
    /// Register key.
    register: Option<String>,
    /// The person's email address (case and surrounding spaces do not matter).
    email: Option<String>,
    /// Or the person's phone number (any common writing; the register's country is the default).
    phone: Option<String>,
    /// The marketing purpose, e.g. `direct_advertising`; none = any purpose.
    purpose: Option<String>,
    /// The channel: `email`, `sms`, `phone` or `post`; none = any channel.
    channel: Option<String>,
}

/// The answer of a check.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckBody {
    /// Whether marketing for the purpose (over the channel) must not be sent.
    suppressed: bool,
    /// Every purpose this person objected to (over the channel, if given).
    purposes: Vec<String>,
    /// Since when the matching objection is in effect.
    since: Option<DateTime<Utc>>,
    /// The request that recorded it.
    reference: Option<String>,
}

/// Whether a person objected to a marketing purpose in a register.
#[utoipa::path(
    params(CheckQuery),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "The answer", body = CheckBody),
        (status = 401, description = "No or unknown API key", body = ErrorBody),
        (status = 403, description = "Revoked API key", body = ErrorBody),
        (status = 404, description = "Unknown register, or not one of the key's", body = ErrorBody),
        (status = 422, description = "Invalid email, phone, purpose or channel", body = ErrorBody)
    )
)]
#[get("/suppressions/check")]
pub async fn check(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CheckQuery>,
) -> Result<HttpResponse, AppError> {
    let register = authorised(&req, &state, query.register.as_deref()).await?;
    let identifier = Identifier::parse(
        query.email.as_deref(),
        query.phone.as_deref(),
        register.jurisdiction.calling_code(),
    )
    .map_err(|(field, reason)| AppError::invalid(field, reason))?;
    let purpose = parse_optional::<ObjectionPurpose>("purpose", query.purpose.as_deref())?;
    let channel = parse_optional::<ObjectionChannel>("channel", query.channel.as_deref())?;
    let answer = integrations::check(&state.ctx, &register.key, &identifier, purpose, channel).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(CheckBody {
        suppressed: answer.suppressed,
        purposes: answer.purposes,
        since: answer.since,
        reference: answer.reference,
    }))
}

/// Query of `GET /api/v1/suppressions`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ExportQuery {
    /// Register key.
    register: Option<String>,
    /// Only entries written or lifted at or after this instant (RFC 3339).
    since: Option<String>,
    /// The cursor from the previous page's `next`.
    // Read as text and parsed here, so that a bad number is a 422 naming the field.
    #[param(value_type = Option<i64>)]
    after: Option<String>,
    /// Entries per page, 1–1000 (default 500).
    #[param(value_type = Option<i64>)]
    limit: Option<String>,
}

/// Years a `since` instant may fall in: before them nothing was recorded, and the full range of
/// RFC 3339 reaches beyond what the database stores.
const SINCE_YEARS: std::ops::RangeInclusive<i32> = 1970..=9998;

/// One entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryBody {
    /// `email` or `phone`.
    identifier_kind: String,
    /// Lower-case email or E.164 phone number.
    identifier: String,
    purpose: String,
    channel: String,
    since: DateTime<Utc>,
    /// When the objection was withdrawn (the entry no longer applies).
    lifted_at: Option<DateTime<Utc>>,
    reference: String,
}

/// A page of entries.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportBody {
    entries: Vec<EntryBody>,
    /// Pass as `after` for the next page; absent on the last page.
    next: Option<i64>,
}

/// Every suppression entry of a register, page by page, for bulk sync (lifted ones included).
#[utoipa::path(
    params(ExportQuery),
    security(("api_key" = [])),
    responses(
        (status = 200, description = "A page", body = ExportBody),
        (status = 401, description = "No or unknown API key", body = ErrorBody),
        (status = 403, description = "Revoked API key", body = ErrorBody),
        (status = 404, description = "Unknown register, or not one of the key's", body = ErrorBody),
        (status = 422, description = "Invalid since, after or limit", body = ErrorBody)
    )
)]
#[get("/suppressions")]
pub async fn export(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let register = authorised(&req, &state, query.register.as_deref()).await?;
    let since = query
        .since
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            DateTime::parse_from_rfc3339(s.trim())
                .ok()
                .map(|t| t.with_timezone(&Utc))
                .filter(|t| SINCE_YEARS.contains(&t.year()))
                .ok_or(())
        })
        .transpose()
        .map_err(|()| {
            AppError::invalid("since", "must be an RFC 3339 instant from 1970 on, e.g. 2026-03-01T00:00:00Z")
        })?;
    let limit = parse_optional::<i64>("limit", query.limit.as_deref())
        .ok()
        .and_then(|limit| limit.or(Some(500)))
        .filter(|limit| (1..=integrations::MAX_PAGE).contains(limit))
        .ok_or_else(|| AppError::invalid("limit", format!("must be 1–{}", integrations::MAX_PAGE)))?;
    let after = parse_optional::<i64>("after", query.after.as_deref())
        .ok()
        .and_then(|after| after.or(Some(0)))
        .filter(|after| *after >= 0)
        .ok_or_else(|| AppError::invalid("after", "must be the `next` of the previous page"))?;
    let (entries, next) = integrations::export(&state.ctx, &register.key, since, after, limit).await?;
    let entries = entries
        .into_iter()
        .map(|e| EntryBody {
            identifier_kind: e.identifier_kind,
            identifier: e.identifier,
            purpose: e.purpose.to_string(),
            channel: e.channel.to_string(),
            since: e.since,
            lifted_at: e.lifted_at,
            reference: e.reference.to_string(),
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(ExportBody { entries, next }))
}
