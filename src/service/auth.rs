//! Staff sign-in: argon2id passwords, server-side sessions in PostgreSQL (the cookie holds a
//! random token; the database its keyed hash), a time-limited lock-out after repeated failures
//! that answers the same for known and unknown accounts, CSRF tokens derived from the session, and
//! password changes that revoke every session.

use std::sync::OnceLock;

use argon2::{PasswordHash, PasswordVerifier};
use chrono::{DateTime, Duration, DurationRound, TimeDelta, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use secrecy::{ExposeSecret, SecretString};

use super::Context;
use super::audit::{self, AuditAction, AuditActor};
use super::staff::{hash_password, hasher};
use crate::db::{self, DbError, rate_limits, sessions};
use crate::domain::verification::{self, Purpose};
use crate::domain::{Email, Language, SignInMethod, StaffId, StaffRole};
use crate::i18n::Tr;

/// Sessions end this long after sign-in.
pub const SESSION_HOURS: i64 = 12;
/// Failed sign-ins per account (and per client address ×4) in one window before the lock-out.
pub const MAX_FAILURES: i32 = 5;
/// Length of the lock-out window.
pub const LOCKOUT_MINUTES: i64 = 15;
/// Shortest accepted new password.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: StaffId,
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    /// The registers this person may see (every register for an admin).
    pub registers: Vec<String>,
    pub must_change_password: bool,
    /// How this session was opened.
    pub method: SignInMethod,
    /// An administrator who signed in with a password and has no second factor while one is
    /// required: every page but the enrolment page sends them there.
    pub must_add_second_factor: bool,
    /// The client address the current request came from (set at the HTTP edge; for the audit log).
    pub address: Option<String>,
    /// The language chosen on the profile page; `None`: the browser's.
    pub language: Option<Language>,
    /// The language the browser prefers (Accept-Language, set at the HTTP edge).
    pub browser_language: Option<Language>,
    /// The session token from the cookie (to derive the CSRF token and to sign out).
    session: SecretString,
}

impl StaffUser {
    /// The language of this person's pages: their choice, else the browser's, else English.
    pub fn page_language(&self) -> Language {
        self.language.or(self.browser_language).unwrap_or(Language::En)
    }

    /// The translator of this person's pages.
    pub fn tr(&self) -> Tr {
        Tr::new(self.page_language())
    }

    pub fn is_admin(&self) -> bool {
        self.role == StaffRole::Admin
    }

    /// Whether this person may see requests of `register`.
    pub fn sees(&self, register: &str) -> bool {
        self.registers.iter().any(|r| r == register)
    }

    /// The CSRF token every state-changing form of this session must carry.
    pub fn csrf_token(&self, ctx: &Context) -> String {
        hex::encode(ctx.hasher.hash(Purpose::Csrf, self.session.expose_secret()))
    }

    /// Constant-time check of a submitted CSRF token.
    pub fn csrf_ok(&self, ctx: &Context, submitted: &str) -> bool {
        hex::decode(submitted)
            .is_ok_and(|bytes| ctx.hasher.verify(Purpose::Csrf, self.session.expose_secret(), &bytes))
    }
}

/// The sign-in form's CSRF protection before there is a session: a random token in a cookie
/// (`SameSite=Strict`) and, in the form, its keyed hash, which only this server can compute. Both
/// must come back together; a page of another site can neither read the cookie nor forge the
/// hash.
pub struct LoginCsrf {
    /// The cookie value.
    pub cookie: String,
    /// The form field's value.
    pub token: String,
}

impl LoginCsrf {
    /// A new pair.
    pub fn new(ctx: &Context) -> Self {
        let cookie = verification::new_token();
        let token = login_csrf_token(ctx, &cookie);
        LoginCsrf { cookie, token }
    }

    /// The pair of an existing cookie (a form shown again after a failed sign-in).
    pub fn of_cookie(ctx: &Context, cookie: &str) -> Option<Self> {
        verification::is_token_shaped(cookie)
            .then(|| LoginCsrf { cookie: cookie.to_owned(), token: login_csrf_token(ctx, cookie) })
    }
}

