//! Staff pages: sign-in, sign-out, password change, the queue and the request page with its
//! actions. Every state-changing form carries the session's CSRF token; a request of a register the
//! user may not see answers 404, exactly like a request that does not exist.

use std::collections::HashMap;

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use secrecy::{ExposeSecret, SecretString};

use super::{AppState, redirect};
use crate::domain::lifecycle::Status;
use crate::domain::{RequestKind, deadline};
use crate::error::AppError;
use crate::service::Context;
use crate::service::auth::{self, Session, StaffUser};
use crate::service::queue::{self, ActionError, QueueFilter};

const COOKIE: &str = "dsr_session";

pub(super) fn form_pairs(body: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

pub(super) fn field<'a>(form: &'a HashMap<String, String>, key: &str) -> &'a str {
    form.get(key).map(String::as_str).unwrap_or("")
}

fn render(template: &impl Template) -> Result<HttpResponse, AppError> {
    super::html_page(StatusCode::OK, template)
}

fn session_cookie(ctx: &Context, session: &Session) -> Cookie<'static> {
    let max_age = (session.expires_at - ctx.clock.now()).num_seconds().max(0);
    Cookie::build(COOKIE, session.token.expose_secret().to_owned())
        .path("/staff")
        .http_only(true)
        .secure(ctx.settings.http.public_url.starts_with("https://"))
        .same_site(SameSite::Strict)
        .max_age(time::Duration::seconds(max_age))
        .finish()
}

fn removal_cookie() -> Cookie<'static> {
    let mut cookie =
        Cookie::build(COOKIE, "").path("/staff").http_only(true).same_site(SameSite::Strict).finish();
    cookie.make_removal();
    cookie
}

/// The signed-in staff member, or a redirect to the sign-in page.
pub(super) async fn signed_in(req: &HttpRequest, state: &AppState) -> Result<StaffUser, AppError> {
    let Some(cookie) = req.cookie(COOKIE) else { return Err(AppError::SignInRequired) };
    auth::current(&state.ctx, cookie.value()).await?.ok_or(AppError::SignInRequired)
}

/// The signed-in staff member of a state-changing form with a valid CSRF token.
async fn signed_in_with_csrf(
    req: &HttpRequest,
    state: &AppState,
    form: &HashMap<String, String>,
) -> Result<StaffUser, AppError> {
    let user = signed_in(req, state).await?;
    check_csrf(state, &user, form)?;
    Ok(user)
}

/// 403 unless the form carries the CSRF token of `user`'s session.
pub(super) fn check_csrf(
    state: &AppState,
    user: &StaffUser,
    form: &HashMap<String, String>,
) -> Result<(), AppError> {
    if user.csrf_ok(&state.ctx, field(form, "csrf")) {
        return Ok(());
    }
    Err(AppError::Forbidden("the form has expired or did not come from this site; reload the page".into()))
}

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

/// `POST /staff/login`: one message for every failure (wrong password, unknown or disabled
/// account, lock-out), so that the answer says nothing about which accounts exist.
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let email = field(&form, "email").to_owned();
    let password = SecretString::from(field(&form, "password").to_owned());
    let client = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default();
    match auth::sign_in(&state.ctx, &email, password, &client).await? {
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
            super::html_page(StatusCode::UNAUTHORIZED, &page)
        }
    }
}

/// `POST /staff/logout`.
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let user = signed_in_with_csrf(&req, &state, &form).await?;
    auth::sign_out(&state.ctx, &user).await?;
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

/// `GET /staff/password`.
pub async fn password_form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = signed_in(&req, &state).await?;
    let csrf = user.csrf_token(&state.ctx);
    let must_change = user.must_change_password;
    render(&PasswordPage { user: Some(user), csrf, must_change, message: None, done: false })
}

