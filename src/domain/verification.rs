//! Identity verification by email possession: the pure primitives (SPEC: every web/API request is
//! verified by proving control of the requester's address).
//!
//! The scheme:
//! - each verification email carries a link with a random 256-bit token ([`new_token`]) and a
//!   6-digit code ([`new_code`]); both are valid for [`CODE_VALIDITY_HOURS`] hours ([`Issued`]);
//! - [`MAX_WRONG_CODES`] wrong codes lock the issued link and code for good ([`check`]), and at
//!   most [`MAX_CODES_PER_DAY`] codes are issued per request in any 24 hours ([`may_issue`]);
//! - tokens, codes, status/download tokens and API keys are stored only as keyed hashes
//!   ([`SecretHasher`]): `HMAC-SHA-256(K, purpose-tag || 0x00 || value)`, where
//!   `K = HMAC-SHA-256(server_secret, "dsr-desk/secret-hash/v1")`. The purpose tag keeps a hash
//!   made for one kind of secret from ever verifying as another, and comparison is constant-time.
//!
//! Why a fast keyed hash and not a password hash (argon2 must never be used here): a token is 256
//! bits from a CSPRNG seeded by the OS, so guessing or brute-forcing it is hopeless however fast the hash is,
//! and a fast hash keeps the lookup on every request cheap. Codes are the weak part: 6 digits are
//! only 10^6 values, which no slow hash could protect if the database leaked. They are protected
//! instead by (a) the attempt cap, which makes online guessing succeed with probability about
//! 5/10^6 per issued code, (b) the server secret in the HMAC key, which the database does not
//! hold, so a leaked table cannot be brute-forced offline, and (c) binding each code hash to its
//! request id ([`SecretHasher::hash_code`]), so a hash from one request says nothing about
//! another, and equal codes on two requests do not show as equal hashes.
//!
//! Nothing here reads the clock or touches the database: "now" and whether a code matched are
//! parameters, and the caller records the outcome (used, wrong attempt, invalidation).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use hmac::digest::{Key, KeyInit};
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::zeroize::Zeroize;
use secrecy::{ExposeSecret, SecretSlice};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Bytes of randomness in a link token (256 bits).
pub const TOKEN_BYTES: usize = 32;
/// How long an issued link and code stay valid.
pub const CODE_VALIDITY_HOURS: i64 = 24;
/// Wrong codes after which an issued code (and its link) is locked.
pub const MAX_WRONG_CODES: i32 = 5;
/// Codes that may be issued for one request in any 24 hours.
pub const MAX_CODES_PER_DAY: i64 = 5;

/// Length of a token as text: 32 bytes in base64url without padding.
const TOKEN_CHARS: usize = 43;
/// Number of digits in a verification code.
const CODE_DIGITS: usize = 6;
/// Number of distinct codes (000000..=999999).
const CODE_SPACE: u32 = 1_000_000;
/// Label of the key derivation. Changing it (like changing the server secret) orphans every stored hash.
const KEY_LABEL: &[u8] = b"dsr-desk/secret-hash/v1";

type HmacSha256 = Hmac<Sha256>;

/// What a hashed secret is for; part of the HMAC input so a hash of one kind never verifies as another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The token in a verification link.
    VerificationToken,
    /// The 6-digit code in a verification email (hashed via [`SecretHasher::hash_code`]).
    VerificationCode,
    /// A token that shows the requester the status of a request.
    StatusToken,
    /// A token that downloads a prepared answer.
    DownloadToken,
    /// A staff or integration API key.
    ApiKey,
    /// A staff session cookie.
    StaffSession,
    /// The CSRF token of a staff session (derived from the session, never stored).
    Csrf,
    /// A client address counted by a rate limit (addresses are personal data).
    RateLimit,
    /// The token of a staff password reset link.
    PasswordReset,
    /// A staff member's one-time recovery code (second factor).
    RecoveryCode,
    /// The token of a sign-in waiting for its second factor.
    SignInChallenge,
    /// The key that encrypts stored TOTP secrets (derived, never stored).
    TotpSecretKey,
    /// A national identifier returned by an identity provider: only its hash is kept, to link the
    /// requests of one identified person.
    NationalIdentifier,
    /// The `state` of an OpenID Connect sign-in in flight.
    OidcState,
    /// The cookie binding an OpenID Connect sign-in to the browser that started it.
    OidcBrowser,
}

