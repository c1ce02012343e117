//! Staff administration: the account list, register scopes, disabling and enabling accounts and
//! resetting passwords. One set of rules for the admin pages and the command line: an account's
//! sessions end the moment it is disabled or its password reset, and the last enabled administrator
//! always stays.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use secrecy::SecretString;

use super::audit::{self, AuditAction, AuditActor};
use super::staff::{ScopeError, generate_password, hash_in_background, scope};
use crate::db::{self, DbError, DbPool, sessions};
use crate::domain::{StaffId, StaffRole};

/// Who makes a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in administrator on the admin pages (their staff id).
    Admin(StaffId),
    /// The operator at the command line, who holds the server's configuration and no account.
    Console,
}

impl Actor {
    fn is(self, staff_id: StaffId) -> bool {
        self == Actor::Admin(staff_id)
    }

    /// Who the audit log names.
    fn audited(self) -> AuditActor {
        match self {
            Actor::Admin(id) => AuditActor::Staff(id),
            Actor::Console => AuditActor::Console,
        }
    }
}

/// An account as the admin pages show it.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: StaffId,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    /// Granted registers (empty for an admin, who sees every register).
    pub registers: Vec<String>,
    pub disabled: bool,
    pub must_change_password: bool,
    /// When the account's second factor (TOTP) was added, if it has one.
    pub second_factor_since: Option<DateTime<Utc>>,
    /// Start of the newest session on record (sign-out and revocation delete sessions).
    pub latest_session: Option<DateTime<Utc>>,
}

