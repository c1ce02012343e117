//! The JSON API for integrations (a web shop posting requests on its customers' behalf). Each
//! handler's `#[utoipa::path]` documents it in the OpenAPI document (`http::openapi`); its path
//! is the actix attribute's, under the `/api/v1` scope.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::AppState;
use super::client_addr::client_addr;
use super::fields;
use super::limits::{self, Limit};
use super::openapi::ErrorBody;
use crate::domain::Email as Address;
use crate::domain::request::{self, RequestInput};
use crate::error::AppError;
use crate::service::intake::{self, Channel, Idempotency, KeyOwner, Proof, Verification};
use crate::service::integrations::{self, Caller};

/// The body of `POST /api/v1/requests`.
#[derive(Debug, Deserialize, ToSchema)]
#[expect(dead_code, reason = "documents the request body schema; the body is read through RequestInput")]
pub struct NewRequestBody {
    /// Register key, e.g. `jokkerit`.
    register: String,
    /// `inspection`, `correction`, `objection`, `erasure`, `restriction` (GDPR Art 18),
    /// `general_objection` (Art 21(1)) or `portability` (Art 20).
    kind: String,
    /// `fi`, `sv`, `en` or `et`; defaults to the register's first language.
    language: Option<String>,
    requester: RequesterBody,
    /// Inspection, erasure or portability: what the request covers (empty = everything).
    scope: Option<String>,
    /// Correction: the items to correct.
    items: Option<Vec<ItemBody>>,
    /// Objection: purposes, e.g. `direct_advertising`.
    purposes: Option<Vec<String>>,
    /// Objection: channels (`email`, `sms`, `phone`, `post`); none = all.
    channels: Option<Vec<String>>,
    /// Restriction: the grounds of GDPR Art 18(1), at least one: `accuracy_contested` (a),
    /// `unlawful_processing` (b), `legal_claims` (c), `objection_pending` (d).
    grounds: Option<Vec<String>>,
    /// Restriction: which data, and why (optional).
    explanation: Option<String>,
    /// General objection: the processing (purpose) objected to (required).
    processing: Option<String>,
    /// General objection: the grounds relating to the requester's particular situation (required).
    situation: Option<String>,
    /// Portability: the preferred format, `json` or `csv` (optional).
    format: Option<String>,
    /// Portability: the controller to transmit the data to directly, where technically feasible
    /// (optional).
    receiving_controller: Option<String>,
}

/// The requester in [`NewRequestBody`].
#[derive(Debug, Deserialize, ToSchema)]
#[expect(dead_code, reason = "documents the request body schema; the body is read through RequestInput")]
pub struct RequesterBody {
    name: String,
    email: String,
    phone: Option<String>,
    customer_number: Option<String>,
}

/// A correction item in [`NewRequestBody`].
#[derive(Debug, Deserialize, ToSchema)]
#[expect(dead_code, reason = "documents the request body schema; the body is read through RequestInput")]
pub struct ItemBody {
    field: String,
    current_value: Option<String>,
    corrected_value: String,
    reason: Option<String>,
}

/// The answer to a submission.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubmittedBody {
    /// The request's reference.
    reference: String,
    /// `awaiting_verification` until the requester confirms the email address.
    status: String,
}

/// The body of `POST /api/v1/requests/{reference}/verify`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VerifyBody {
    /// The six-digit code from the verification email.
    code: String,
}

/// The answer to a successful verification.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerifiedBody {
    reference: String,
    status: String,
}

/// The body of `POST /api/v1/requests/{reference}/resend-code`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResendBody {
    /// The requester's email address as given in the request.
    email: String,
}

fn bad_json(e: serde_json::Error) -> AppError {
    AppError::BadRequest(format!("the body is not valid JSON for this endpoint: {e}"))
}

/// The scope of the caller's idempotency keys: its API key when it sends a valid one
/// (`Authorization: Bearer KEY`), else its address.
async fn key_owner_scope(state: &AppState, req: &HttpRequest) -> Result<String, AppError> {
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let caller = integrations::authenticate(&state.ctx, bearer).await?;
    let address;
    let owner = match caller {
        Caller::Key { id, .. } => KeyOwner::ApiKey(id),
        Caller::Unknown | Caller::Revoked => {
            address = client_addr(req, &state.ctx.settings.http.trusted_proxies);
            KeyOwner::Address(&address)
        }
    };
    Ok(intake::idempotency_scope(&state.ctx, owner))
}