impl Purpose {
    /// The tag hashed before the value. Stored hashes depend on these bytes: never change one.
    /// None contains a 0 byte, so `tag || 0x00 || value` splits in only one way.
    fn tag(self) -> &'static str {
        match self {
            Purpose::VerificationToken => "verification-token",
            Purpose::VerificationCode => "verification-code",
            Purpose::StatusToken => "status-token",
            Purpose::DownloadToken => "download-token",
            Purpose::ApiKey => "api-key",
            Purpose::StaffSession => "staff-session",
            Purpose::Csrf => "csrf",
            Purpose::RateLimit => "rate-limit",
            Purpose::PasswordReset => "password-reset",
            Purpose::RecoveryCode => "recovery-code",
            Purpose::SignInChallenge => "sign-in-challenge",
            Purpose::TotpSecretKey => "totp-secret-key",
            Purpose::NationalIdentifier => "national-identifier",
            Purpose::OidcState => "oidc-state",
            Purpose::OidcBrowser => "oidc-browser",
        }
    }
}

/// Keyed hashing of secrets with the server secret.
#[derive(Clone)]
pub struct SecretHasher {
    /// `HMAC-SHA-256(server_secret, KEY_LABEL)`: 32 bytes, zeroized on drop.
    key: SecretSlice<u8>,
}

impl fmt::Debug for SecretHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretHasher").field("key", &"[REDACTED]").finish()
    }
}

impl SecretHasher {
    /// A hasher keyed by `HMAC-SHA-256(server_secret, "dsr-desk/secret-hash/v1")`.
    ///
    /// Deriving the key (rather than using the configured secret as is) gives a fixed-size key
    /// whatever the secret's length, and lets the same server secret serve other purposes under
    /// other labels without their keys being related.
    pub fn new(server_secret: &str) -> Self {
        let mut mac = keyed_mac(server_secret.as_bytes());
        mac.update(KEY_LABEL);
        let mut derived = mac.finalize().into_bytes();
        let key = SecretSlice::from(derived.to_vec());
        derived.as_mut_slice().zeroize();
        SecretHasher { key }
    }