fn login_csrf_token(ctx: &Context, cookie: &str) -> String {
    // The prefix keeps these apart from the session-bound tokens of the same purpose.
    hex::encode(ctx.hasher.hash(Purpose::Csrf, &format!("login:{cookie}")))
}

/// Constant-time check of the sign-in form's token against its cookie.
pub fn login_csrf_ok(ctx: &Context, cookie: Option<&str>, submitted: &str) -> bool {
    let Some(cookie) = cookie.filter(|c| verification::is_token_shaped(c)) else { return false };
    hex::decode(submitted)
        .is_ok_and(|bytes| ctx.hasher.verify(Purpose::Csrf, &format!("login:{cookie}"), &bytes))
}

/// Why a sign-in failed. Deliberately one case: the answer must not tell a wrong password from an
/// unknown, disabled or locked account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInFailed;

/// A new session: the cookie value.
pub struct Session {
    pub token: SecretString,
    pub expires_at: DateTime<Utc>,
}

fn window(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(TimeDelta::minutes(LOCKOUT_MINUTES)).unwrap_or(now)
}

/// A fixed argon2id hash checked when the account does not exist, so that unknown accounts take
/// as long as known ones.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password(&SecretString::from("decoy password never valid")).unwrap_or_default())
}

async fn verify_password(hash: String, password: SecretString) -> bool {
    // Argon2 costs tens of milliseconds of CPU: keep it off the async workers.
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .is_ok_and(|h| hasher().verify_password(password.expose_secret().as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// What a correct password leads to.
pub enum SignedIn {
    /// A session: the account has no second factor.
    Session(Session),
    /// The account's second factor is asked for next (`service::second_factor::complete_sign_in`);
    /// the token goes into a cookie of the code page.
    CodeNeeded(Challenge),
}

/// A sign-in waiting for its second factor.
pub struct Challenge {
    pub token: SecretString,
    pub expires_at: DateTime<Utc>,
}

/// Minutes a password stays accepted while its second factor is asked for.
pub const CHALLENGE_MINUTES: i64 = 5;

/// The rate-limit buckets of a sign-in: the account (by its normalised address, whether or not
/// it exists) and the client address.
pub(super) struct SignInBuckets {
    pub account: String,
    pub client: String,
    pub window: DateTime<Utc>,
}

impl SignInBuckets {
    pub(super) fn new(ctx: &Context, normalised_email: &str, client: &str, now: DateTime<Utc>) -> Self {
        SignInBuckets {
            account: format!(
                "login:{}",
                hex::encode(&ctx.hasher.hash(Purpose::RateLimit, normalised_email)[..12])
            ),
            client: format!("login-ip:{}", hex::encode(&ctx.hasher.hash(Purpose::RateLimit, client)[..12])),
            window: window(now),
        }
    }

    /// Counts an attempt in both buckets; whether either is over its limit.
    pub(super) async fn hit(&self, conn: &mut AsyncPgConnection) -> Result<bool, DbError> {
        let account_hits = rate_limits::hit(conn, &self.account, self.window).await?;
        let client_hits = rate_limits::hit(conn, &self.client, self.window).await?;
        Ok(account_hits > MAX_FAILURES || client_hits > MAX_FAILURES * 4)
    }

    /// A sign-in is not a failure: gives back one count of each bucket.
    pub(super) async fn take_back(&self, conn: &mut AsyncPgConnection) -> Result<(), DbError> {
        rate_limits::take_back(conn, &self.account, self.window).await?;
        rate_limits::take_back(conn, &self.client, self.window).await
    }
}

/// Opens a session for `id` in the caller's transaction and records the sign-in.
pub(super) async fn open_session(
    conn: &mut AsyncPgConnection,
    ctx: &Context,
    id: StaffId,
    method: SignInMethod,
    client: &str,
    now: DateTime<Utc>,
) -> Result<Session, DbError> {
    let token = verification::new_token();
    let expires_at = now + Duration::hours(SESSION_HOURS);
    sessions::insert(conn, &ctx.hasher.hash(Purpose::StaffSession, &token), id, method, now, expires_at)
        .await?;
    let mut entry = audit::entry(AuditActor::Staff(id), AuditAction::SignedIn, id, address(client));
    entry.details = serde_json::json!({ "method": method.as_str() });
    audit::record(conn, entry, now).await?;
    Ok(Session { token: SecretString::from(token), expires_at })
}

/// Signs in with email and password from `client` (an address, hashed before storage).
///
/// The attempt is counted before the password is checked, atomically (one `UPDATE … RETURNING`
/// per bucket): of any number of parallel guesses only those within the limit reach the password
/// check, and a successful sign-in takes its count back. A locked attempt checks nothing: it
/// learns no more than the attempts that locked it, and an unknown account locks the same way.
/// When the account has a second factor, a right password keeps its count until the code is
/// right too: a known password buys no more code guesses than the lock-out allows.
pub async fn sign_in(
    ctx: &Context,
    email: &str,
    password: SecretString,
    client: &str,
) -> Result<Result<SignedIn, SignInFailed>, DbError> {
    let now = ctx.clock.now();
    let normalised =
        Email::parse(email).map(|e| e.normalised()).unwrap_or_else(|_| email.trim().to_lowercase());
    let buckets = SignInBuckets::new(ctx, &normalised, client, now);
    let (locked, account) = {
        let mut conn = db::conn(&ctx.pool).await?;
        let locked = buckets.hit(&mut conn).await?;
        (locked, db::staff::credentials(&mut conn, &normalised).await?)
        // The connection goes back to the pool before the slow password check.
    };
    let (id, hash) = match account {
        Some(a) if a.disabled_at.is_none() => (Some(a.id), a.password_hash),
        _ => (None, decoy_hash().to_owned()),
    };
    let password_checked = !locked;
    let password_ok = password_checked && verify_password(hash, password).await;
    match id {
        Some(id) if password_ok => {
            let mut conn = db::conn(&ctx.pool).await?;
            if db::second_factor::get(&mut conn, id).await?.enabled_at.is_some() {
                let token = verification::new_token();
                let expires_at = now + Duration::minutes(CHALLENGE_MINUTES);
                let hash = ctx.hasher.hash(Purpose::SignInChallenge, &token);
                db::second_factor::insert_challenge(&mut conn, &hash, id, now, expires_at).await?;
                tracing::info!(staff_id = %id, "password accepted; second factor asked");
                return Ok(Ok(SignedIn::CodeNeeded(Challenge {
                    token: SecretString::from(token),
                    expires_at,
                })));
            }
            buckets.take_back(&mut conn).await?;
            let session = conn
                .transaction::<_, DbError, _>(async |conn| {
                    open_session(conn, ctx, id, SignInMethod::Password, client, now).await
                })
                .await?;
            tracing::info!(staff_id = %id, "staff signed in");
            Ok(Ok(SignedIn::Session(session)))
        }
        _ => {
            let staff_id = id.map(|id| id.to_string());
            record_failure(ctx, staff_id.as_deref(), client, serde_json::json!({ "locked": locked }), now)
                .await?;
            tracing::info!(staff_id, locked, password_checked, "staff sign-in failed");
            Ok(Err(SignInFailed))
        }
    }
}

/// Records a failed sign-in. The subject is the account when it exists; an address typed for no
/// account is not kept (it may be anyone's).
pub(super) async fn record_failure(
    ctx: &Context,
    staff_id: Option<&str>,
    client: &str,
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut entry = audit::entry(
        AuditActor::Anonymous,
        AuditAction::SignInFailed,
        staff_id.unwrap_or("unknown account"),
        address(client),
    );
    entry.details = details;
    audit::record_alone(&ctx.pool, entry, now).await
}

/// The staff member behind a session cookie, if the session is live and the account enabled.
pub async fn current(ctx: &Context, token: &str) -> Result<Option<StaffUser>, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(None);
    }
    let mut conn = db::conn(&ctx.pool).await?;
    let hash = ctx.hasher.hash(Purpose::StaffSession, token);
    let now = ctx.clock.now();
    let idle_since = now - Duration::minutes(i64::from(ctx.settings.security.session_idle_minutes));
    let Some(sessions::LiveSession { account, method }) =
        sessions::find_live(&mut conn, &hash, now, idle_since).await?
    else {
        return Ok(None);
    };
    let must_add_second_factor = ctx.settings.security.require_totp_for_admins
        && account.role == StaffRole::Admin
        && method != SignInMethod::Sso
        && account.second_factor_since.is_none();
    let registers = if account.role == StaffRole::Admin {
        ctx.all_registers().map(|r| r.key.clone()).collect()
    } else {
        db::staff::registers_of(&mut conn, account.id).await?
    };
    Ok(Some(StaffUser {
        id: account.id,
        email: account.email,
        name: account.name,
        role: account.role,
        registers,
        // The provider answers for who signs in by single sign-on; the password is not used.
        must_change_password: account.must_change_password && method != SignInMethod::Sso,
        method,
        must_add_second_factor,
        address: None,
        language: account.language,
        browser_language: None,
        session: SecretString::from(token.to_owned()),
    }))
}

/// Ends the session.
pub async fn sign_out(ctx: &Context, user: &StaffUser) -> Result<(), DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let now = ctx.clock.now();
    conn.transaction::<_, DbError, _>(async |conn| {
        sessions::delete(conn, &ctx.hasher.hash(Purpose::StaffSession, user.session.expose_secret())).await?;
        let entry = audit::entry(
            AuditActor::Staff(user.id),
            AuditAction::SignedOut,
            user.id,
            user.address.as_deref(),
        );
        audit::record(conn, entry, now).await
    })
    .await
}

