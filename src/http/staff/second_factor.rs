//! The second factor: the code step of sign-in (`/staff/login/code`) and the page where a staff
//! member adds an authenticator app, renews recovery codes or turns the factor off
//! (`/staff/second-factor`). An administrator who must add one is sent to that page from every
//! other (`http::session`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Deserialize;

use super::session::{
    CHALLENGE_COOKIE, LOGIN_COOKIE, challenge_cookie, check_login_csrf, login_cookie, login_page,
};
use crate::error::AppError;
use crate::http::form::{self, CsrfForm};
use crate::http::respond::{html_page, redirect};
use crate::http::session::{Session, session_cookie};
use crate::http::{AppState, client_addr};
use crate::i18n::Tr;
use crate::service::auth::{self, StaffUser};
use crate::service::second_factor::{self as factor, ChangeError, CodeError, Enrolment, SignInCodeFailed};

#[derive(Template)]
#[template(path = "staff/login_code.html")]
struct CodePage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    message: Option<String>,
}

/// The code page, with the sign-in form's CSRF pair (kept or made new, and set).
fn code_page(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    message: Option<String>,
) -> Result<HttpResponse, AppError> {
    let kept = req.cookie(LOGIN_COOKIE).and_then(|c| auth::LoginCsrf::of_cookie(&state.ctx, c.value()));
    let fresh = kept.is_none();
    let csrf = kept.unwrap_or_else(|| auth::LoginCsrf::new(&state.ctx));
    let mut response = html_page(
        status,
        &CodePage { t: super::browser_tr(req), user: None, csrf: csrf.token.clone(), message },
    )?;
    if fresh {
        response.add_cookie(&login_cookie(state, &csrf)).map_err(anyhow::Error::from)?;
    }
    Ok(response)
}

/// The sign-in page again, the waiting sign-in's cookie removed.
fn restart(req: &HttpRequest, state: &AppState, message: &str) -> Result<HttpResponse, AppError> {
    let mut response =
        login_page(req, state, StatusCode::UNAUTHORIZED, String::new(), Some(message.to_owned()))?;
    response.add_cookie(&challenge_cookie(state, None)).map_err(anyhow::Error::from)?;
    Ok(response)
}

