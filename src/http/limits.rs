//! Rate limits of the public endpoints, counted per client address and hour in PostgreSQL (so
//! every instance sees the same counts). The address is stored only as a keyed hash.

use actix_web::HttpRequest;
use chrono::{DurationRound, TimeDelta};

use super::client_addr::client_addr;
use crate::db;
use crate::domain::verification::Purpose;
use crate::error::AppError;
use crate::service::Context;

/// Which limit.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    Submit,
    Verify,
    Resend,
    /// Calls of one integration API key (counted per key, not per address).
    ApiKey(i64),
}

/// Counts this hit; `AppError::TooManyRequests` once the hourly allowance is spent.
pub async fn check(ctx: &Context, req: &HttpRequest, limit: Limit) -> Result<(), AppError> {
    let (name, allowed) = match limit {
        Limit::Submit => ("submit", ctx.settings.limits.submissions_per_hour),
        Limit::Verify => ("verify", ctx.settings.limits.verifications_per_hour),
        Limit::Resend => ("resend", ctx.settings.limits.resends_per_hour),
        Limit::ApiKey(_) => ("apikey", ctx.settings.limits.api_calls_per_hour),
    };
    let hashed = match limit {
        Limit::ApiKey(id) => id.to_string(),
        _ => {
            let peer = client_addr(req, &ctx.settings.http.trusted_proxies);
            // An address is personal data: only its keyed hash is stored.
            hex::encode(&ctx.hasher.hash(Purpose::RateLimit, &peer)[..12])
        }
    };
    let now = ctx.clock.now();
    let window = now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now);
    let mut conn = db::conn(&ctx.pool).await?;
    let hits = db::rate_limits::hit(&mut conn, &format!("{name}:{hashed}"), window).await?;
    if hits > allowed {
        let retry_after = (window + TimeDelta::hours(1) - now).num_seconds().max(1);
        return Err(AppError::TooManyRequests { retry_after });
    }
    Ok(())
}
