//! A forgotten staff password, reset by email: a single-use link valid for an hour (only its
//! keyed hash is stored), the same answer whether or not the address has an account, at most
//! [`LINKS_PER_HOUR`] links an hour per account (the HTTP edge limits each client address too),
//! and every session of the account ended when the new password is set.

use chrono::Duration;
use diesel_async::AsyncConnection;
use secrecy::{ExposeSecret, SecretString};

use super::Context;
use super::audit::{self, AuditAction, AuditActor};
use super::auth::{MIN_PASSWORD_CHARS, PasswordError};
use super::staff::{hash_password, strong_enough};
use crate::db::{self, DbError, password_resets, sessions};
use crate::domain::verification::{self, Purpose};
use crate::domain::{Email as Address, Jurisdiction, Language};
use crate::email::{self, Email};
use crate::outbox::{Outgoing, enqueue};

/// How long a link works.
pub const LINK_MINUTES: i64 = 60;

/// Links emailed to one account in an hour; more requests are answered the same, sending nothing.
pub const LINKS_PER_HOUR: i64 = 3;

/// Emails a reset link to the enabled account with this address, if there is one, in the language
/// the account chose, else `page_language` (the language of the page that asked). The caller
/// answers the same either way.
pub async fn request(
    ctx: &Context,
    email: &str,
    address: &str,
    page_language: Language,
) -> Result<(), DbError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    let Some((staff_id, to, name)) = db::staff::enabled_by_email(&mut conn, email.trim()).await? else {
        return Ok(());
    };
    let Ok(to) = Address::parse(&to) else { return Ok(()) };
    let language = db::staff::language_of(&mut conn, staff_id).await?.unwrap_or(page_language);
    let token = verification::new_token();
    let expires_at = now + Duration::minutes(LINK_MINUTES);
    let expires =
        expires_at.with_timezone(&Jurisdiction::Fi.time_zone()).format("%Y-%m-%d %H:%M").to_string();
    conn.transaction::<_, DbError, _>(async |conn| {
        if password_resets::sent_since(conn, staff_id, now - Duration::hours(1)).await? >= LINKS_PER_HOUR {
            return Ok(());
        }
        password_resets::insert(
            conn,
            &ctx.hasher.hash(Purpose::PasswordReset, &token),
            staff_id,
            now,
            expires_at,
        )
        .await?;
        let link = ctx.link(&format!("/staff/password-reset/{token}"));
        enqueue(
            conn,
            &ctx.from,
            Outgoing {
                request_id: None,
                register_key: None,
                to: &to,
                reply_to: None,
                language,
                email: Email::PasswordReset(email::PasswordReset { name, link, expires }),
            },
            now,
        )
        .await?;
        let entry =
            audit::entry(AuditActor::Anonymous, AuditAction::PasswordResetRequested, staff_id, Some(address));
        audit::record(conn, entry, now).await
    })
    .await
}

/// Whether `token` is an unused, unexpired link (to show its form).
pub async fn link_is_open(ctx: &Context, token: &str) -> Result<bool, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(false);
    }
    let mut conn = db::conn(&ctx.pool).await?;
    let hash = ctx.hasher.hash(Purpose::PasswordReset, token);
    Ok(password_resets::find_open(&mut conn, &hash, ctx.clock.now()).await?.is_some())
}

/// Why a reset is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResetError {
    #[error("this link has expired or was already used: ask for a new one")]
    LinkInvalid,
    #[error(transparent)]
    Password(#[from] PasswordError),
}

/// Sets the new password through the link `token`, uses the link up and ends every session of
/// the account.
pub async fn reset(
    ctx: &Context,
    token: &str,
    new: SecretString,
    confirm: SecretString,
    address: &str,
) -> Result<Result<(), ResetError>, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(Err(ResetError::LinkInvalid));
    }
    if new.expose_secret().chars().count() < MIN_PASSWORD_CHARS {
        return Ok(Err(PasswordError::TooShort.into()));
    }
    if new.expose_secret() != confirm.expose_secret() {
        return Ok(Err(PasswordError::Mismatch.into()));
    }
    let now = ctx.clock.now();
    let hash = ctx.hasher.hash(Purpose::PasswordReset, token);
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(staff_id) = password_resets::find_open(&mut conn, &hash, now).await? else {
        return Ok(Err(ResetError::LinkInvalid));
    };
    // The person's own name and address make a guessable password too.
    let inputs: Vec<String> =
        db::staff::email_and_name(&mut conn, staff_id).await?.map(|(e, n)| vec![e, n]).unwrap_or_default();
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    if !strong_enough(new.expose_secret(), &inputs) {
        return Ok(Err(PasswordError::TooWeak.into()));
    }
    let hashed = tokio::task::spawn_blocking(move || hash_password(&new))
        .await
        .map_err(|e| DbError::corrupt(format!("password hashing stopped: {e}")))?
        .map_err(|e| DbError::corrupt(format!("password hashing failed: {e}")))?;
    let done = conn
        .transaction::<_, DbError, _>(async |conn| {
            // Taken atomically: of two submissions of one link, only one sets a password.
            let Some(staff_id) = password_resets::take(conn, &hash, now).await? else { return Ok(false) };
            db::staff::set_password(conn, staff_id, &hashed, now).await?;
            sessions::delete_all_of(conn, staff_id).await?;
            let entry = audit::entry(
                AuditActor::Anonymous,
                AuditAction::PasswordResetByEmail,
                staff_id,
                Some(address),
            );
            audit::record(conn, entry, now).await?;
            Ok(true)
        })
        .await?;
    if !done {
        return Ok(Err(ResetError::LinkInvalid));
    }
    tracing::info!(staff_id = %staff_id, "password reset by email; sessions revoked");
    Ok(Ok(()))
}
