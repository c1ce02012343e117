//! Integrations: API keys for the company's marketing systems and the suppression lookups they
//! make, so that an objection to direct marketing is honoured wherever marketing is sent from.

use chrono::{DateTime, Utc};
use diesel_async::AsyncConnection;
use secrecy::SecretString;

use super::Context;
use super::audit::{self, AuditAction, AuditActor};
pub use crate::db::api_keys::KeyInfo;
use crate::db::suppressions::{self, Entry};
use crate::db::{self, DbError, DbPool, api_keys};
use crate::domain::request::Phone;
use crate::domain::verification::{self, Purpose, SecretHasher};
use crate::domain::{ApiKeyId, Email, ObjectionChannel, ObjectionPurpose, StaffId};

/// Keys start with this, so that leaked ones are easy to recognise (e.g. by secret scanners).
pub const KEY_PREFIX: &str = "dsrk_";

/// Why a key could not be created. The messages name no input: the command line and the admin
/// page each name their own.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("a name of 1–100 characters is required")]
    Name,
    #[error("at least one register is required")]
    NoRegister,
    #[error("unknown or inactive register `{0}`")]
    UnknownRegister(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Creates a key for `registers`; the key itself is returned once and stored only as a keyed hash.
pub async fn create_key(
    pool: &DbPool,
    hasher: &SecretHasher,
    name: &str,
    registers: &[String],
    created_by: Option<StaffId>,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(ApiKeyId, SecretString), KeyError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(KeyError::Name);
    }
    let mut registers: Vec<String> =
        registers.iter().map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()).collect();
    registers.sort();
    registers.dedup();
    if registers.is_empty() {
        return Err(KeyError::NoRegister);
    }
    let key = format!("{KEY_PREFIX}{}", verification::new_token());
    let prefix: String = key.chars().take(KEY_PREFIX.len() + 6).collect();
    let mut conn = db::conn(pool).await?;
    let hash = hasher.hash(Purpose::ApiKey, &key);
    let by = created_by.map_or(AuditActor::Console, AuditActor::Staff);
    let created = conn
        .transaction::<_, DbError, _>(async |conn| {
            let created = api_keys::create(conn, name, &hash, &prefix, &registers, created_by, now).await?;
            if let Ok(id) = created {
                let mut entry = audit::entry(by, AuditAction::ApiKeyCreated, id, address);
                entry.details = serde_json::json!({ "name": name, "registers": registers });
                audit::record(conn, entry, now).await?;
            }
            Ok(created)
        })
        .await?;
    match created {
        Ok(id) => {
            tracing::info!(api_key = %id, "API key created");
            Ok((id, SecretString::from(key)))
        }
        Err(unknown) => Err(KeyError::UnknownRegister(unknown)),
    }
}

/// Every key with its registers, state and last use (never the key itself).
pub async fn keys(pool: &DbPool) -> Result<Vec<api_keys::KeyInfo>, DbError> {
    let mut conn = db::conn(pool).await?;
    api_keys::list(&mut conn).await
}

/// Revokes a key: it stops working at once. `false` when no active key has this id.
pub async fn revoke_key(
    pool: &DbPool,
    id: ApiKeyId,
    by: AuditActor,
    address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut conn = db::conn(pool).await?;
    let revoked = conn
        .transaction::<_, DbError, _>(async |conn| {
            let revoked = api_keys::revoke(conn, id, now).await?;
            if revoked {
                audit::record(conn, audit::entry(by, AuditAction::ApiKeyRevoked, id, address), now).await?;
            }
            Ok(revoked)
        })
        .await?;
    if revoked {
        tracing::info!(api_key = %id, "API key revoked");
    }
    Ok(revoked)
}

/// The outcome of presenting a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Key {
        id: ApiKeyId,
        registers: Vec<String>,
    },
    /// No `Authorization: Bearer` header, or not a key of this service.
    Unknown,
    Revoked,
}

impl Caller {
    pub fn may_read(&self, register: &str) -> bool {
        matches!(self, Caller::Key { registers, .. } if registers.iter().any(|r| r == register))
    }
}

/// Looks the presented key up (constant work for unknown keys: one hash, one indexed lookup).
pub async fn authenticate(ctx: &Context, bearer: Option<&str>) -> Result<Caller, DbError> {
    let Some(key) = bearer.map(str::trim).filter(|k| k.starts_with(KEY_PREFIX) && k.len() < 100) else {
        return Ok(Caller::Unknown);
    };
    let mut conn = db::conn(&ctx.pool).await?;
    Ok(match api_keys::find(&mut conn, &ctx.hasher.hash(Purpose::ApiKey, key)).await? {
        None => Caller::Unknown,
        Some(key) if key.revoked => Caller::Revoked,
        Some(key) => {
            let now = ctx.clock.now();
            // The day's first use is looked for only when the minute's use is recorded: the
            // suppression check, called per message by marketing tools, stays one lookup. (A day
            // whose every call falls within a minute of the previous day's last goes unrecorded.)
            if api_keys::touch(&mut conn, key.id, now).await? {
                record_first_use_today(&mut conn, key.id, now).await?;
            }
            Caller::Key { id: key.id, registers: key.registers }
        }
    })
}