/// Why an administrative change was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no such staff account")]
    NotFound,
    #[error("you cannot disable your own account")]
    OwnAccount,
    #[error("this is the last enabled administrator; create another administrator before disabling it")]
    LastAdmin,
    #[error("reset your own password by changing it on the Password page")]
    OwnPassword,
    #[error(
        "another administrator must reset your second factor; you can renew your recovery codes on the Second factor page"
    )]
    OwnSecondFactor,
    #[error(transparent)]
    Scope(#[from] ScopeError),
    #[error("unknown or inactive register `{0}`")]
    UnknownRegister(String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

impl From<diesel::result::Error> for AdminError {
    fn from(e: diesel::result::Error) -> Self {
        AdminError::Db(e.into())
    }
}

/// Which account a change is about.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Id(StaffId),
    /// The sign-in address (case-insensitive), as the command line names accounts.
    Email(&'a str),
}

impl Target<'_> {
    /// The account's id (`NotFound` for an address of no account).
    async fn resolve(self, conn: &mut AsyncPgConnection) -> Result<StaffId, AdminError> {
        match self {
            Target::Id(id) => Ok(id),
            Target::Email(email) => {
                db::staff::id_by_email(conn, email.trim()).await?.ok_or(AdminError::NotFound)
            }
        }
    }
}

/// Every staff account with its registers and latest session.
pub async fn accounts(pool: &DbPool) -> Result<Vec<Account>, DbError> {
    let mut conn = db::conn(pool).await?;
    let rows = db::staff::list(&mut conn).await?;
    let mut grants: HashMap<StaffId, Vec<String>> = HashMap::new();
    for grant in db::staff::all_grants(&mut conn).await? {
        grants.entry(grant.staff_id).or_default().push(grant.register_key);
    }
    let latest: HashMap<StaffId, Option<DateTime<Utc>>> =
        sessions::latest_starts(&mut conn).await?.into_iter().map(|s| (s.staff_id, s.started_at)).collect();
    Ok(rows
        .into_iter()
        .map(|r| Account {
            id: r.id,
            registers: grants.remove(&r.id).unwrap_or_default(),
            latest_session: latest.get(&r.id).copied().flatten(),
            role: r.role,
            email: r.email,
            name: r.name,
            disabled: r.disabled_at.is_some(),
            must_change_password: r.must_change_password,
            second_factor_since: r.second_factor_since,
        })
        .collect())
}

/// Disables an account and ends its sessions in the same transaction, so that its next request is
/// already refused. Returns false when it was disabled before (nothing changes). Refused for the
/// acting admin's own account and for the last enabled administrator.
pub async fn disable(
    pool: &DbPool,
    now: DateTime<Utc>,
    actor: Actor,
    address: Option<&str>,
    target: Target<'_>,
) -> Result<bool, AdminError> {
    let mut conn = db::conn(pool).await?;
    let id = target.resolve(&mut conn).await?;
    if actor.is(id) {
        return Err(AdminError::OwnAccount);
    }
    let changed = conn
        .transaction::<_, AdminError, _>(async |conn| {
            // Admins first, then the target: one lock order for every caller.
            let admins = db::staff::lock_enabled_admins(conn).await?;
            let account = db::staff::lock(conn, id).await?.ok_or(AdminError::NotFound)?;
            if account.disabled_at.is_some() {
                return Ok(false);
            }
            if admins.contains(&id) && admins.len() <= 1 {
                return Err(AdminError::LastAdmin);
            }
            db::staff::set_disabled(conn, id, Some(now), now).await?;
            sessions::delete_all_of(conn, id).await?;
            audit::record(
                conn,
                audit::entry(actor.audited(), AuditAction::AccountDisabled, id, address),
                now,
            )
            .await?;
            Ok(true)
        })
        .await?;
    if changed {
        tracing::info!(staff_id = %id, by = ?actor, "staff account disabled; sessions revoked");
    }
    Ok(changed)
}

/// Enables a disabled account again (it signs in with its current password).
pub async fn enable(
    pool: &DbPool,
    now: DateTime<Utc>,
    actor: Actor,
    address: Option<&str>,
    id: StaffId,
) -> Result<(), AdminError> {
    let mut conn = db::conn(pool).await?;
    conn.transaction::<_, AdminError, _>(async |conn| {
        let account = db::staff::lock(conn, id).await?.ok_or(AdminError::NotFound)?;
        if account.disabled_at.is_some() {
            db::staff::set_disabled(conn, id, None, now).await?;
            audit::record(conn, audit::entry(actor.audited(), AuditAction::AccountEnabled, id, address), now)
                .await?;
            tracing::info!(staff_id = %id, by = ?actor, "staff account enabled");
        }
        Ok(())
    })
    .await
}

/// Replaces a handler's registers. Sessions load the grants on every request, so the change holds
/// from the handler's next page on.
pub async fn set_registers(
    pool: &DbPool,
    now: DateTime<Utc>,
    actor: Actor,
    address: Option<&str>,
    id: StaffId,
    registers: Vec<String>,
) -> Result<(), AdminError> {
    let mut conn = db::conn(pool).await?;
    conn.transaction::<_, AdminError, _>(async |conn| {
        let account = db::staff::lock(conn, id).await?.ok_or(AdminError::NotFound)?;
        let registers = scope(account.role, registers)?;
        if let Some(key) = db::staff::unknown_register(conn, &registers).await? {
            return Err(AdminError::UnknownRegister(key));
        }
        db::staff::replace_registers(conn, id, &registers).await?;
        let mut entry = audit::entry(actor.audited(), AuditAction::RegistersChanged, id, address);
        entry.details = serde_json::json!({ "registers": registers });
        audit::record(conn, entry, now).await?;
        tracing::info!(staff_id = %id, by = ?actor, registers = registers.len(), "staff registers set");
        Ok(())
    })
    .await
}

/// A generated password, to be shown once.
pub struct OneTimePassword {
    /// The sign-in address of the account (to tell the admin whose password this is).
    pub email: String,
    pub password: SecretString,
}

/// Gives an account a new generated password that must be changed at the next sign-in, and ends
/// its sessions. Admins change their own password on the password page instead, which needs the
/// current one.
pub async fn reset_password(
    pool: &DbPool,
    now: DateTime<Utc>,
    actor: Actor,
    address: Option<&str>,
    id: StaffId,
) -> Result<OneTimePassword, AdminError> {
    if actor.is(id) {
        return Err(AdminError::OwnPassword);
    }
    let password = generate_password();
    let hash = hash_in_background(&password).await.map_err(AdminError::Hash)?;
    let mut conn = db::conn(pool).await?;
    let email = conn
        .transaction::<_, AdminError, _>(async |conn| {
            let email =
                db::staff::set_one_time_password(conn, id, &hash, now).await?.ok_or(AdminError::NotFound)?;
            sessions::delete_all_of(conn, id).await?;
            audit::record(conn, audit::entry(actor.audited(), AuditAction::PasswordReset, id, address), now)
                .await?;
            Ok(email)
        })
        .await?;
    tracing::info!(staff_id = %id, by = ?actor, "staff password reset; sessions revoked");
    Ok(OneTimePassword { email, password })
}

/// Removes a staff member's lost second factor (they add a new one at their next sign-in; an
/// administrator must), ends their sessions and waiting sign-ins, and records who did it. Returns
/// the account's email. Refused for the acting admin's own account from the admin page.
pub async fn reset_second_factor(
    pool: &DbPool,
    now: DateTime<Utc>,
    actor: Actor,
    address: Option<&str>,
    target: Target<'_>,
) -> Result<String, AdminError> {
    let mut conn = db::conn(pool).await?;
    let id = target.resolve(&mut conn).await?;
    if actor.is(id) {
        return Err(AdminError::OwnSecondFactor);
    }
    let email = conn
        .transaction::<_, AdminError, _>(async |conn| {
            let (email, _) = db::staff::email_and_name(conn, id).await?.ok_or(AdminError::NotFound)?;
            db::second_factor::remove(conn, id, now).await?;
            sessions::delete_all_of(conn, id).await?;
            let entry = audit::entry(actor.audited(), AuditAction::SecondFactorResetByAdmin, id, address);
            audit::record(conn, entry, now).await?;
            Ok(email)
        })
        .await?;
    tracing::info!(staff_id = %id, by = ?actor, "second factor reset; sessions revoked");
    Ok(email)
}
