//! The administration pages under `/staff/admin`: staff accounts, their registers, disabling,
//! enabling and password resets. Only administrators see them: anyone else signed in gets the 404
//! of a page that does not exist, so that the area is not revealed; without a session, the sign-in
//! redirect of every staff page. Every form carries the session's CSRF token.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use secrecy::ExposeSecret;

use super::staff::{check_csrf, field, form_pairs, signed_in};
use super::{AppState, html_page, redirect};
use crate::db::staff::CreateStaffError;
use crate::domain::{ApiKeyId, StaffId, StaffRole};
use crate::error::AppError;
use crate::service::admin::{self, Account, Actor, AdminError, Target};
use crate::service::auth::StaffUser;
use crate::service::integrations;
use crate::service::staff::{self as staff_service, AddStaff, AddStaffError};

/// The signed-in administrator; 404 for anyone else signed in.
async fn signed_in_admin(req: &HttpRequest, state: &AppState) -> Result<StaffUser, AppError> {
    let user = signed_in(req, state).await?;
    if !user.is_admin() {
        return Err(AppError::NotFound);
    }
    Ok(user)
}

/// The administrator behind a form with a valid CSRF token, and the form. The role is checked
/// first so that a handler gets the 404, never a 403 that would tell the route exists.
async fn admin_form(
    req: &HttpRequest,
    state: &AppState,
    body: &[u8],
) -> Result<(StaffUser, HashMap<String, String>), AppError> {
    let form = form_pairs(body);
    let user = signed_in_admin(req, state).await?;
    check_csrf(state, &user, &form)?;
    Ok((user, form))
}

/// Like every staff page, nothing opens before a generated password is replaced.
fn password_first(user: &StaffUser) -> Option<HttpResponse> {
    user.must_change_password.then(|| redirect("/staff/password"))
}

/// The checked register boxes of a form (the key repeats, so not through `form_pairs`).
fn checked_registers(body: &[u8]) -> Vec<String> {
    form_urlencoded::parse(body).filter(|(k, _)| k == "register").map(|(_, v)| v.into_owned()).collect()
}

/// A register checkbox.
struct Choice {
    key: String,
    label: String,
    checked: bool,
}

fn choices(state: &AppState, checked: &[String]) -> Vec<Choice> {
    state
        .ctx
        .registers
        .iter()
        .map(|r| Choice {
            key: r.key.clone(),
            label: format!("{} ({})", r.register_name, r.key),
            checked: checked.contains(&r.key),
        })
        .collect()
}

/// An account row as shown.
struct Row {
    id: StaffId,
    email: String,
    name: String,
    role: &'static str,
    is_handler: bool,
    /// The signed-in admin's own row: no disable or reset buttons.
    is_self: bool,
    registers: String,
    choices: Vec<Choice>,
    disabled: bool,
    must_change: bool,
    latest_session: String,
}

/// The new-account form as typed (kept when it comes back with a problem).
#[derive(Default)]
struct NewAccount {
    email: String,
    name: String,
    role: String,
    registers: Vec<String>,
}

/// What went wrong with the last form: shown on top, with the field marked invalid.
struct Problem {
    message: String,
    /// `email`, `name`, `role` or `registers` of the new-account form; empty for account actions.
    field: &'static str,
    /// The account an action was refused for (its email prefixes the message).
    account: Option<StaffId>,
}

#[derive(Template)]
#[template(path = "staff/admin.html")]
struct AdminPage {
    user: Option<StaffUser>,
    csrf: String,
    accounts: Vec<Row>,
    new: NewAccount,
    new_choices: Vec<Choice>,
    problem: Option<Problem>,
    notice: Option<String>,
}

async fn show(
    state: &AppState,
    user: StaffUser,
    new: NewAccount,
    problem: Option<Problem>,
    done: Option<(&str, StaffId)>,
) -> Result<HttpResponse, AppError> {
    let accounts = admin::accounts(&state.ctx.pool).await?;
    let problem = problem.map(|mut p| {
        if let Some(a) = accounts.iter().find(|a| Some(a.id) == p.account) {
            p.message = format!("{}: {}", a.email, p.message);
        }
        p
    });
    let notice = done.and_then(|(what, id)| notice(what, accounts.iter().find(|a| a.id == id)?));
    let rows = accounts.into_iter().map(|a| row(state, &user, a)).collect();
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = AdminPage {
        csrf: user.csrf_token(&state.ctx),
        user: Some(user),
        accounts: rows,
        new_choices: choices(state, &new.registers),
        new,
        problem,
        notice,
    };
    html_page(status, &page)
}

