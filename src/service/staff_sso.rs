//! Staff single sign-on through an OpenID Connect provider (an organisation's Entra ID, Google
//! Workspace or similar). The provider vouches for the person; dsr-desk decides who they are
//! here: the ID token's email address, verified by the provider, must belong to an enabled staff
//! account (or, with `staff_sso.allowed_domain`, a handler account without registers is created
//! for it). Roles and registers stay managed in dsr-desk. The provider is responsible for the
//! second factor: an SSO session asks for none. Every sign-in and every failure is audited.

use chrono::{DateTime, Duration, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};

use super::Context;
use super::audit::{self, AuditAction, AuditActor};
use super::auth::{Session, open_session, record_failure};
use super::identify::{Answer, Started};
use super::oidc::{self, OidcError};
use crate::config::IdentityProvider;
use crate::db::staff::NewStaff;
use crate::db::{self, DbError, identification};
use crate::domain::verification::{self, Purpose};
use crate::domain::{Email, Language, SignInMethod, StaffRole};

/// The path of the redirect URI registered with the provider.
pub const CALLBACK_PATH: &str = "/staff/login/sso/callback";

/// Why a single sign-on did not open a session. The page says the same for each (no account,
/// a disabled one, an unverified address): only the audit log and the server log tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Cancelled at the provider, or the provider's answer did not check out.
    Refused,
    /// No verified email address in the ID token.
    Unverified,
    /// No enabled account has the address (and none may be created for it).
    NoAccount,
    /// Unknown, used or another browser's `state`, or too late.
    UnknownState,
    /// The provider could not be reached.
    Unavailable,
}

impl Failure {
    fn as_str(self) -> &'static str {
        match self {
            Failure::Refused => "refused",
            Failure::Unverified => "unverified_email",
            Failure::NoAccount => "no_account",
            Failure::UnknownState => "unknown_state",
            Failure::Unavailable => "unavailable",
        }
    }
}

/// The provider as the OpenID Connect client sees it.
fn provider(ctx: &Context) -> Option<IdentityProvider> {
    ctx.settings.staff_sso.provider()
}

/// Starts a single sign-on: where to send the browser, and the cookie binding it there.
pub async fn start(ctx: &Context) -> Result<Option<Started>, OidcStartError> {
    let Some(p) = provider(ctx) else { return Ok(None) };
    let now = ctx.clock.now();
    let (state, nonce, browser) =
        (verification::new_token(), verification::new_token(), verification::new_token());
    let authorization = ctx.oidc.authorize(&p, &ctx.link(CALLBACK_PATH), &state, &nonce, false).await?;
    let mut conn = db::conn(&ctx.pool).await?;
    let flow = identification::Flow {
        state_hash: ctx.hasher.hash(Purpose::OidcState, &state),
        browser_hash: ctx.hasher.hash(Purpose::OidcBrowser, &browser),
        purpose: "staff".to_owned(),
        provider: p.key.clone(),
        nonce,
        pkce_verifier: authorization.pkce_verifier,
        request_id: None,
        language: Language::En,
        created_at: now,
        expires_at: now + Duration::minutes(i64::from(ctx.settings.identity.flow_minutes)),
    };
    identification::insert_flow(&mut conn, &flow).await?;
    Ok(Some(Started { url: authorization.url, cookie: browser }))
}

