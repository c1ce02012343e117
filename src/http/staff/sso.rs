//! Staff single sign-on at the edge: the sign-in page's button (`POST /staff/login/sso`, carrying
//! the sign-in form's CSRF pair) and the provider's answer (`GET /staff/login/sso/callback`). The
//! sign-on is bound to the browser by the cookie `dsr_sso` (`SameSite=Lax`, so that it comes back
//! with the provider's redirect; only its hash is stored).

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::session::{check_login_csrf, login_page};
use crate::error::AppError;
use crate::http::form;
use crate::http::public::identify::CallbackQuery;
use crate::http::respond::redirect;
use crate::http::session::session_cookie;
use crate::http::{AppState, client_addr};
use crate::service::staff_sso::{self, OidcStartError};

const COOKIE: &str = "dsr_sso";

/// The button's form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct SsoFields {
    csrf: String,
}

/// `POST /staff/login/sso`: to the provider (404 while single sign-on is not configured).
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let SsoFields { csrf } = form::fields(&body)?;
    check_login_csrf(&req, &state, &csrf)?;
    match staff_sso::start(&state.ctx).await {
        Ok(Some(started)) => {
            let minutes = i64::from(state.ctx.settings.identity.flow_minutes);
            let cookie = Cookie::build(COOKIE, started.cookie)
                .path("/staff/login/sso")
                .http_only(true)
                .secure(state.ctx.settings.http.public_url.is_https())
                .same_site(SameSite::Lax)
                .max_age(time::Duration::minutes(minutes))
                .finish();
            let mut response = redirect(&started.url);
            response.add_cookie(&cookie).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Ok(None) => Err(AppError::NotFound),
        Err(OidcStartError::Provider(e)) => {
            tracing::warn!(error = %e, "single sign-on could not start");
            let message = super::browser_tr(&req).get("staff-sso-unreachable");
            login_page(&req, &state, StatusCode::SERVICE_UNAVAILABLE, String::new(), Some(message))
        }
        Err(OidcStartError::Db(e)) => Err(e.into()),
    }
}

/// `GET /staff/login/sso/callback`: a session and the queue, or the sign-in page with one message
/// for every failure (401).
pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, AppError> {
    if state.ctx.settings.staff_sso.provider().is_none() {
        return Err(AppError::NotFound);
    }
    let client = client_addr::client_addr(&req, &state.ctx.settings.http.trusted_proxies);
    let cookie = req.cookie(COOKIE);
    let outcome = match query.answer() {
        Some((s, answer)) => {
            staff_sso::finish(&state.ctx, s, cookie.as_ref().map(|c| c.value()), answer, &client).await?
        }
        None => Err(staff_sso::Failure::UnknownState),
    };
    let mut response = match outcome {
        Ok(session) => {
            let mut response = redirect("/staff/queue");
            response.add_cookie(&session_cookie(&state.ctx, &session)).map_err(anyhow::Error::from)?;
            response
        }
        // One message for every failure: it does not tell an unknown account from a disabled one
        // or an unverified address.
        Err(_) => {
            let message = super::browser_tr(&req).get("staff-sso-failed");
            login_page(&req, &state, StatusCode::UNAUTHORIZED, String::new(), Some(message))?
        }
    };
    let mut gone = Cookie::build(COOKIE, "").path("/staff/login/sso").finish();
    gone.make_removal();
    response.add_removal_cookie(&gone).map_err(anyhow::Error::from)?;
    Ok(response)
}
