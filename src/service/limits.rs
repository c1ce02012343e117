//! Rate limits of the public endpoints, counted per client and hour in PostgreSQL (so every
//! instance sees the same counts). A client address is stored only as a keyed hash.

use chrono::{DurationRound, TimeDelta};

use super::Context;
use crate::db::{self, DbError};
use crate::domain::ApiKeyId;
use crate::domain::verification::Purpose;

/// Which limit.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    Submit,
    Verify,
    Resend,
    /// Staff password reset requests (the same allowance as "send a new code", counted apart).
    PasswordReset,
    /// Calls of one integration API key (counted per key, not per address).
    ApiKey(ApiKeyId),
}

/// The hourly allowance is spent: try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub i64);

/// Counts this hit of `client` (an address; ignored for API keys).
pub async fn hit(ctx: &Context, limit: Limit, client: &str) -> Result<Result<(), RetryAfter>, DbError> {
    let limits = &ctx.settings.limits;
    let (name, allowed) = match limit {
        Limit::Submit => ("submit", limits.submissions_per_hour),
        Limit::Verify => ("verify", limits.verifications_per_hour),
        Limit::Resend => ("resend", limits.resends_per_hour),
        Limit::PasswordReset => ("password-reset", limits.resends_per_hour),
        Limit::ApiKey(_) => ("apikey", limits.api_calls_per_hour),
    };
    let hashed = match limit {
        Limit::ApiKey(id) => id.to_string(),
        // An address is personal data: only its keyed hash is stored.
        _ => hex::encode(&ctx.hasher.hash(Purpose::RateLimit, client)[..12]),
    };
    let now = ctx.clock.now();
    let window = now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now);
    let mut conn = db::conn(&ctx.pool).await?;
    let hits = db::rate_limits::hit(&mut conn, &format!("{name}:{hashed}"), window).await?;
    if hits > allowed {
        return Ok(Err(RetryAfter((window + TimeDelta::hours(1) - now).num_seconds().max(1))));
    }
    Ok(Ok(()))
}
