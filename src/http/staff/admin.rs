//! The administration pages under `/staff/admin`: staff accounts, their registers, disabling,
//! enabling and password resets. Only administrators see them ([`Admin`]): anyone else signed in
//! gets the 404 of a page that does not exist, before any CSRF check, so that the area is not
//! revealed; without a session, the sign-in redirect of every staff page.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use secrecy::ExposeSecret;
use serde::Deserialize;

use super::confirm::{self, AccountAction, Confirm};
use super::{Choice, choices};
use crate::domain::{Msg, StaffId, StaffRole};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::fields::parse;
use crate::http::form::{CsrfForm, NoFields, query};
use crate::http::respond::{html_page, redirect};
use crate::http::session::{Admin, Session};
use crate::i18n::Tr;
use crate::service::admin::{self, Account, Actor, Target};
use crate::service::audit::AuditActor;
use crate::service::auth::StaffUser;
use crate::service::staff::{self as staff_service, AddStaff};

/// An account row as shown.
struct Row {
    id: StaffId,
    email: String,
    name: String,
    is_handler: bool,
    /// The signed-in admin's own row: no disable or reset buttons.
    is_self: bool,
    registers: String,
    choices: Vec<Choice>,
    disabled: bool,
    must_change: bool,
    /// "since …" when the account has a second factor.
    second_factor: Option<String>,
    latest_session: String,
}

/// The new-account form as typed (kept when it comes back with a problem).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NewAccount {
    email: String,
    name: String,
    role: String,
    #[serde(rename = "register")]
    registers: Vec<String>,
}

/// What went wrong with the last form: shown on top, with the field marked invalid.
struct Problem {
    message: String,
    /// `email`, `name`, `role` or `registers` of the new-account form; empty for account actions.
    field: String,
}

#[derive(Template)]
#[template(path = "staff/admin.html")]
struct AdminPage {
    t: Tr,
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
    let t = user.tr();
    let notice = done.and_then(|(what, id)| notice(&t, what, accounts.iter().find(|a| a.id == id)?));
    let rows = accounts.into_iter().map(|a| row(state, &user, &t, a)).collect();
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = AdminPage {
        t,
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

fn row(state: &AppState, user: &StaffUser, t: &Tr, a: Account) -> Row {
    Row {
        id: a.id,
        is_self: a.id == user.id,
        is_handler: a.role == StaffRole::Handler,
        registers: a.registers.join(", "),
        choices: choices(state, &a.registers),
        disabled: a.disabled,
        must_change: a.must_change_password,
        second_factor: a.second_factor_since.map(|at| t.date(at.date_naive())),
        latest_session: a
            .latest_session
            .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_else(|| t.get("staff-admin-no-session")),
        email: a.email,
        name: a.name,
    }
}

/// The confirmation after a redirect (`?done=…&account=…`).
fn notice(t: &Tr, what: &str, account: &Account) -> Option<String> {
    let key = match what {
        "registers" => "staff-admin-saved-registers",
        "disabled" => "staff-admin-saved-disabled",
        "enabled" => "staff-admin-saved-enabled",
        "second-factor" => "staff-admin-saved-second-factor",
        _ => return None,
    };
    Some(t.fmt(key, &[("email", &account.email)]))
}

/// The confirmation of the last account action (`?done=…&account=…`).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: String,
    account: String,
}

/// `GET /staff/admin`: the accounts and the new-account form.
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    Admin(user): Admin,
) -> Result<HttpResponse, AppError> {
    // A confirmation that does not parse is simply not shown.
    let done = query::<Done>(&req).ok();
    let done = done.as_ref().and_then(|d| Some((d.done.as_str(), d.account.parse().ok()?)));
    show(&state, user, NewAccount::default(), None, done).await
}

#[derive(Template)]
#[template(path = "staff/admin_password.html")]
struct PasswordShown {
    t: Tr,
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
        t: user.tr(),
        csrf: user.csrf_token(&state.ctx),
        user: Some(user),
        created,
        email,
        password: password.expose_secret().to_owned(),
    };
    html_page(StatusCode::OK, &page)
}

/// The key of the field's label.
fn label(field: &str) -> &'static str {
    match field {
        "email" => "staff-login-email",
        "name" => "staff-rq-name",
        "role" => "staff-admin-role",
        _ => "staff-admin-registers",
    }
}

/// The problem of a form the page shows itself (invalid fields, a refused change), with each
/// message prefixed by `prefix(field)`; any other error as it is.
fn problem(t: &Tr, e: AppError, prefix: impl Fn(&str) -> String) -> Result<Problem, AppError> {
    match e {
        AppError::Validation(issues) => Ok(Problem {
            message: issues
                .iter()
                .map(|i| format!("{}: {}.", prefix(&i.field), t.msg(&i.reason)))
                .collect::<Vec<_>>()
                .join(" "),
            field: issues.first().map(|i| i.field.clone()).unwrap_or_default(),
        }),
        other => Err(other),
    }
}

