//! Staff accounts: creation with a generated one-time password, hashed with argon2id.

use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;
use secrecy::{ExposeSecret, SecretString};

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

/// A random password of 20 characters from an alphabet without look-alikes (about 115 bits).
pub fn generate_password() -> SecretString {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let password: String = (0..20).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    SecretString::from(password)
}

/// Input of [`add`].
pub struct AddStaff {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub registers: Vec<String>,
}

/// Why [`add`] failed.
#[derive(Debug, thiserror::Error)]
pub enum AddStaffError {
    #[error("--email: {0}")]
    Email(crate::domain::contact::EmailError),
    #[error("--name: is required")]
    Name,
    #[error("--register: a handler needs at least one register")]
    NoRegister,
    #[error("--register: an admin sees every register; do not grant any")]
    AdminWithRegisters,
    #[error(transparent)]
    Create(#[from] CreateStaffError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

/// Creates a staff account and returns its generated one-time password.
pub async fn add(pool: &DbPool, input: AddStaff) -> Result<SecretString, AddStaffError> {
    let email = Email::parse(&input.email).map_err(AddStaffError::Email)?;
    let name = input.name.trim();
    if name.is_empty() {
        return Err(AddStaffError::Name);
    }
    match (input.role, input.registers.is_empty()) {
        (Role::Handler, true) => return Err(AddStaffError::NoRegister),
        (Role::Admin, false) => return Err(AddStaffError::AdminWithRegisters),
        _ => {}
    }
    let password = generate_password();
    let pw = password.clone();
    // Argon2 is CPU-heavy by design: keep it off the async workers.
    let hash = tokio::task::spawn_blocking(move || hash_password(&pw))
        .await
        .map_err(|e| AddStaffError::Hash(e.to_string()))?
        .map_err(|e| AddStaffError::Hash(e.to_string()))?;
    let mut conn = db::conn(pool).await?;
    db::staff::create(
        &mut conn,
        NewStaff { email: email.as_str(), name, role: input.role.as_str(), password_hash: &hash },
        &input.registers,
    )
    .await?;
    Ok(password)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
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
    fn generated_passwords_differ() {
        assert_ne!(generate_password().expose_secret(), generate_password().expose_secret());
    }
}