/// `POST /staff/password`: changes the password and signs out every other session.
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let user = signed_in_with_csrf(&req, &state, &form).await?;
    let secret = |k: &str| SecretString::from(field(&form, k).to_owned());
    match auth::change_password(&state.ctx, &user, secret("current"), secret("new"), secret("confirm"))
        .await?
    {
        Ok(session) => {
            let user = auth::current(&state.ctx, session.token.expose_secret())
                .await?
                .ok_or(AppError::SignInRequired)?;
            let csrf = user.csrf_token(&state.ctx);
            let page = PasswordPage { user: Some(user), csrf, must_change: false, message: None, done: true };
            let mut response = render(&page)?;
            response.add_cookie(&session_cookie(&state.ctx, &session)).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Err(e) => {
            let csrf = user.csrf_token(&state.ctx);
            let must_change = user.must_change_password;
            let page = PasswordPage {
                user: Some(user),
                csrf,
                must_change,
                message: Some(e.to_string()),
                done: false,
            };
            super::html_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// A queue row as shown.
struct Row {
    reference: String,
    kind: String,
    register: String,
    received: String,
    deadline: String,
    days_left: String,
    urgency: &'static str,
    assignee: String,
    status: String,
}

#[derive(Template)]
#[template(path = "staff/queue.html")]
struct QueuePage {
    user: Option<StaffUser>,
    csrf: String,
    counts: Vec<(String, i64)>,
    rows: Vec<Row>,
    registers: Vec<String>,
    kinds: Vec<&'static str>,
    statuses: Vec<&'static str>,
    filter_register: String,
    filter_kind: String,
    filter_status: String,
    mine: bool,
    overdue: bool,
    due_within: String,
    q: String,
    next_link: Option<String>,
}

/// `GET /staff/queue`: the requests of the user's registers by effective deadline.
pub async fn queue_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let user = signed_in(&req, &state).await?;
    if user.must_change_password {
        return Ok(redirect("/staff/password"));
    }
    let q = |k: &str| query.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let bad = |field: &str, reason: &str| {
        AppError::Validation(vec![crate::error::FieldIssue { field: field.into(), reason: reason.into() }])
    };
    let filter = QueueFilter {
        register: q("register").map(str::to_owned),
        kind: q("kind")
            .map(|k| k.parse::<RequestKind>())
            .transpose()
            .map_err(|e| bad("kind", &e.to_string()))?,
        status: q("status")
            .map(|s| s.parse::<Status>())
            .transpose()
            .map_err(|e| bad("status", &e.to_string()))?,
        assignee: q("mine").map(|_| user.id),
        overdue: q("overdue").is_some(),
        due_within_days: q("due_within")
            .map(|d| d.parse::<i64>().map_err(|_| bad("due_within", "must be a number of days")))
            .transpose()?,
        search: q("q").map(str::to_owned),
        after: match (q("after_deadline"), q("after_id")) {
            (Some(d), Some(id)) => Some((
                d.parse::<NaiveDate>().map_err(|_| bad("after_deadline", "must be a date"))?,
                id.parse::<i64>().map_err(|_| bad("after_id", "must be a number"))?,
            )),
            _ => None,
        },
    };
    let page = queue::page(&state.ctx, &user, &filter).await?;
    let today = state.ctx.clock.now();
    let rows = page
        .rows
        .iter()
        .map(|r| {
            let jurisdiction = state.ctx.register(&r.register_key).map(|reg| reg.jurisdiction);
            let local_today =
                jurisdiction.map(|j| deadline::receipt_date(j, today)).unwrap_or(today.date_naive());
            let left = r.effective_deadline.map(|d| deadline::days_left(d, local_today));
            Row {
                reference: r.reference.clone(),
                kind: r.kind.clone(),
                register: r.register_key.clone(),
                received: r.received_on.to_string(),
                deadline: r.effective_deadline.map(|d| d.to_string()).unwrap_or_default(),
                days_left: left.map(|l| l.to_string()).unwrap_or_default(),
                urgency: match left {
                    Some(l) if l < 0 => "overdue",
                    Some(l) if l <= 7 => "soon",
                    _ => "fine",
                },
                assignee: r.assignee.clone().unwrap_or_default(),
                status: r.status.replace('_', " "),
            }
        })
        .collect();
    let mut next_query: Vec<(String, String)> =
        query.iter().filter(|(k, _)| !k.starts_with("after_")).map(|(k, v)| (k.clone(), v.clone())).collect();
    let next_link = page.next.map(|(d, id)| {
        next_query.push(("after_deadline".into(), d.to_string()));
        next_query.push(("after_id".into(), id.to_string()));
        let encoded: String =
            form_urlencoded::Serializer::new(String::new()).extend_pairs(&next_query).finish();
        format!("/staff/queue?{encoded}")
    });
    let csrf = user.csrf_token(&state.ctx);
    let registers = user.registers.clone();
    render(&QueuePage {
        user: Some(user),
        csrf,
        counts: page.counts,
        rows,
        registers,
        kinds: RequestKind::ALL.iter().map(|k| k.as_str()).collect(),
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        filter_register: q("register").unwrap_or("").to_owned(),
        filter_kind: q("kind").unwrap_or("").to_owned(),
        filter_status: q("status").unwrap_or("").to_owned(),
        mine: q("mine").is_some(),
        overdue: filter.overdue,
        due_within: q("due_within").unwrap_or("").to_owned(),
        q: q("q").unwrap_or("").to_owned(),
        next_link,
    })
}

#[derive(Template)]
#[template(path = "staff/request.html")]
struct RequestPage {
    user: Option<StaffUser>,
    csrf: String,
    v: queue::RequestView,
    details: String,
    can_claim: bool,
    message: Option<String>,
}

async fn show_request(
    req: &HttpRequest,
    state: &AppState,
    reference: &str,
    message: Option<String>,
) -> Result<HttpResponse, AppError> {
    let user = signed_in(req, state).await?;
    let Some(v) = queue::request(&state.ctx, &user, reference).await? else { return Err(AppError::NotFound) };
    let details = serde_json::to_string_pretty(&v.details).unwrap_or_default();
    let can_claim = v.status.is_open() && v.assignee.as_ref().is_none_or(|(id, _)| *id != user.id);
    let csrf = user.csrf_token(&state.ctx);
    let status = if message.is_some() { StatusCode::CONFLICT } else { StatusCode::OK };
    let page = RequestPage { user: Some(user), csrf, v, details, can_claim, message };
    super::html_page(status, &page)
}

/// `GET /staff/requests/{reference}`.
pub async fn request_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show_request(&req, &state, &path, None).await
}

/// `POST /staff/requests/{reference}/{action}`: `claim` or `notes`.
pub async fn request_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (reference, action) = path.into_inner();
    let form = form_pairs(&body);
    let user = signed_in_with_csrf(&req, &state, &form).await?;
    let result = match action.as_str() {
        "claim" => queue::claim(&state.ctx, &user, &reference).await,
        "notes" => queue::add_note(&state.ctx, &user, &reference, field(&form, "body")).await,
        _ => return Err(AppError::NotFound),
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/staff/requests/{}", reference.trim().to_uppercase()))),
        Err(ActionError::NotFound) => Err(AppError::NotFound),
        Err(ActionError::Refused(message)) => show_request(&req, &state, &reference, Some(message)).await,
        Err(ActionError::Db(e)) => Err(e.into()),
    }
}