    /// HMAC-SHA-256 over purpose tag, a 0 byte separator and the value; 32 bytes.
    pub fn hash(&self, purpose: Purpose, value: &str) -> Vec<u8> {
        let mut mac = keyed_mac(self.key.expose_secret());
        mac.update(purpose.tag().as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// Constant-time comparison of `hash(purpose, value)` with `stored` (false for a stored hash of the
    /// wrong length).
    pub fn verify(&self, purpose: Purpose, value: &str, stored: &[u8]) -> bool {
        // `ct_eq` on slices of different lengths is false; the length of a hash is public anyway.
        bool::from(self.hash(purpose, value).as_slice().ct_eq(stored))
    }

    /// Hash a code bound to its request: `hash(VerificationCode, "{request_id}:{code}")`.
    ///
    /// Codes are short: binding them to the request id means a hash leaked from one request says
    /// nothing about another.
    pub fn hash_code(&self, request_id: i64, code: &str) -> Vec<u8> {
        self.hash(Purpose::VerificationCode, &code_input(request_id, code))
    }

    /// Constant-time check of `code` for request `request_id` against a hash from [`Self::hash_code`].
    pub fn verify_code(&self, request_id: i64, code: &str, stored: &[u8]) -> bool {
        self.verify(Purpose::VerificationCode, &code_input(request_id, code), stored)
    }
}

/// The value hashed for a code: `"{request_id}:{code}"`. A request id never contains ':', so the
/// split is unambiguous.
fn code_input(request_id: i64, code: &str) -> String {
    format!("{request_id}:{code}")
}

/// An HMAC-SHA-256 instance keyed with `key`.
///
/// `Hmac::new_from_slice` is documented never to fail but still returns a `Result`. Doing the key
/// preprocessing of RFC 2104 §2 here (hash a key longer than the 64-byte block, then zero-pad to
/// the block) yields a block-sized key, so construction has no error path at all and gives the
/// same MAC as `new_from_slice` (pinned by the known-answer tests).
pub(crate) fn keyed_mac(key: &[u8]) -> HmacSha256 {
    let mut block = Key::<HmacSha256>::default();
    if key.len() > block.len() {
        let mut digest = Sha256::digest(key);
        block[..digest.len()].copy_from_slice(&digest);
        digest.as_mut_slice().zeroize();
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mac = <HmacSha256 as KeyInit>::new(&block);
    block.as_mut_slice().zeroize();
    mac
}

/// A new URL-safe token: 32 random bytes from a CSPRNG seeded by the OS (`rand::rng()`), in base64url
/// without padding (43 chars).
pub fn new_token() -> String {
    // `rand::rng()` is a thread-local ChaCha12 CSPRNG seeded and periodically reseeded from the OS;
    // unlike `OsRng` it has no error to handle and costs no syscall per token.
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    bytes.zeroize();
    token
}

/// A new 6-digit code, uniform over 000000..=999999 (no modulo bias), zero-padded.
pub fn new_code() -> String {
    let mut rng = rand::rng();
    loop {
        // Rejection happens with probability 967_296 / 2^32 (about 0.02%) per draw.
        if let Some(n) = code_from_u32(rng.next_u32()) {
            return format!("{n:06}");
        }
    }
}

/// Maps a uniform `u32` to a uniform code number, or `None` when the draw must be rejected.
///
/// `x % 10^6` alone would favour the low 967_296 values (2^32 is not a multiple of 10^6), so draws
/// at or above the largest multiple of 10^6 that fits are thrown away.
fn code_from_u32(x: u32) -> Option<u32> {
    // 4_294_000_000: the draws below it cover every code exactly 4_294 times.
    const LIMIT: u32 = u32::MAX - u32::MAX % CODE_SPACE;
    if x < LIMIT { Some(x % CODE_SPACE) } else { None }
}

/// Cheap shape check used before any database lookup: exactly 43 base64url characters.
pub fn is_token_shaped(s: &str) -> bool {
    s.len() == TOKEN_CHARS && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Cheap shape check used before any database lookup: accepts "123456", " 123 456 ", "123-456"
/// (spaces and hyphens anywhere are dropped); returns the 6 ASCII digits, or `None` for anything
/// else (other characters, non-ASCII digits, too few or too many digits).
pub fn normalise_code(input: &str) -> Option<String> {
    let mut code = String::with_capacity(CODE_DIGITS);
    for c in input.chars() {
        match c {
            '0'..='9' if code.len() < CODE_DIGITS => code.push(c),
            ' ' | '\t' | '-' => {}
            _ => return None,
        }
    }
    (code.len() == CODE_DIGITS).then_some(code)
}

/// The stored state of one issued code/link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// When the email was sent.
    pub issued_at: DateTime<Utc>,
    /// First instant at which the link and code no longer work (`issued_at` + 24 h).
    pub expires_at: DateTime<Utc>,
    /// Wrong codes submitted so far.
    pub wrong_attempts: i32,
    /// When the link or code was accepted; each works once.
    pub used_at: Option<DateTime<Utc>>,
    /// When it was locked after too many wrong codes (or withdrawn by the desk).
    pub invalidated_at: Option<DateTime<Utc>>,
}

impl Issued {
    /// A fresh code/link issued at `now`, expiring [`CODE_VALIDITY_HOURS`] later.
    pub fn new(now: DateTime<Utc>) -> Self {
        let expires_at =
            now.checked_add_signed(TimeDelta::hours(CODE_VALIDITY_HOURS)).unwrap_or(DateTime::<Utc>::MAX_UTC);
        Issued { issued_at: now, expires_at, wrong_attempts: 0, used_at: None, invalidated_at: None }
    }
}

/// The outcome of one attempt with a code or link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// The code or link is right and still valid: the caller marks it used.
    Accepted,
    /// The code is wrong: the caller counts the attempt; with 0 left it also records the invalidation.
    Wrong {
        /// Wrong codes still allowed after this one.
        attempts_left: i32,
    },
    /// Too many wrong codes (or withdrawn): nothing works any more, not even the right code.
    Locked,
    /// Past its 24 hours.
    Expired,
    /// Already accepted once.
    Used,
}

/// Applies the rules to one attempt, given whether the submitted code matched, in this order:
/// - used → [`CodeCheck::Used`];
/// - invalidated (or `wrong_attempts >= MAX_WRONG_CODES`) → [`CodeCheck::Locked`];
/// - `now >= expires_at` → [`CodeCheck::Expired`];
/// - match → [`CodeCheck::Accepted`];
/// - else [`CodeCheck::Wrong`] with the attempts left after this one (0 left means it is now
///   locked: the caller records the invalidation).
///
/// A matching code after 5 wrong ones is still Locked.
pub fn check(issued: &Issued, now: DateTime<Utc>, matched: bool) -> CodeCheck {
    if issued.used_at.is_some() {
        CodeCheck::Used
    } else if issued.invalidated_at.is_some() || issued.wrong_attempts >= MAX_WRONG_CODES {
        CodeCheck::Locked
    } else if now >= issued.expires_at {
        CodeCheck::Expired
    } else if matched {
        CodeCheck::Accepted
    } else {
        // Clamped so a corrupt negative count never promises more than the cap allows.
        let attempts_left = MAX_WRONG_CODES.saturating_sub(issued.wrong_attempts.saturating_add(1));
        CodeCheck::Wrong { attempts_left: attempts_left.clamp(0, MAX_WRONG_CODES - 1) }
    }
}

/// Same for the link token (no attempt counting: a wrong token matches no row at all).
///
/// The link shares the code's state, so a code locked by wrong guesses also disables its link.
pub fn check_link(issued: &Issued, now: DateTime<Utc>) -> CodeCheck {
    check(issued, now, true)
}

/// Whether another code may be issued for a request that already got `issued_last_24h` codes in the
/// 24 hours before now.
pub fn may_issue(issued_last_24h: i64) -> bool {
    issued_last_24h < MAX_CODES_PER_DAY
}

#[cfg(test)]
mod tests;