/// A client address for the audit log (`None` when the connection had none).
fn address(client: &str) -> Option<&str> {
    Some(client).filter(|c| !c.is_empty())
}

/// Why a password change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the current password is not correct")]
    WrongCurrent,
    #[error("the new password must have at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error(
        "the new password is too easy to guess (a common password, a word or a pattern, or your name or email): choose a longer phrase of unrelated words"
    )]
    TooWeak,
    #[error("the new password and its confirmation differ")]
    Mismatch,
}

/// Changes the password, revokes every session of the account and opens a new one for the caller.
pub async fn change_password(
    ctx: &Context,
    user: &StaffUser,
    current: SecretString,
    new: SecretString,
    confirm: SecretString,
) -> Result<Result<Session, PasswordError>, DbError> {
    if new.expose_secret().chars().count() < MIN_PASSWORD_CHARS {
        return Ok(Err(PasswordError::TooShort));
    }
    if !super::staff::strong_enough(new.expose_secret(), &[&user.email, &user.name]) {
        return Ok(Err(PasswordError::TooWeak));
    }
    if new.expose_secret() != confirm.expose_secret() {
        return Ok(Err(PasswordError::Mismatch));
    }
    let mut conn = db::conn(&ctx.pool).await?;
    let stored = db::staff::password_hash(&mut conn, user.id).await?;
    if !verify_password(stored, current).await {
        return Ok(Err(PasswordError::WrongCurrent));
    }
    let hashed = tokio::task::spawn_blocking(move || hash_password(&new))
        .await
        .map_err(|e| DbError::corrupt(format!("password hashing stopped: {e}")))?
        .map_err(|e| DbError::corrupt(format!("password hashing failed: {e}")))?;
    let now = ctx.clock.now();
    let token = verification::new_token();
    let expires_at = now + Duration::hours(SESSION_HOURS);
    let token_hash = ctx.hasher.hash(Purpose::StaffSession, &token);
    conn.transaction::<_, DbError, _>(async |conn| {
        db::staff::set_password(conn, user.id, &hashed, now).await?;
        sessions::delete_all_of(conn, user.id).await?;
        sessions::insert(conn, &token_hash, user.id, user.method, now, expires_at).await?;
        let entry = audit::entry(
            AuditActor::Staff(user.id),
            AuditAction::PasswordChanged,
            user.id,
            user.address.as_deref(),
        );
        audit::record(conn, entry, now).await
    })
    .await?;
    tracing::info!(staff_id = %user.id, "password changed; sessions revoked");
    Ok(Ok(Session { token: SecretString::from(token), expires_at }))
}