/// `GET /staff/login/code`: asks for the code of a sign-in whose password was accepted.
pub async fn code_form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let token = req.cookie(CHALLENGE_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    if !factor::challenge_is_live(&state.ctx, &token).await? {
        return Ok(redirect("/staff/login"));
    }
    code_page(&req, &state, StatusCode::OK, None)
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeFields {
    csrf: String,
    code: String,
}

/// `POST /staff/login/code`.
pub async fn code(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let CodeFields { csrf, code } = form::fields(&body)?;
    check_login_csrf(&req, &state, &csrf)?;
    let token = req.cookie(CHALLENGE_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    let client = client_addr::client_addr(&req, &state.ctx.settings.http.trusted_proxies);
    match factor::complete_sign_in(&state.ctx, &token, &code, &client).await? {
        Ok(accepted) => {
            // A used recovery code leads to the page that says how many are left.
            let next =
                if accepted.recovery_codes_left.is_some() { "/staff/second-factor" } else { "/staff/queue" };
            let mut response = redirect(next);
            response
                .add_cookie(&session_cookie(&state.ctx, &accepted.session))
                .map_err(anyhow::Error::from)?;
            response.add_cookie(&challenge_cookie(&state, None)).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Err(SignInCodeFailed::Wrong) => code_page(
            &req,
            &state,
            StatusCode::UNAUTHORIZED,
            Some(super::browser_tr(&req).get("staff-code-wrong")),
        ),
        Err(SignInCodeFailed::Restart) => {
            restart(&req, &state, &super::browser_tr(&req).get("staff-code-restart"))
        }
    }
}

#[derive(Template)]
#[template(path = "staff/second_factor.html")]
struct FactorPage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    must_add: bool,
    is_admin_required: bool,
    state: PageState,
    message: Option<String>,
    notice: Option<String>,
}

enum PageState {
    /// Not enrolled: the QR code (SVG), the key to type and the otpauth URI.
    Offer {
        qr_svg: String,
        key: String,
    },
    Enabled {
        since: String,
        recovery_codes_left: i64,
    },
    /// Recovery codes just made: shown this once.
    Codes(Vec<String>),
}

/// The QR code of an otpauth URI as inline SVG (made here from our own URI: no user input).
fn qr_svg(uri: &str) -> Result<String, AppError> {
    let code =
        QrCode::new(uri.as_bytes()).map_err(|e| AppError::Internal(anyhow::anyhow!("QR code: {e}")))?;
    let svg = code.render::<svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    // The XML declaration is not allowed inside HTML.
    Ok(svg.find("<svg").map(|at| svg[at..].to_owned()).unwrap_or(svg))
}

async fn show(
    state: &AppState,
    user: StaffUser,
    status: StatusCode,
    message: Option<String>,
    codes: Option<Vec<String>>,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let page_state = match codes {
        Some(codes) => PageState::Codes(codes),
        None => match factor::enrolment(&state.ctx, &user).await? {
            Enrolment::Offer { base32, otpauth_uri } => {
                PageState::Offer { qr_svg: qr_svg(&otpauth_uri)?, key: base32 }
            }
            Enrolment::Enabled { since, recovery_codes_left } => PageState::Enabled {
                since: since.format("%Y-%m-%d %H:%M UTC").to_string(),
                recovery_codes_left,
            },
        },
    };
    let page = FactorPage {
        t: user.tr(),
        csrf: user.csrf_token(&state.ctx),
        must_add: user.must_add_second_factor,
        is_admin_required: user.is_admin() && state.ctx.settings.security.require_totp_for_admins,
        user: Some(user),
        state: page_state,
        message,
        notice,
    };
    html_page(status, &page)
}

/// `GET /staff/second-factor`.
pub async fn page(state: web::Data<AppState>, Session(user): Session) -> Result<HttpResponse, AppError> {
    show(&state, user, StatusCode::OK, None, None, None).await
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeField {
    code: String,
}

/// The page again with the refusal, 422.
async fn refused(state: &AppState, user: StaffUser, e: ChangeError) -> Result<HttpResponse, AppError> {
    let t = user.tr();
    let reason = match e {
        ChangeError::Code(CodeError::Malformed) => t.get("staff-factor-malformed"),
        ChangeError::Code(CodeError::Wrong) => t.get("staff-factor-wrong"),
        ChangeError::AlreadyEnabled => t.get("staff-factor-already-on"),
        ChangeError::NotEnabled => t.get("staff-factor-not-on"),
        ChangeError::RequiredForAdmins => t.get("staff-factor-required"),
    };
    let message =
        t.fmt("staff-form-invalid", &[("issues", &format!("{}: {reason}", t.get("staff-field-code")))]);
    show(state, user, StatusCode::UNPROCESSABLE_ENTITY, Some(message), None, None).await
}

/// `POST /staff/second-factor/enable`: confirms the app with a code; shows the recovery codes.
pub async fn enable(
    state: web::Data<AppState>,
    form: CsrfForm<CodeField, Session>,
) -> Result<HttpResponse, AppError> {
    let (user, CodeField { code }) = (form.user, form.fields);
    match factor::enable(&state.ctx, &user, &code).await? {
        Ok(codes) => {
            let mut user = user;
            user.must_add_second_factor = false;
            let notice = user.tr().get("staff-factor-on-notice");
            show(&state, user, StatusCode::OK, None, Some(codes), Some(notice)).await
        }
        Err(e) => refused(&state, user, e).await,
    }
}

/// `POST /staff/second-factor/recovery-codes`: new recovery codes; the old ones stop working.
pub async fn renew_recovery_codes(
    state: web::Data<AppState>,
    form: CsrfForm<CodeField, Session>,
) -> Result<HttpResponse, AppError> {
    let (user, CodeField { code }) = (form.user, form.fields);
    match factor::renew_recovery_codes(&state.ctx, &user, &code).await? {
        Ok(codes) => {
            let notice = user.tr().get("staff-factor-renewed-notice");
            show(&state, user, StatusCode::OK, None, Some(codes), Some(notice)).await
        }
        Err(e) => refused(&state, user, e).await,
    }
}

/// `POST /staff/second-factor/disable`.
pub async fn disable(
    state: web::Data<AppState>,
    form: CsrfForm<CodeField, Session>,
) -> Result<HttpResponse, AppError> {
    let (user, CodeField { code }) = (form.user, form.fields);
    match factor::disable(&state.ctx, &user, &code).await? {
        Ok(()) => {
            let notice = user.tr().get("staff-factor-off-notice");
            show(&state, user, StatusCode::OK, None, None, Some(notice)).await
        }
        Err(e) => refused(&state, user, e).await,
    }
}
