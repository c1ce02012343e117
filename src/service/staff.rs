//! Staff accounts: creation with a generated one-time password, hashed with argon2id.

use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use diesel_async::AsyncConnection;
use rand::Rng;
use secrecy::{ExposeSecret, SecretString};

use super::audit::{self, AuditAction, AuditActor};
use crate::db::staff::{CreateStaffError, NewStaff};
use crate::db::{self, DbError, DbPool};
use crate::domain::{Email, StaffRole as Role};

/// Argon2id with the OWASP Password Storage Cheat Sheet parameters (m = 19 MiB, t = 2, p = 1).
pub fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (parameters and salt included).
pub fn hash_password(password: &SecretString) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.expose_secret().as_bytes(), &salt)?.to_string())
}

/// A random password of 20 characters from an alphabet without look-alikes (about 115 bits; far
/// above [`MIN_PASSWORD_SCORE`], as a unit test checks).
pub fn generate_password() -> SecretString {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let password: String = (0..20).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    SecretString::from(password)
}

/// The lowest zxcvbn score (0–4) a staff password may have: 3 is "safely unguessable", about
/// 10^10 guesses against an offline attack on a slow hash.
pub const MIN_PASSWORD_SCORE: u8 = 3;

/// Whether `password` is hard enough to guess: not a common password, a dictionary word, a
/// keyboard pattern or a variation of `user_inputs` (the person's email and name), as zxcvbn
/// estimates it.
pub fn strong_enough(password: &str, user_inputs: &[&str]) -> bool {
    u8::from(zxcvbn::zxcvbn(password, user_inputs).score()) >= MIN_PASSWORD_SCORE
}

/// Hashes a password on the blocking pool: argon2 costs tens of milliseconds of CPU by design and
/// must not stall the async workers.
pub async fn hash_in_background(password: &SecretString) -> Result<String, String> {
    let password = password.clone();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
}

/// Why a role and a set of registers do not go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    #[error("a handler needs at least one register")]
    NoRegister,
    #[error("an admin sees every register; grant none")]
    AdminWithRegisters,
}

/// The registers to grant an account of `role`, without duplicates (a repeated key would violate
/// the grants' primary key). A handler works only what is granted; an admin sees every register,
/// so a grant would only mislead.
pub fn scope(role: Role, mut registers: Vec<String>) -> Result<Vec<String>, ScopeError> {
    registers.sort();
    registers.dedup();
    match (role, registers.is_empty()) {
        (Role::Handler, true) => Err(ScopeError::NoRegister),
        (Role::Admin, false) => Err(ScopeError::AdminWithRegisters),
        _ => Ok(registers),
    }
}

/// Input of [`add`].
pub struct AddStaff {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub registers: Vec<String>,
}

/// Why [`add`] failed. The message names no field: [`AddStaffError::field`] does, so that the
/// command line and the admin page can each say it their way.
#[derive(Debug, thiserror::Error)]
pub enum AddStaffError {
    #[error("{0}")]
    Email(crate::domain::contact::EmailError),
    #[error("is required")]
    Name,
    #[error(transparent)]
    Scope(#[from] ScopeError),
    #[error(transparent)]
    Create(#[from] CreateStaffError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

// Transactions report diesel's error type.
impl From<diesel::result::Error> for AddStaffError {
    fn from(e: diesel::result::Error) -> Self {
        AddStaffError::Db(e.into())
    }
}

impl AddStaffError {
    /// The input at fault (`email`, `name` or `registers`); None when the input is not to blame.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AddStaffError::Email(_) | AddStaffError::Create(CreateStaffError::EmailTaken) => Some("email"),
            AddStaffError::Name => Some("name"),
            AddStaffError::Scope(_) | AddStaffError::Create(CreateStaffError::UnknownRegister(_)) => {
                Some("registers")
            }
            AddStaffError::Create(CreateStaffError::Db(_))
            | AddStaffError::Db(_)
            | AddStaffError::Hash(_) => None,
        }
    }
}

/// Creates a staff account, recorded in the audit log as done `by` (from `address`), and returns
/// its generated one-time password.
pub async fn add(
    pool: &DbPool,
    input: AddStaff,
    by: AuditActor,
    address: Option<&str>,
) -> Result<SecretString, AddStaffError> {
    let email = Email::parse(&input.email).map_err(AddStaffError::Email)?;
    let name = input.name.trim();
    if name.is_empty() {
        return Err(AddStaffError::Name);
    }
    let registers = scope(input.role, input.registers)?;
    let password = generate_password();
    let hash = hash_in_background(&password).await.map_err(AddStaffError::Hash)?;
    let mut conn = db::conn(pool).await?;
    let now = chrono::Utc::now();
    let id = conn
        .transaction::<_, AddStaffError, _>(async |conn| {
            let new = NewStaff { email: email.as_str(), name, role: input.role, password_hash: &hash };
            let id = db::staff::create(conn, new, &registers).await?;
            let mut entry = audit::entry(by, AuditAction::AccountCreated, id, address);
            entry.details = serde_json::json!({ "role": input.role, "registers": registers });
            audit::record(conn, entry, now).await?;
            Ok(id)
        })
        .await?;
    tracing::info!(staff_id = %id, "staff account created");
    Ok(password)
}

/// Sets the language of `staff`'s pages and emails (`None`: the browser's for pages, the
/// register's first language for emails).
pub async fn set_language(
    ctx: &super::Context,
    staff: crate::domain::StaffId,
    language: Option<crate::domain::Language>,
) -> Result<(), DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    db::staff::set_language(&mut conn, staff, language, ctx.clock.now()).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{PasswordHash, PasswordVerifier};

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let pw = generate_password();
        assert_eq!(pw.expose_secret().len(), 20);
        let hash = hash_password(&pw).unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        let parsed = PasswordHash::new(&hash).unwrap();
        assert!(hasher().verify_password(pw.expose_secret().as_bytes(), &parsed).is_ok());
        assert!(hasher().verify_password(b"wrong", &parsed).is_err());
    }

    #[test]
    fn a_scope_fits_the_role_and_repeats_no_register() {
        let keys = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(scope(Role::Handler, keys(&["b", "a", "b"])).unwrap(), keys(&["a", "b"]));
        assert_eq!(scope(Role::Handler, vec![]), Err(ScopeError::NoRegister));
        assert_eq!(scope(Role::Admin, keys(&["a"])), Err(ScopeError::AdminWithRegisters));
        assert_eq!(scope(Role::Admin, vec![]).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn generated_passwords_are_strong_and_common_ones_are_not() {
        for _ in 0..20 {
            assert!(strong_enough(generate_password().expose_secret(), &["staff@shop.fi"]));
        }
        for weak in ["password1234", "qwertyuiop123", "aaaaaaaaaaaaaa", "staff@shop.fi-1"] {
            assert!(!strong_enough(weak, &["staff@shop.fi", "Staff Person"]), "{weak}");
        }
    }

    #[test]
    fn generated_passwords_differ() {
        assert_ne!(generate_password().expose_secret(), generate_password().expose_secret());
    }
}