/// `POST /staff/admin/accounts`: creates an account and shows its one-time password once.
pub async fn create_account(
    state: web::Data<AppState>,
    form: CsrfForm<NewAccount, Admin>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields: new, .. } = form;
    let created = async {
        let role: StaffRole =
            parse("role", &new.role).map_err(|_| AppError::invalid("role", Msg::new("problem-role")))?;
        let input = AddStaff {
            email: new.email.clone(),
            name: new.name.clone(),
            role,
            registers: new.registers.clone(),
        };
        Ok::<_, AppError>(
            staff_service::add(&state.ctx.pool, input, AuditActor::Staff(user.id), user.address.as_deref())
                .await?,
        )
    }
    .await;
    match created {
        Ok(password) => password_shown(&state, user, true, new.email.trim().to_owned(), &password),
        Err(e) => {
            let t = user.tr();
            let problem = problem(&t, e, |field| t.get(label(field)))?;
            show(&state, user, new, Some(problem), None).await
        }
    }
}

/// After an account action: the page with its confirmation, or with the refusal, prefixed by
/// the account's email.
async fn account_done(
    state: &AppState,
    user: StaffUser,
    id: StaffId,
    result: Result<&str, AppError>,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(done) => Ok(redirect(&format!("/staff/admin?done={done}&account={id}#account-{id}"))),
        Err(e) => {
            let accounts = admin::accounts(&state.ctx.pool).await?;
            let email = accounts.iter().find(|a| a.id == id).map(|a| a.email.clone()).unwrap_or_default();
            let mut problem = problem(&user.tr(), e, |_| email.clone())?;
            problem.field = String::new();
            show(state, user, NewAccount::default(), Some(problem), None).await
        }
    }
}

/// The register boxes of an account's form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Registers {
    #[serde(rename = "register")]
    registers: Vec<String>,
}

/// `POST /staff/admin/accounts/{id}/registers`: the registers a handler works.
pub async fn set_registers(
    state: web::Data<AppState>,
    id: web::Path<StaffId>,
    form: CsrfForm<Registers, Admin>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let id = id.into_inner();
    let result = admin::set_registers(
        &state.ctx.pool,
        state.ctx.clock.now(),
        Actor::Admin(user.id),
        user.address.as_deref(),
        id,
        fields.registers,
    )
    .await;
    account_done(&state, user, id, result.map(|()| "registers").map_err(AppError::from)).await
}

/// `POST /staff/admin/accounts/{id}/disable`: disables the account and ends its sessions.
pub async fn disable_account(
    state: web::Data<AppState>,
    id: web::Path<StaffId>,
    form: CsrfForm<Confirm, Admin>,
) -> Result<HttpResponse, AppError> {
    let (id, ctx) = (id.into_inner(), &state.ctx);
    if !form.fields.given() {
        return confirm::ask(&state, form.user, id, AccountAction::Disable).await;
    }
    let result = admin::disable(
        &ctx.pool,
        ctx.clock.now(),
        Actor::Admin(form.user.id),
        form.user.address.as_deref(),
        Target::Id(id),
    )
    .await;
    account_done(&state, form.user, id, result.map(|_| "disabled").map_err(AppError::from)).await
}

/// `POST /staff/admin/accounts/{id}/enable`.
pub async fn enable_account(
    state: web::Data<AppState>,
    id: web::Path<StaffId>,
    form: CsrfForm<NoFields, Admin>,
) -> Result<HttpResponse, AppError> {
    let (id, ctx) = (id.into_inner(), &state.ctx);
    let result = admin::enable(
        &ctx.pool,
        ctx.clock.now(),
        Actor::Admin(form.user.id),
        form.user.address.as_deref(),
        id,
    )
    .await;
    account_done(&state, form.user, id, result.map(|()| "enabled").map_err(AppError::from)).await
}

/// `POST /staff/admin/accounts/{id}/reset-password`: a new one-time password, shown once.
pub async fn reset_password(
    state: web::Data<AppState>,
    id: web::Path<StaffId>,
    form: CsrfForm<Confirm, Admin>,
) -> Result<HttpResponse, AppError> {
    let (id, ctx) = (id.into_inner(), &state.ctx);
    if !form.fields.given() {
        return confirm::ask(&state, form.user, id, AccountAction::ResetPassword).await;
    }
    match admin::reset_password(
        &ctx.pool,
        ctx.clock.now(),
        Actor::Admin(form.user.id),
        form.user.address.as_deref(),
        id,
    )
    .await
    {
        Ok(one) => password_shown(&state, form.user, false, one.email, &one.password),
        Err(e) => account_done(&state, form.user, id, Err(e.into())).await,
    }
}

/// `POST /staff/admin/accounts/{id}/reset-second-factor`: removes a lost second factor (recorded
/// in the audit log with who did it).
pub async fn reset_second_factor(
    state: web::Data<AppState>,
    id: web::Path<StaffId>,
    form: CsrfForm<Confirm, Admin>,
) -> Result<HttpResponse, AppError> {
    let (id, ctx) = (id.into_inner(), &state.ctx);
    if !form.fields.given() {
        return confirm::ask(&state, form.user, id, AccountAction::ResetSecondFactor).await;
    }
    let result = admin::reset_second_factor(
        &ctx.pool,
        ctx.clock.now(),
        Actor::Admin(form.user.id),
        form.user.address.as_deref(),
        Target::Id(id),
    )
    .await;
    account_done(&state, form.user, id, result.map(|_| "second-factor").map_err(AppError::from)).await
}

/// Any other path or method under `/staff/admin`: the sign-in redirect without a session, else
/// the 404 of a page that does not exist.
pub async fn elsewhere(_: Session) -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