/// Submit a request. It waits for the requester to confirm the email address (link or code sent
/// by email); the answer is the same whether or not the address is known anywhere.
#[utoipa::path(
    request_body = NewRequestBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe submission: the same key and body from the same caller (API key, else address) return the first answer for 24 hours")),
    responses(
        (status = 202, description = "Accepted, awaiting verification", body = SubmittedBody),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 404, description = "Unknown register", body = ErrorBody),
        (status = 422, description = "Invalid fields, or an Idempotency-Key reused with another body", body = ErrorBody)
    )
)]
#[post("/requests")]
pub async fn submit_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let value: serde_json::Value = serde_json::from_slice(&body).map_err(bad_json)?;
    let register_key = value.get("register").and_then(|r| r.as_str()).unwrap_or("").to_owned();
    let input: RequestInput = serde_json::from_value(value).map_err(bad_json)?;
    let Some(register) = state.ctx.register(&register_key) else {
        return Err(if register_key.is_empty() {
            AppError::invalid("register", "is required")
        } else {
            AppError::NotFound
        });
    };
    let country = register.jurisdiction.calling_code();
    let valid = request::validate(&input, &register.objection_purposes, country, register.default_language())
        .map_err(|issues| fields::in_english(&issues))?;
    limits::check(&state.ctx, &req, Limit::Submit).await?;
    let key = req.headers().get("Idempotency-Key").and_then(|v| v.to_str().ok()).map(str::trim);
    if key.is_some_and(|k| k.is_empty() || k.len() > 200) {
        return Err(AppError::invalid("Idempotency-Key", "must be 1–200 characters"));
    }
    let scope = match key {
        Some(_) => Some(key_owner_scope(&state, &req).await?),
        None => None,
    };
    let idempotency = key.zip(scope.as_deref()).map(|(key, scope)| Idempotency {
        scope,
        key,
        fingerprint: Sha256::digest(&body).to_vec(),
    });
    let submitted = intake::submit(&state.ctx, register, &valid, Channel::Api, idempotency).await?;
    Ok(HttpResponse::Accepted()
        .json(SubmittedBody { reference: submitted.reference, status: submitted.status }))
}

/// Verify a request with the code from its verification email.
#[utoipa::path(
    request_body = VerifyBody,
    params(("reference" = String, Path, description = "The request's reference")),
    responses(
        (status = 200, description = "Verified (or already verified): the request is received", body = VerifiedBody),
        (status = 404, description = "No request awaiting verification with this reference", body = ErrorBody),
        (status = 422, description = "Wrong, locked or expired code", body = ErrorBody)
    )
)]
#[post("/requests/{reference}/verify")]
pub async fn verify_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let body: VerifyBody = serde_json::from_slice(&body).map_err(bad_json)?;
    limits::check(&state.ctx, &req, Limit::Verify).await?;
    let reference = path.trim().to_uppercase();
    let invalid = |reason: String| AppError::invalid("code", reason);
    match intake::verify(&state.ctx, Proof::Code { reference: &reference, code: &body.code }).await? {
        Verification::Verified { reference, .. } | Verification::AlreadyVerified { reference } => {
            Ok(HttpResponse::Ok().json(VerifiedBody { reference, status: "received".into() }))
        }
        Verification::Wrong { attempts_left } => {
            Err(invalid(format!("the code is not correct; {attempts_left} attempts left")))
        }
        Verification::Locked => Err(invalid("too many wrong codes: ask for a new code".into())),
        Verification::Expired => Err(invalid("the code has expired: ask for a new code".into())),
        Verification::NotFound => Err(AppError::NotFound),
        Verification::IdentificationRequired => Err(invalid(
            "this request is confirmed by strong electronic identification only: open the link in the email"
                .into(),
        )),
    }
}

/// Ask for a new verification code (earlier codes stop working). The answer is the same whether
/// or not the email matches the request, and whether or not five codes were already sent in 24
/// hours (then none is sent).
#[utoipa::path(
    request_body = ResendBody,
    params(("reference" = String, Path, description = "The request's reference")),
    responses(
        (status = 202, description = "A new code is sent if the email matches an unverified request and fewer than five codes were sent in 24 hours")
    )
)]
#[post("/requests/{reference}/resend-code")]
pub async fn resend_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let body: ResendBody = serde_json::from_slice(&body).map_err(bad_json)?;
    limits::check(&state.ctx, &req, Limit::Resend).await?;
    let reference = path.trim().to_uppercase();
    intake::resend(&state.ctx, &reference, Address::parse(&body.email).ok().as_ref()).await?;
    Ok(HttpResponse::Accepted().insert_header((header::CACHE_CONTROL, "no-store")).finish())
}
