//! Sign-in, sign-out and the password change. The password page and sign-out stay open to a
//! staff member who still has a generated one-time password; every other staff page sends them
//! here first.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::error::AppError;
use crate::http::form::{self, CsrfForm, NoFields};
use crate::http::respond::{html_page, redirect, render};
use crate::http::session::{Session, removal_cookie, session_cookie};
use crate::http::{AppState, client_addr};
use crate::i18n::Tr;
use crate::service::auth::{self, StaffUser};

#[derive(Template)]
#[template(path = "staff/login.html")]
struct LoginPage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    email: String,
    message: Option<String>,
    /// The single sign-on button's provider name, when configured.
    sso: Option<String>,
    password_sign_in: bool,
}

/// The cookie of the sign-in form's CSRF pair (see [`auth::LoginCsrf`]); the code page of the
/// second factor, under the same path, uses the same pair.
pub(super) const LOGIN_COOKIE: &str = "dsr_login";

/// The cookie of a sign-in waiting for its second factor (its token; the database has the keyed
/// hash).
pub(super) const CHALLENGE_COOKIE: &str = "dsr_signin";

/// The cookie that carries a waiting sign-in to the code page, or (`None`) removes it.
pub(super) fn challenge_cookie(state: &AppState, challenge: Option<&auth::Challenge>) -> Cookie<'static> {
    let value = challenge.map(|c| c.token.expose_secret().to_owned()).unwrap_or_default();
    let mut cookie = Cookie::build(CHALLENGE_COOKIE, value)
        .path("/staff/login")
        .http_only(true)
        .secure(state.ctx.settings.http.public_url.is_https())
        .same_site(SameSite::Strict)
        .finish();
    match challenge {
        Some(c) => cookie.set_max_age(actix_web::cookie::time::Duration::seconds(
            (c.expires_at - state.ctx.clock.now()).num_seconds().max(0),
        )),
        None => cookie.make_removal(),
    }
    cookie
}

pub(super) fn login_cookie(state: &AppState, csrf: &auth::LoginCsrf) -> Cookie<'static> {
    Cookie::build(LOGIN_COOKIE, csrf.cookie.clone())
        .path("/staff/login")
        .http_only(true)
        .secure(state.ctx.settings.http.public_url.is_https())
        .same_site(SameSite::Strict)
        .finish()
}

/// The sign-in page with `message` and `status`, its CSRF pair kept from the request's cookie or
/// made new (and set).
pub(super) fn login_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    email: String,
    message: Option<String>,
) -> Result<HttpResponse, AppError> {
    let kept = req.cookie(LOGIN_COOKIE).and_then(|c| auth::LoginCsrf::of_cookie(&state.ctx, c.value()));
    let csrf = kept.unwrap_or_else(|| auth::LoginCsrf::new(&state.ctx));
    let sso = &state.ctx.settings.staff_sso;
    let page = LoginPage {
        t: super::browser_tr(req),
        user: None,
        csrf: csrf.token.clone(),
        email,
        message,
        sso: sso.provider().map(|_| sso.display_name.clone()),
        password_sign_in: sso.password_sign_in,
    };
    let mut response = html_page(status, &page)?;
    response.add_cookie(&login_cookie(state, &csrf)).map_err(anyhow::Error::from)?;
    Ok(response)
}

/// Refuses (403) a post of the sign-in pages without the form's CSRF pair, before anything is
/// counted.
pub(super) fn check_login_csrf(req: &HttpRequest, state: &AppState, submitted: &str) -> Result<(), AppError> {
    let cookie = req.cookie(LOGIN_COOKIE);
    if auth::login_csrf_ok(&state.ctx, cookie.as_ref().map(|c| c.value()), submitted) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "the sign-in form has expired or did not come from this site; reload the page".into(),
        ))
    }
}

/// `GET /staff/login`.
pub async fn login_form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    login_page(&req, &state, StatusCode::OK, String::new(), None)
}

/// The sign-in form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Credentials {
    csrf: String,
    email: String,
    password: String,
}

/// `POST /staff/login`: one message for every failure (wrong password, unknown or disabled
/// account, lock-out), so that the answer says nothing about which accounts exist. A form without
/// its CSRF pair is refused (403) before the attempt is counted.
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let Credentials { csrf, email, password } = form::fields(&body)?;
    check_login_csrf(&req, &state, &csrf)?;
    if !state.ctx.settings.staff_sso.password_sign_in {
        let message = super::browser_tr(&req).get("staff-login-password-off");
        return login_page(&req, &state, StatusCode::FORBIDDEN, email, Some(message));
    }
    let client = client_addr::client_addr(&req, &state.ctx.settings.http.trusted_proxies);
    match auth::sign_in(&state.ctx, &email, SecretString::from(password), &client).await? {
        Ok(auth::SignedIn::Session(session)) => {
            let mut response = redirect("/staff/queue");
            response.add_cookie(&session_cookie(&state.ctx, &session)).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Ok(auth::SignedIn::CodeNeeded(challenge)) => {
            let mut response = redirect("/staff/login/code");
            response.add_cookie(&challenge_cookie(&state, Some(&challenge))).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Err(auth::SignInFailed) => {
            let message = super::browser_tr(&req)
                .fmt("staff-login-failed", &[("minutes", &auth::LOCKOUT_MINUTES.to_string())]);
            login_page(&req, &state, StatusCode::UNAUTHORIZED, email, Some(message))
        }
    }
}

/// `POST /staff/logout`.
pub async fn logout(
    state: web::Data<AppState>,
    form: CsrfForm<NoFields, Session>,
) -> Result<HttpResponse, AppError> {
    auth::sign_out(&state.ctx, &form.user).await?;
    let mut response = redirect("/staff/login");
    response.add_cookie(&removal_cookie()).map_err(anyhow::Error::from)?;
    Ok(response)
}

#[derive(Template)]
#[template(path = "staff/password.html")]
struct PasswordPage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    must_change: bool,
    message: Option<String>,
    done: bool,
}

impl PasswordPage {
    fn new(state: &AppState, user: StaffUser, message: Option<String>, done: bool) -> Self {
        let csrf = user.csrf_token(&state.ctx);
        let must_change = user.must_change_password;
        PasswordPage { t: user.tr(), user: Some(user), csrf, must_change, message, done }
    }
}

/// `GET /staff/password`.
pub async fn password_form(
    state: web::Data<AppState>,
    Session(user): Session,
) -> Result<HttpResponse, AppError> {
    render(&PasswordPage::new(&state, user, None, false))
}

/// The password change form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NewPassword {
    current: String,
    new: String,
    confirm: String,
}

/// `POST /staff/password`: changes the password and signs out every other session.
pub async fn change_password(
    state: web::Data<AppState>,
    form: CsrfForm<NewPassword, Session>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let secret = |s: String| SecretString::from(s);
    let changed = auth::change_password(
        &state.ctx,
        &user,
        secret(fields.current),
        secret(fields.new),
        secret(fields.confirm),
    )
    .await?;
    let forced = user.must_change_password;
    match changed {
        Ok(session) => {
            let user = auth::current(&state.ctx, session.token.expose_secret())
                .await?
                .ok_or(AppError::SignInRequired)?;
            // A generated password replaced: on to the work the sign-in was for.
            let mut response = if forced {
                redirect("/staff/queue")
            } else {
                render(&PasswordPage::new(&state, user, None, true))?
            };
            response.add_cookie(&session_cookie(&state.ctx, &session)).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Err(e) => {
            let message = super::password_message(&user.tr(), &e);
            let page = PasswordPage::new(&state, user, Some(message), false);
            html_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
