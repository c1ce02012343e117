//! Rate limits of the public endpoints as HTTP sees them: the client address of the request, and
//! 429 with `Retry-After` once the hourly allowance is spent.

use actix_web::HttpRequest;

use super::client_addr::client_addr;
use crate::error::AppError;
use crate::service::Context;
pub use crate::service::limits::Limit;
use crate::service::limits::{self, RetryAfter};

/// Counts this hit; `AppError::TooManyRequests` once the hourly allowance is spent.
pub async fn check(ctx: &Context, req: &HttpRequest, limit: Limit) -> Result<(), AppError> {
    let client = match limit {
        Limit::ApiKey(_) => String::new(),
        _ => client_addr(req, &ctx.settings.http.trusted_proxies),
    };
    match limits::hit(ctx, limit, &client).await? {
        Ok(()) => Ok(()),
        Err(RetryAfter(retry_after)) => Err(AppError::TooManyRequests { retry_after }),
    }
}
