//! `/staff/admin/api-keys`: the integration keys of the suppression API, created (shown once)
//! and revoked by an administrator.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use secrecy::ExposeSecret;
use serde::Deserialize;

use super::{Choice, choices};
use crate::domain::ApiKeyId;
use crate::error::AppError;
use crate::http::AppState;
use crate::http::form::{CsrfForm, NoFields};
use crate::http::respond::{html_page, redirect};
use crate::http::session::Admin;
use crate::i18n::Tr;
use crate::service::audit::AuditActor;
use crate::service::auth::StaffUser;
use crate::service::integrations;

#[derive(Template)]
#[template(path = "staff/api_keys.html")]
struct ApiKeysPage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    keys: Vec<integrations::KeyInfo>,
    choices: Vec<Choice>,
    name: String,
    /// A key just created: (id, the key itself), shown this once.
    created: Option<(ApiKeyId, String)>,
    problem: Option<String>,
}

/// The new-key form as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NewKey {
    name: String,
    #[serde(rename = "register")]
    registers: Vec<String>,
}

async fn show_keys(
    state: &AppState,
    user: StaffUser,
    typed: NewKey,
    created: Option<(ApiKeyId, String)>,
    problem: Option<String>,
) -> Result<HttpResponse, AppError> {
    let keys = integrations::keys(&state.ctx.pool).await?;
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ApiKeysPage {
        t: user.tr(),
        csrf: user.csrf_token(&state.ctx),
        user: Some(user),
        keys,
        choices: choices(state, &typed.registers),
        name: typed.name,
        created,
        problem,
    };
    html_page(status, &page)
}

/// `GET /staff/admin/api-keys`: the integration keys and a form to create one.
pub async fn api_keys(state: web::Data<AppState>, Admin(user): Admin) -> Result<HttpResponse, AppError> {
    show_keys(&state, user, NewKey::default(), None, None).await
}

/// `POST /staff/admin/api-keys`: creates a key and shows it once.
pub async fn create_api_key(
    state: web::Data<AppState>,
    form: CsrfForm<NewKey, Admin>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { user, fields, .. } = form;
    let ctx = &state.ctx;
    let now = ctx.clock.now();
    match integrations::create_key(
        &ctx.pool,
        &ctx.hasher,
        &fields.name,
        &fields.registers,
        Some(user.id),
        user.address.as_deref(),
        now,
    )
    .await
    {
        Ok((id, key)) => {
            let created = Some((id, key.expose_secret().to_owned()));
            show_keys(&state, user, NewKey::default(), created, None).await
        }
        Err(e) => {
            let e = AppError::from(e);
            match super::form_message(&user.tr(), &e) {
                Some(message) => show_keys(&state, user, fields, None, Some(message)).await,
                None => Err(e),
            }
        }
    }
}

/// `POST /staff/admin/api-keys/{id}/revoke`.
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    id: web::Path<ApiKeyId>,
    form: CsrfForm<NoFields, Admin>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let by = AuditActor::Staff(form.user.id);
    if !integrations::revoke_key(&state.ctx.pool, id, by, form.user.address.as_deref(), state.ctx.clock.now())
        .await?
    {
        return Err(AppError::NotFound);
    }
    tracing::info!(api_key = %id, by = %form.user.id, "API key revoked by an administrator");
    Ok(redirect("/staff/admin/api-keys"))
}