/// Why a sign-on could not start.
#[derive(Debug, thiserror::Error)]
pub enum OidcStartError {
    #[error(transparent)]
    Provider(#[from] OidcError),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Finishes a single sign-on from `client`: a session, or why not (audited either way).
pub async fn finish(
    ctx: &Context,
    state: &str,
    cookie: Option<&str>,
    answer: Answer<'_>,
    client: &str,
) -> Result<Result<Session, Failure>, DbError> {
    let now = ctx.clock.now();
    let outcome = check(ctx, state, cookie, answer, now).await?;
    let email = match outcome {
        Ok(email) => email,
        Err(failure) => return fail(ctx, None, failure, client, now).await,
    };
    let mut conn = db::conn(&ctx.pool).await?;
    let account = db::staff::credentials(&mut conn, &email).await?;
    let id = match account {
        Some(a) if a.disabled_at.is_none() => a.id,
        Some(a) => return fail(ctx, Some(&a.id.to_string()), Failure::NoAccount, client, now).await,
        None if may_create(ctx, &email) => create_handler(&mut conn, &email, client, now).await?,
        None => return fail(ctx, None, Failure::NoAccount, client, now).await,
    };
    let session = conn
        .transaction::<_, DbError, _>(async |conn| {
            open_session(conn, ctx, id, SignInMethod::Sso, client, now).await
        })
        .await?;
    tracing::info!(staff_id = %id, "staff signed in by single sign-on");
    Ok(Ok(session))
}

async fn fail(
    ctx: &Context,
    staff_id: Option<&str>,
    failure: Failure,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Result<Session, Failure>, DbError> {
    let details = serde_json::json!({ "method": "sso", "reason": failure.as_str() });
    record_failure(ctx, staff_id, client, details, now).await?;
    tracing::info!(staff_id, reason = failure.as_str(), "staff single sign-on failed");
    Ok(Err(failure))
}

/// The provider's answer checked: the verified, normalised email address it vouches for.
async fn check(
    ctx: &Context,
    state: &str,
    cookie: Option<&str>,
    answer: Answer<'_>,
    now: DateTime<Utc>,
) -> Result<Result<String, Failure>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(flow) =
        identification::take_flow(&mut conn, &ctx.hasher.hash(Purpose::OidcState, state)).await?
    else {
        return Ok(Err(Failure::UnknownState));
    };
    drop(conn);
    let ours = flow.purpose == "staff"
        && ctx.hasher.verify(Purpose::OidcBrowser, cookie.unwrap_or(""), &flow.browser_hash);
    if !ours || now >= flow.expires_at {
        return Ok(Err(Failure::UnknownState));
    }
    let (Answer::Code(code), Some(p)) = (answer, provider(ctx)) else { return Ok(Err(Failure::Refused)) };
    let verified = match ctx
        .oidc
        .finish(&p, &ctx.link(CALLBACK_PATH), code, &flow.pkce_verifier, &flow.nonce, now)
        .await
    {
        Ok(verified) => verified,
        Err(OidcError::Unavailable(e)) => {
            tracing::warn!(error = %e, "single sign-on provider unavailable");
            return Ok(Err(Failure::Unavailable));
        }
        Err(OidcError::Refused(e)) => {
            tracing::warn!(error = %e, "single sign-on refused");
            return Ok(Err(Failure::Refused));
        }
    };
    let settings = &ctx.settings.staff_sso;
    let flag = settings.email_verified_claim.split('.').try_fold(&verified.claims, |v, k| v.get(k));
    let email_verified = matches!(flag, Some(serde_json::Value::Bool(true)))
        || matches!(flag, Some(serde_json::Value::String(s)) if s == "true");
    let email = oidc::claim(&verified.claims, "email").and_then(|e| Email::parse(&e).ok());
    Ok(match (email, email_verified) {
        (Some(email), true) => Ok(email.normalised()),
        _ => Err(Failure::Unverified),
    })
}

fn may_create(ctx: &Context, email: &str) -> bool {
    let domain = &ctx.settings.staff_sso.allowed_domain;
    !domain.is_empty() && email.rsplit_once('@').is_some_and(|(_, d)| d.eq_ignore_ascii_case(domain))
}

/// A handler account without registers for a verified address of the allowed domain: an
/// administrator grants registers later. Its password is random and never shown (password
/// sign-in needs a reset first).
async fn create_handler(
    conn: &mut AsyncPgConnection,
    email: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<crate::domain::StaffId, DbError> {
    let password = super::staff::generate_password();
    let hash = super::staff::hash_in_background(&password).await.map_err(DbError::corrupt)?;
    let name = email.split('@').next().unwrap_or(email);
    conn.transaction::<_, DbError, _>(async |conn| {
        let new = NewStaff { email, name, role: StaffRole::Handler, password_hash: &hash };
        let id = db::staff::create(conn, new, &[]).await.map_err(|e| DbError::corrupt(e.to_string()))?;
        let mut entry = audit::entry(
            AuditActor::System,
            AuditAction::AccountCreated,
            id,
            Some(client).filter(|c| !c.is_empty()),
        );
        entry.details = serde_json::json!({ "role": "handler", "registers": [], "by": "single_sign_on" });
        audit::record(conn, entry, now).await?;
        tracing::info!(staff_id = %id, "staff account created at its first single sign-on");
        Ok(id)
    })
    .await
}