fn row(state: &AppState, user: &StaffUser, a: Account) -> Row {
    Row {
        id: a.id,
        is_self: a.id == user.id,
        role: a.role.as_str(),
        is_handler: a.role == StaffRole::Handler,
        registers: a.registers.join(", "),
        choices: choices(state, &a.registers),
        disabled: a.disabled,
        must_change: a.must_change_password,
        latest_session: a
            .latest_session
            .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_else(|| "none on record".into()),
        email: a.email,
        name: a.name,
    }
}

/// The confirmation after a redirect (`?done=…&account=…`).
fn notice(what: &str, account: &Account) -> Option<String> {
    let email = &account.email;
    Some(match what {
        "registers" => format!("Registers of {email} saved; they apply from their next page."),
        "disabled" => format!("{email} is disabled; their sessions have ended."),
        "enabled" => format!("{email} is enabled again and can sign in."),
        _ => return None,
    })
}

/// `GET /staff/admin`: the accounts and the new-account form.
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let user = signed_in_admin(&req, &state).await?;
    if let Some(response) = password_first(&user) {
        return Ok(response);
    }
    let done = query.get("done").zip(query.get("account").and_then(|id| id.parse().ok()));
    show(&state, user, NewAccount::default(), None, done.map(|(what, id)| (what.as_str(), id))).await
}

#[derive(Template)]
#[template(path = "staff/admin_password.html")]
struct PasswordShown {
    user: Option<StaffUser>,
    csrf: String,
    created: bool,
    email: String,
    password: String,
}

/// The one-time password, shown on this answer only (never stored in clear, never cached).
fn password_shown(
    state: &AppState,
    user: StaffUser,
    created: bool,
    email: String,
    password: &secrecy::SecretString,
) -> Result<HttpResponse, AppError> {
    let page = PasswordShown {
        csrf: user.csrf_token(&state.ctx),
        user: Some(user),
        created,
        email,
        password: password.expose_secret().to_owned(),
    };
    html_page(StatusCode::OK, &page)
}

fn label(field: &str) -> &'static str {
    match field {
        "email" => "Email",
        "name" => "Name",
        "role" => "Role",
        _ => "Registers",
    }
}

/// `POST /staff/admin/accounts`: creates an account and shows its one-time password once.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (user, form) = admin_form(&req, &state, &body).await?;
    if let Some(response) = password_first(&user) {
        return Ok(response);
    }
    let new = NewAccount {
        email: field(&form, "email").to_owned(),
        name: field(&form, "name").to_owned(),
        role: field(&form, "role").to_owned(),
        registers: checked_registers(&body),
    };
    let Ok(role) = new.role.parse::<StaffRole>() else {
        let problem =
            Problem { message: "Role: choose handler or admin.".into(), field: "role", account: None };
        return show(&state, user, new, Some(problem), None).await;
    };
    let input =
        AddStaff { email: new.email.clone(), name: new.name.clone(), role, registers: new.registers.clone() };
    match staff_service::add(&state.ctx.pool, input).await {
        Ok(password) => password_shown(&state, user, true, new.email.trim().to_owned(), &password),
        Err(e) => match e.field() {
            Some(field) => {
                let problem = Problem { message: format!("{}: {e}.", label(field)), field, account: None };
                show(&state, user, new, Some(problem), None).await
            }
            None => Err(match e {
                AddStaffError::Db(e) | AddStaffError::Create(CreateStaffError::Db(e)) => e.into(),
                other => anyhow::Error::from(other).into(),
            }),
        },
    }
}

