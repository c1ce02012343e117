//! The second factor of password sign-in: enrolment with an authenticator app (TOTP) and ten
//! one-time recovery codes, the code step of sign-in, renewing the codes and turning the factor
//! off. An administrator resets a lost factor in `service::admin`. Every change is in the audit
//! log.

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};

use super::Context;
use super::audit::{self, AuditAction, AuditActor};
use super::auth::{self, Session, SignInBuckets, StaffUser};
use crate::db::{self, DbError, second_factor as stored};
use crate::domain::second_factor::{self as factor, SecondFactorInput, TotpSecret};
use crate::domain::verification::{self, Purpose};
use crate::domain::{Email, SignInMethod, StaffId, StaffRole};

/// Wrong codes one waiting sign-in may take before the password must be typed again.
pub const MAX_CODE_FAILURES: i32 = 5;

/// The issuer name an authenticator app shows beside the account.
const ISSUER: &str = "dsr-desk";

/// Why a code was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the code is not a 6-digit code or a recovery code")]
    Malformed,
    #[error("the code is not correct, or it was used already; wait for the next code")]
    Wrong,
}

/// Why the code step of a sign-in failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInCodeFailed {
    /// The code was wrong or malformed; the same sign-in may try again.
    Wrong,
    /// The waiting sign-in expired, took too many wrong codes or is locked: sign in again.
    Restart,
}

/// A completed sign-in.
pub struct CodeAccepted {
    pub session: Session,
    /// Recovery codes left when one was used (to warn when few are left).
    pub recovery_codes_left: Option<i64>,
}

fn unix_secs(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or_default()
}

/// Whether a sign-in is waiting for its code under this cookie token.
pub async fn challenge_is_live(ctx: &Context, token: &str) -> Result<bool, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(false);
    }
    let mut conn = db::conn(&ctx.pool).await?;
    stored::challenge_is_live(&mut conn, &ctx.hasher.hash(Purpose::SignInChallenge, token), ctx.clock.now())
        .await
}

/// The code step of a sign-in: an authenticator code (each accepted once) or an unused recovery
/// code. Each attempt counts against the account's sign-in lock-out, like a password guess.
pub async fn complete_sign_in(
    ctx: &Context,
    token: &str,
    code: &str,
    client: &str,
) -> Result<Result<CodeAccepted, SignInCodeFailed>, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(Err(SignInCodeFailed::Restart));
    }
    let now = ctx.clock.now();
    let hash = ctx.hasher.hash(Purpose::SignInChallenge, token);
    let mut conn = db::conn(&ctx.pool).await?;
    let outcome = conn
        .transaction::<_, DbError, _>(async |conn| {
            let Some((staff_id, failures)) = stored::lock_challenge(conn, &hash, now).await? else {
                return Ok(Err((SignInCodeFailed::Restart, None)));
            };
            let Some((email, _)) = db::staff::email_and_name(conn, staff_id).await? else {
                return Ok(Err((SignInCodeFailed::Restart, None)));
            };
            let normalised = Email::parse(&email).map(|e| e.normalised()).unwrap_or(email);
            let buckets = SignInBuckets::new(ctx, &normalised, client, now);
            let locked = buckets.hit(conn).await?;
            if locked || failures >= MAX_CODE_FAILURES {
                stored::delete_challenge(conn, &hash).await?;
                return Ok(Err((SignInCodeFailed::Restart, Some(staff_id))));
            }
            let accepted = match SecondFactorInput::parse(code) {
                None => None,
                Some(SecondFactorInput::Totp(code)) => {
                    let row = stored::lock(conn, staff_id).await?;
                    let secret = row.secret.as_deref().and_then(|s| TotpSecret::open(&ctx.hasher, s));
                    match secret.and_then(|s| s.accept(&code, unix_secs(now), row.last_step)) {
                        Some(step) => {
                            stored::use_step(conn, staff_id, step).await?;
                            Some(None)
                        }
                        None => None,
                    }
                }
                Some(SecondFactorInput::Recovery(code)) => {
                    let code_hash = factor::recovery_code_hash(&ctx.hasher, &code);
                    if stored::use_recovery_code(conn, staff_id, &code_hash, now).await? {
                        let entry = audit::entry(
                            AuditActor::Staff(staff_id),
                            AuditAction::RecoveryCodeUsed,
                            staff_id,
                            address(client),
                        );
                        audit::record(conn, entry, now).await?;
                        Some(Some(stored::recovery_codes_left(conn, staff_id).await?))
                    } else {
                        None
                    }
                }
            };
            let Some(recovery_codes_left) = accepted else {
                stored::challenge_failed(conn, &hash).await?;
                return Ok(Err((SignInCodeFailed::Wrong, Some(staff_id))));
            };
            stored::delete_challenge(conn, &hash).await?;
            // Both counts of this sign-in (the password's and the code's) go back.
            buckets.take_back(conn).await?;
            buckets.take_back(conn).await?;
            let session =
                auth::open_session(conn, ctx, staff_id, SignInMethod::PasswordTotp, client, now).await?;
            Ok(Ok(CodeAccepted { session, recovery_codes_left }))
        })
        .await?;
    match outcome {
        Ok(accepted) => Ok(Ok(accepted)),
        Err((failure, staff_id)) => {
            let subject = staff_id.map(|id| id.to_string());
            let details =
                serde_json::json!({ "second_factor": true, "restart": failure == SignInCodeFailed::Restart });
            auth::record_failure(ctx, subject.as_deref(), client, details, now).await?;
            tracing::info!(staff_id = subject, ?failure, "second factor not accepted");
            Ok(Err(failure))
        }
    }
}