/// The audit log records a key's use once a day (a record per call would drown the log): the
/// first call of each UTC day.
async fn record_first_use_today(
    conn: &mut diesel_async::AsyncPgConnection,
    id: ApiKeyId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let day = now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
    if db::audit::recorded_since(conn, AuditAction::ApiKeyUsed, &id.to_string(), day).await? {
        return Ok(());
    }
    conn.transaction::<_, DbError, _>(async |conn| {
        // Checked again under the chain's lock: two first calls at once record one use.
        db::audit::lock_chain(conn).await?;
        if !db::audit::recorded_since(conn, AuditAction::ApiKeyUsed, &id.to_string(), day).await? {
            audit::record(
                conn,
                audit::entry(AuditActor::Integration(id), AuditAction::ApiKeyUsed, id, None),
                now,
            )
            .await?;
        }
        Ok(())
    })
    .await
}

/// Who is asked about: an email address or a phone number, normalised as suppressions store them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identifier {
    Email(String),
    Phone(String),
}

impl Identifier {
    /// Parses `email` or `phone` (exactly one), a phone with `country_code` as default.
    pub fn parse(
        email: Option<&str>,
        phone: Option<&str>,
        country_code: &str,
    ) -> Result<Self, (&'static str, String)> {
        match (email.map(str::trim).filter(|e| !e.is_empty()), phone.map(str::trim).filter(|p| !p.is_empty()))
        {
            (Some(e), None) => Email::parse(e)
                .map(|e| Identifier::Email(e.normalised()))
                .map_err(|e| ("email", e.to_string())),
            (None, Some(p)) => Phone::parse(p, country_code)
                .map(|p| Identifier::Phone(p.as_str().to_owned()))
                .map_err(|e| ("phone", e.to_string())),
            (Some(_), Some(_)) => Err(("email", "give either email or phone, not both".into())),
            (None, None) => Err(("email", "email or phone is required".into())),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Identifier::Email(s) | Identifier::Phone(s) => s,
        }
    }
}

/// The answer to a suppression check.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// Whether marketing for the asked purpose (and channel) must not be sent.
    pub suppressed: bool,
    /// Every purpose this identifier objected to in the register (over the asked channel, if any).
    pub purposes: Vec<String>,
    /// Since when the matching objection is in effect.
    pub since: Option<DateTime<Utc>>,
    /// The request that recorded it.
    pub reference: Option<String>,
}

/// Whether `identifier` objected to `purpose` (any purpose when `None`) over `channel` (any channel
/// when `None`) in `register`.
pub async fn check(
    ctx: &Context,
    register: &str,
    identifier: &Identifier,
    purpose: Option<ObjectionPurpose>,
    channel: Option<ObjectionChannel>,
) -> Result<Check, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let entries = suppressions::active_for(&mut conn, register, identifier.as_str()).await?;
    let on_channel: Vec<&Entry> = entries.iter().filter(|e| channel.is_none_or(|c| e.channel == c)).collect();
    // By wire name, as the API has always listed them.
    let mut purposes: Vec<String> = on_channel.iter().map(|e| e.purpose.to_string()).collect();
    purposes.sort();
    purposes.dedup();
    let matching = on_channel.iter().find(|e| purpose.is_none_or(|p| e.purpose == p));
    Ok(Check {
        suppressed: matching.is_some(),
        purposes,
        since: matching.map(|e| e.since),
        reference: matching.map(|e| e.reference.to_string()),
    })
}

/// Most entries one export page returns.
pub const MAX_PAGE: i64 = 1000;

/// A page of the register's entries for bulk sync and the cursor of the next one.
pub async fn export(
    ctx: &Context,
    register: &str,
    changed_since: Option<DateTime<Utc>>,
    after: i64,
    limit: i64,
) -> Result<(Vec<Entry>, Option<i64>), DbError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let mut conn = db::conn(&ctx.pool).await?;
    let mut entries = suppressions::page(&mut conn, register, changed_since, after, limit + 1).await?;
    let next = if entries.len() as i64 > limit {
        entries.truncate(limit as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok((entries, next))
}
