//! Sign-in, sign-out and the password change. The password page and sign-out stay open to a
//! staff member who still has a generated one-time password; every other staff page sends them
//! here first.

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
use crate::service::auth::{self, StaffUser};

#[derive(Template)]
#[template(path = "staff/login.html")]
struct LoginPage {
    user: Option<StaffUser>,
    csrf: String,
    email: String,
    message: Option<String>,
}

/// `GET /staff/login`.
pub async fn login_form() -> Result<HttpResponse, AppError> {
    render(&LoginPage { user: None, csrf: String::new(), email: String::new(), message: None })
}

/// The sign-in form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Credentials {
    email: String,
    password: String,
}

/// `POST /staff/login`: one message for every failure (wrong password, unknown or disabled
/// account, lock-out), so that the answer says nothing about which accounts exist.
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let Credentials { email, password } = form::fields(&body)?;
    let client = client_addr::client_addr(&req, &state.ctx.settings.http.trusted_proxies);
    match auth::sign_in(&state.ctx, &email, SecretString::from(password), &client).await? {
        Ok(session) => {
            let mut response = redirect("/staff/queue");
            response.add_cookie(&session_cookie(&state.ctx, &session)).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Err(auth::SignInFailed) => {
            let page = LoginPage {
                user: None,
                csrf: String::new(),
                email,
                message: Some(format!(
                    "Sign-in failed: the email or password is incorrect, or sign-in is locked for up to {} minutes after repeated failures.",
                    auth::LOCKOUT_MINUTES
                )),
            };
            html_page(StatusCode::UNAUTHORIZED, &page)
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
        PasswordPage { user: Some(user), csrf, must_change, message, done }
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
    match changed {
        Ok(session) => {
            let user = auth::current(&state.ctx, session.token.expose_secret())
                .await?
                .ok_or(AppError::SignInRequired)?;
            let mut response = render(&PasswordPage::new(&state, user, None, true))?;
            response.add_cookie(&session_cookie(&state.ctx, &session)).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Err(e) => {
            let page = PasswordPage::new(&state, user, Some(e.to_string()), false);
            html_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