/// `POST /staff/admin/accounts/{id}/{action}`: `registers`, `disable`, `enable` or
/// `reset-password`. The id is parsed here, after the role check, so that a handler gets the same
/// 404 for every path.
pub async fn account_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (user, _) = admin_form(&req, &state, &body).await?;
    if let Some(response) = password_first(&user) {
        return Ok(response);
    }
    let (id, action) = path.into_inner();
    let id: StaffId = id.parse().map_err(|_| AppError::NotFound)?;
    let (pool, now, actor) = (&state.ctx.pool, state.ctx.clock.now(), Actor::Admin(user.id));
    let result = match action.as_str() {
        "registers" => {
            admin::set_registers(pool, actor, id, checked_registers(&body)).await.map(|()| "registers")
        }
        "disable" => admin::disable(pool, now, actor, Target::Id(id)).await.map(|_| "disabled"),
        "enable" => admin::enable(pool, now, actor, id).await.map(|()| "enabled"),
        "reset-password" => match admin::reset_password(pool, now, actor, id).await {
            Ok(one) => return password_shown(&state, user, false, one.email, &one.password),
            Err(e) => Err(e),
        },
        _ => return Err(AppError::NotFound),
    };
    match result {
        Ok(done) => Ok(redirect(&format!("/staff/admin?done={done}&account={id}#account-{id}"))),
        Err(
            refused @ (AdminError::OwnAccount
            | AdminError::LastAdmin
            | AdminError::OwnPassword
            | AdminError::Scope(_)
            | AdminError::UnknownRegister(_)),
        ) => {
            let problem = Problem { message: format!("{refused}."), field: "", account: Some(id) };
            show(&state, user, NewAccount::default(), Some(problem), None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Any other path or method under `/staff/admin`: the sign-in redirect without a session, else
/// the 404 of a page that does not exist.
pub async fn elsewhere(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    signed_in(&req, &state).await?;
    Err(AppError::NotFound)
}

impl From<AdminError> for AppError {
    fn from(e: AdminError) -> Self {
        match e {
            AdminError::NotFound => AppError::NotFound,
            AdminError::Db(e) => e.into(),
            other => AppError::Internal(other.into()),
        }
    }
}

#[derive(Template)]
#[template(path = "staff/api_keys.html")]
struct ApiKeysPage {
    user: Option<StaffUser>,
    csrf: String,
    keys: Vec<crate::db::api_keys::KeyInfo>,
    choices: Vec<Choice>,
    name: String,
    /// A key just created: (id, the key itself), shown this once.
    created: Option<(ApiKeyId, String)>,
    problem: Option<String>,
}

async fn show_keys(
    state: &AppState,
    user: StaffUser,
    name: String,
    checked: &[String],
    created: Option<(ApiKeyId, String)>,
    problem: Option<String>,
) -> Result<HttpResponse, AppError> {
    let keys = integrations::keys(&state.ctx.pool).await?;
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ApiKeysPage {
        csrf: user.csrf_token(&state.ctx),
        user: Some(user),
        keys,
        choices: choices(state, checked),
        name,
        created,
        problem,
    };
    html_page(status, &page)
}

/// `GET /staff/admin/api-keys`: the integration keys and a form to create one.
pub async fn api_keys(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = signed_in_admin(&req, &state).await?;
    if let Some(response) = password_first(&user) {
        return Ok(response);
    }
    show_keys(&state, user, String::new(), &[], None, None).await
}

/// `POST /staff/admin/api-keys`: creates a key and shows it once.
pub async fn create_api_key(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (user, form) = admin_form(&req, &state, &body).await?;
    if let Some(response) = password_first(&user) {
        return Ok(response);
    }
    let name = field(&form, "name").to_owned();
    let registers = checked_registers(&body);
    let ctx = &state.ctx;
    match integrations::create_key(&ctx.pool, &ctx.hasher, &name, &registers, Some(user.id), ctx.clock.now())
        .await
    {
        Ok((id, key)) => {
            show_keys(&state, user, String::new(), &[], Some((id, key.expose_secret().to_owned())), None)
                .await
        }
        Err(integrations::KeyError::Db(e)) => Err(e.into()),
        Err(e) => {
            let message = e.to_string().replace("--name", "Name").replace("--register", "Registers");
            show_keys(&state, user, name, &registers, None, Some(message)).await
        }
    }
}

/// `POST /staff/admin/api-keys/{id}/revoke`.
pub async fn revoke_api_key(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (user, _) = admin_form(&req, &state, &body).await?;
    if let Some(response) = password_first(&user) {
        return Ok(response);
    }
    if !integrations::revoke_key(&state.ctx.pool, ApiKeyId(*path), state.ctx.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(api_key = *path, by = %user.id, "API key revoked by an administrator");
    Ok(redirect("/staff/admin/api-keys"))
}
