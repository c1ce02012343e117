//! The forgotten password: `/staff/password-reset` asks for the account's email and always
//! answers the same; the emailed link `/staff/password-reset/{token}` sets a new password once.
//! These forms come before any session: the link's own token is the secret an attacker lacks,
//! and the request form is rate limited per client address (and per account in the service).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use secrecy::SecretString;
use serde::Deserialize;

use super::browser_tr;
use crate::error::AppError;
use crate::http::form;
use crate::http::limits::{self, Limit};
use crate::http::respond::{html_page, render};
use crate::http::{AppState, client_addr};
use crate::i18n::Tr;
use crate::service::auth::StaffUser;
use crate::service::password_reset::{self, LINK_MINUTES, ResetError};

#[derive(Template)]
#[template(path = "staff/password_reset.html")]
struct RequestPage {
    t: Tr,
    /// Nobody is signed in here; the layout's sign-out form needs these.
    user: Option<StaffUser>,
    csrf: String,
    sent: bool,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "staff/password_reset_new.html")]
struct NewPasswordPage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    token: String,
    /// `false`: the link is expired or used (the form is not shown).
    open: bool,
    message: Option<String>,
    done: bool,
}

/// `GET /staff/password-reset`.
pub async fn request_form(req: HttpRequest) -> Result<HttpResponse, AppError> {
    render(&RequestPage {
        t: browser_tr(&req),
        user: None,
        csrf: String::new(),
        sent: false,
        minutes: LINK_MINUTES,
    })
}

/// The request form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ResetRequest {
    email: String,
}

/// `POST /staff/password-reset`: the same page whether or not the address has an account.
pub async fn request(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    limits::check(&state.ctx, &req, Limit::PasswordReset).await?;
    let ResetRequest { email } = form::fields(&body)?;
    let client = client_addr::client_addr(&req, &state.ctx.settings.http.trusted_proxies);
    let t = browser_tr(&req);
    password_reset::request(&state.ctx, &email, &client, t.language()).await?;
    render(&RequestPage { t, user: None, csrf: String::new(), sent: true, minutes: LINK_MINUTES })
}

/// `GET /staff/password-reset/{token}`.
pub async fn new_password_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let open = password_reset::link_is_open(&state.ctx, &path).await?;
    let page = NewPasswordPage {
        t: browser_tr(&req),
        user: None,
        csrf: String::new(),
        token: path.into_inner(),
        open,
        message: None,
        done: false,
    };
    html_page(if open { StatusCode::OK } else { StatusCode::GONE }, &page)
}

/// The new password, twice.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NewPassword {
    new: String,
    confirm: String,
}

/// `POST /staff/password-reset/{token}`: sets the password, ends every session; 410 for a link
/// expired or used, 422 for a password refused (the form again, saying why).
pub async fn set_new_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let NewPassword { new, confirm } = form::fields(&body)?;
    let client = client_addr::client_addr(&req, &state.ctx.settings.http.trusted_proxies);
    let token = path.into_inner();
    let outcome = password_reset::reset(
        &state.ctx,
        &token,
        SecretString::from(new),
        SecretString::from(confirm),
        &client,
    )
    .await?;
    let t = browser_tr(&req);
    let (status, page) = match outcome {
        Ok(()) => (
            StatusCode::OK,
            NewPasswordPage {
                t: t.clone(),
                user: None,
                csrf: String::new(),
                token,
                open: false,
                message: None,
                done: true,
            },
        ),
        Err(ResetError::LinkInvalid) => (
            StatusCode::GONE,
            NewPasswordPage {
                t: t.clone(),
                user: None,
                csrf: String::new(),
                token,
                open: false,
                message: None,
                done: false,
            },
        ),
        Err(ResetError::Password(e)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            NewPasswordPage {
                t: t.clone(),
                user: None,
                csrf: String::new(),
                token,
                open: true,
                message: Some(super::password_message(&t, &e)),
                done: false,
            },
        ),
    };
    html_page(status, &page)
}
