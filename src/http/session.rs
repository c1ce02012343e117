//! The staff session at the edge: the cookie, and the extractors that admit a request. A handler
//! names who may call it by its argument type, and the check runs before the handler:
//! - [`Staff`]: signed in, with the generated one-time password replaced (every staff page and
//!   action; before the change, each redirects to the password page) and, for an administrator
//!   while `security.require_totp_for_admins` is on, a second factor added (else each redirects
//!   to the enrolment page);
//! - [`Session`]: signed in, password changed or not, second factor added or not (the password
//!   and second-factor pages and sign-out);
//! - [`Admin`]: a signed-in administrator; anyone else signed in gets the 404 of a page that does
//!   not exist, so that the area is not revealed.
//!
//! Without a valid session each answers with the redirect to the sign-in page.

use std::future::Future;

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::Payload;
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use secrecy::ExposeSecret;

use super::AppState;
use crate::error::AppError;
use crate::service::Context;
use crate::service::auth::{self, StaffUser};

const COOKIE: &str = "dsr_session";

/// The cookie of a new session.
pub(crate) fn session_cookie(ctx: &Context, session: &auth::Session) -> Cookie<'static> {
    let max_age = (session.expires_at - ctx.clock.now()).num_seconds().max(0);
    Cookie::build(COOKIE, session.token.expose_secret().to_owned())
        .path("/staff")
        .http_only(true)
        .secure(ctx.settings.http.public_url.is_https())
        .same_site(SameSite::Strict)
        .max_age(time::Duration::seconds(max_age))
        .finish()
}

/// The cookie that ends the session in the browser.
pub(crate) fn removal_cookie() -> Cookie<'static> {
    let mut cookie =
        Cookie::build(COOKIE, "").path("/staff").http_only(true).same_site(SameSite::Strict).finish();
    cookie.make_removal();
    cookie
}

/// The shared state of the application.
pub(crate) fn app_state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the application state is not configured")))
}

/// The signed-in staff member of `req`, looked up once per request.
async fn signed_in(req: &HttpRequest) -> Result<StaffUser, AppError> {
    if let Some(user) = req.extensions().get::<StaffUser>() {
        return Ok(user.clone());
    }
    let Some(cookie) = req.cookie(COOKIE) else { return Err(AppError::SignInRequired) };
    let state = app_state(req)?;
    let mut user = auth::current(&state.ctx, cookie.value()).await?.ok_or(AppError::SignInRequired)?;
    // The audit log names the address each staff action came from.
    user.address = Some(super::client_addr::client_addr(req, &state.ctx.settings.http.trusted_proxies))
        .filter(|a| !a.is_empty());
    let header = req.headers().get(ACCEPT_LANGUAGE).and_then(|h| h.to_str().ok()).unwrap_or("");
    user.browser_language = super::lang::from_accept_language(header);
    req.extensions_mut().insert(user.clone());
    Ok(user)
}

/// Who may make a request; checked before anything else of the request is read.
pub trait Role: 'static {
    /// The staff member behind `req` if this role admits them, else the answer for everyone else.
    fn admit(req: &HttpRequest) -> impl Future<Output = Result<StaffUser, AppError>>;
}

/// Any signed-in staff member whose one-time password has been replaced.
pub struct Staff(pub StaffUser);

/// Any signed-in staff member, also before the one-time password is replaced.
pub struct Session(pub StaffUser);

/// A signed-in administrator whose one-time password has been replaced.
pub struct Admin(pub StaffUser);

impl Role for Session {
    async fn admit(req: &HttpRequest) -> Result<StaffUser, AppError> {
        signed_in(req).await
    }
}

impl Role for Staff {
    async fn admit(req: &HttpRequest) -> Result<StaffUser, AppError> {
        let user = signed_in(req).await?;
        if user.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        if user.must_add_second_factor {
            return Err(AppError::SecondFactorRequired);
        }
        Ok(user)
    }
}

impl Role for Admin {
    async fn admit(req: &HttpRequest) -> Result<StaffUser, AppError> {
        let user = signed_in(req).await?;
        // The role first: a handler learns nothing about the area, not even that it wants a
        // password change.
        if !user.is_admin() {
            return Err(AppError::NotFound);
        }
        if user.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        if user.must_add_second_factor {
            return Err(AppError::SecondFactorRequired);
        }
        Ok(user)
    }
}

macro_rules! role_extractor {
    ($($role:ident),+) => {$(
        impl FromRequest for $role {
            type Error = AppError;
            type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move { <$role as Role>::admit(&req).await.map($role) })
            }
        }
    )+};
}

role_extractor!(Staff, Session, Admin);
