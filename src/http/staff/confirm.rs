//! Account actions that cannot be undone by their own button (disabling an account, resetting
//! its password or second factor) ask first: the button posts without `confirm`, and the answer
//! is a page that says what will happen, with the button that posts again with `confirm=yes`.
//! No JavaScript is needed, and a mis-click costs nothing.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use serde::Deserialize;

use super::super::AppState;
use crate::domain::StaffId;
use crate::error::AppError;
use crate::http::respond::html_page;
use crate::i18n::Tr;
use crate::service::admin;
use crate::service::auth::StaffUser;

/// The confirmation field of an account action's form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Confirm {
    confirm: String,
}

impl Confirm {
    pub fn given(&self) -> bool {
        self.confirm == "yes"
    }
}

/// Which action is being confirmed.
#[derive(Debug, Clone, Copy)]
pub enum AccountAction {
    Disable,
    ResetPassword,
    ResetSecondFactor,
}

impl AccountAction {
    fn path(self) -> &'static str {
        match self {
            AccountAction::Disable => "disable",
            AccountAction::ResetPassword => "reset-password",
            AccountAction::ResetSecondFactor => "reset-second-factor",
        }
    }
}

#[derive(Template)]
#[template(path = "staff/confirm.html")]
struct ConfirmPage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    heading: String,
    consequence: String,
    button: String,
    action: String,
}

/// The page asking to confirm `action` on the account `id` (404 for an account that does not
/// exist, as the action itself would answer).
pub async fn ask(
    state: &AppState,
    user: StaffUser,
    id: StaffId,
    action: AccountAction,
) -> Result<HttpResponse, AppError> {
    let accounts = admin::accounts(&state.ctx.pool).await?;
    let account = accounts.iter().find(|a| a.id == id).ok_or(AppError::NotFound)?;
    let t = user.tr();
    let email = [("email", account.email.as_str())];
    let key = action.path();
    let page = ConfirmPage {
        heading: t.fmt(&format!("staff-confirm-{key}-heading"), &email),
        consequence: t.fmt(&format!("staff-confirm-{key}-consequence"), &email),
        button: t.get(&format!("staff-confirm-{key}-button")),
        action: format!("/staff/admin/accounts/{id}/{key}"),
        csrf: user.csrf_token(&state.ctx),
        user: Some(user),
        t,
    };
    html_page(StatusCode::OK, &page)
}