/// A client address for the audit log (`None` when the connection had none).
fn address(client: &str) -> Option<&str> {
    Some(client).filter(|c| !c.is_empty())
}

/// What the second-factor page shows.
pub enum Enrolment {
    /// Not enrolled: the secret to add to an authenticator app (kept until a code confirms it).
    Offer { base32: String, otpauth_uri: String },
    /// Enrolled since then, with this many unused recovery codes.
    Enabled { since: DateTime<Utc>, recovery_codes_left: i64 },
}

/// The second factor of the signed-in person; offers a new secret when there is none.
pub async fn enrolment(ctx: &Context, user: &StaffUser) -> Result<Enrolment, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let row = stored::lock(conn, user.id).await?;
        if let Some(since) = row.enabled_at {
            let recovery_codes_left = stored::recovery_codes_left(conn, user.id).await?;
            return Ok(Enrolment::Enabled { since, recovery_codes_left });
        }
        // The same secret until it is confirmed: reloading the page must not invalidate what the
        // app scanned a moment ago.
        let secret = match row.pending.as_deref().and_then(|p| TotpSecret::open(&ctx.hasher, p)) {
            Some(secret) => secret,
            None => {
                let secret = TotpSecret::generate();
                let sealed = secret
                    .seal(&ctx.hasher)
                    .ok_or_else(|| DbError::corrupt("sealing a TOTP secret failed"))?;
                stored::set_pending(conn, user.id, &sealed).await?;
                secret
            }
        };
        let otpauth_uri = secret
            .otpauth_uri(&user.email, ISSUER)
            .ok_or_else(|| DbError::corrupt("the enrolment URI could not be made"))?;
        Ok(Enrolment::Offer { base32: secret.base32_grouped(), otpauth_uri })
    })
    .await
}

/// Why enrolment or a change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error(transparent)]
    Code(#[from] CodeError),
    #[error("the second factor is already on")]
    AlreadyEnabled,
    #[error("there is no second factor to change; add one first")]
    NotEnabled,
    #[error("administrators must keep a second factor; another administrator can reset a lost one")]
    RequiredForAdmins,
}

/// Turns the offered secret on with a code from the app; returns the new recovery codes (shown
/// once).
pub async fn enable(
    ctx: &Context,
    user: &StaffUser,
    code: &str,
) -> Result<Result<Vec<String>, ChangeError>, DbError> {
    let Some(SecondFactorInput::Totp(code)) = SecondFactorInput::parse(code) else {
        return Ok(Err(CodeError::Malformed.into()));
    };
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let row = stored::lock(conn, user.id).await?;
        if row.enabled_at.is_some() {
            return Ok(Err(ChangeError::AlreadyEnabled));
        }
        let Some(sealed) = row.pending else { return Ok(Err(CodeError::Wrong.into())) };
        let Some(step) =
            TotpSecret::open(&ctx.hasher, &sealed).and_then(|s| s.accept(&code, unix_secs(now), None))
        else {
            return Ok(Err(CodeError::Wrong.into()));
        };
        stored::enable(conn, user.id, &sealed, step, now).await?;
        let codes = new_recovery_codes(conn, ctx, user.id).await?;
        let entry = audit::entry(
            AuditActor::Staff(user.id),
            AuditAction::SecondFactorEnabled,
            user.id,
            user.address.as_deref(),
        );
        audit::record(conn, entry, now).await?;
        tracing::info!(staff_id = %user.id, "second factor enabled");
        Ok(Ok(codes))
    })
    .await
}

async fn new_recovery_codes(
    conn: &mut AsyncPgConnection,
    ctx: &Context,
    id: StaffId,
) -> Result<Vec<String>, DbError> {
    let codes = factor::new_recovery_codes();
    let hashes: Vec<Vec<u8>> = codes.iter().map(|c| factor::recovery_code_hash(&ctx.hasher, c)).collect();
    stored::replace_recovery_codes(conn, id, &hashes).await?;
    Ok(codes)
}

/// Checks a current authenticator code of an enrolled account in the caller's transaction (and
/// uses its step up).
async fn check_current_code(
    conn: &mut AsyncPgConnection,
    ctx: &Context,
    id: StaffId,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Result<(), ChangeError>, DbError> {
    let Some(SecondFactorInput::Totp(code)) = SecondFactorInput::parse(code) else {
        return Ok(Err(CodeError::Malformed.into()));
    };
    let row = stored::lock(conn, id).await?;
    let Some(sealed) = row.secret.filter(|_| row.enabled_at.is_some()) else {
        return Ok(Err(ChangeError::NotEnabled));
    };
    match TotpSecret::open(&ctx.hasher, &sealed).and_then(|s| s.accept(&code, unix_secs(now), row.last_step))
    {
        Some(step) => {
            stored::use_step(conn, id, step).await?;
            Ok(Ok(()))
        }
        None => Ok(Err(CodeError::Wrong.into())),
    }
}

/// New recovery codes (the old ones stop working), after a current code from the app.
pub async fn renew_recovery_codes(
    ctx: &Context,
    user: &StaffUser,
    code: &str,
) -> Result<Result<Vec<String>, ChangeError>, DbError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        if let Err(e) = check_current_code(conn, ctx, user.id, code, now).await? {
            return Ok(Err(e));
        }
        let codes = new_recovery_codes(conn, ctx, user.id).await?;
        let entry = audit::entry(
            AuditActor::Staff(user.id),
            AuditAction::RecoveryCodesRenewed,
            user.id,
            user.address.as_deref(),
        );
        audit::record(conn, entry, now).await?;
        Ok(Ok(codes))
    })
    .await
}

/// Turns the second factor off, after a current code from the app. Refused for administrators
/// while it is required of them.
pub async fn disable(
    ctx: &Context,
    user: &StaffUser,
    code: &str,
) -> Result<Result<(), ChangeError>, DbError> {
    if user.role == StaffRole::Admin && ctx.settings.security.require_totp_for_admins {
        return Ok(Err(ChangeError::RequiredForAdmins));
    }
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        if let Err(e) = check_current_code(conn, ctx, user.id, code, now).await? {
            return Ok(Err(e));
        }
        stored::remove(conn, user.id, now).await?;
        let entry = audit::entry(
            AuditActor::Staff(user.id),
            AuditAction::SecondFactorDisabled,
            user.id,
            user.address.as_deref(),
        );
        audit::record(conn, entry, now).await?;
        tracing::info!(staff_id = %user.id, "second factor disabled");
        Ok(Ok(()))
    })
    .await
}
