//! The second factor of password sign-in: time-based one-time passwords (TOTP, RFC 6238: SHA-1,
//! six digits, 30-second steps, one step of clock drift either way, each step accepted once), the
//! ten one-time recovery codes given at enrolment, and the encryption of the stored TOTP secret
//! (XChaCha20-Poly1305 under a key derived from the server secret: a copy of the database alone
//! does not give anyone's codes).

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::{Rng, RngCore};
use secrecy::zeroize::Zeroize;
use secrecy::{ExposeSecret, SecretSlice};

use super::verification::{Purpose, SecretHasher};

/// Seconds per TOTP step (RFC 6238's default; what every authenticator app assumes).
pub const STEP_SECS: u64 = 30;
/// Bytes of a new TOTP secret (160 bits, as RFC 4226 recommends).
const SECRET_BYTES: usize = 20;
/// Recovery codes given at enrolment.
pub const RECOVERY_CODES: usize = 10;
/// Characters of a recovery code, without its hyphen: 10 of a 32-letter alphabet, 50 bits.
const RECOVERY_CHARS: usize = 10;
/// Lower-case letters and digits without the look-alikes 0/o, 1/l/i.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
/// The label of the encryption key derived from the server secret. Stored secrets depend on it.
const KEY_LABEL: &str = "v1";
const NONCE_BYTES: usize = 24;

/// A TOTP secret in the clear (zeroized on drop); it exists only while a code is checked or the
/// enrolment page is drawn.
pub struct TotpSecret(SecretSlice<u8>);

impl TotpSecret {
    /// A new random secret.
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        TotpSecret(SecretSlice::from(bytes))
    }

    fn totp(&self, account: &str, issuer: &str) -> Result<totp_rs::Totp, totp_rs::TotpError> {
        totp_rs::Builder::new()
            .with_secret(self.0.expose_secret().to_vec())
            .with_account_name(account.replace(':', " "))
            .with_issuer(Some(issuer.replace(':', " ")))
            .build()
    }

    /// The secret as an authenticator app's "enter a key" field takes it: base32 in groups of four.
    pub fn base32_grouped(&self) -> String {
        let plain = totp_rs::Secret::from(self.0.expose_secret().to_vec()).to_base32();
        plain
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The `otpauth://totp/...` URI of the enrolment QR code.
    pub fn otpauth_uri(&self, account: &str, issuer: &str) -> Option<String> {
        self.totp(account, issuer).and_then(|t| t.to_url()).ok()
    }

    /// The code of the step that contains `unix_secs` (for tests and for the enrolment check).
    pub fn code_at(&self, unix_secs: u64) -> Option<String> {
        self.totp("", "").ok().map(|t| t.generate(unix_secs).to_string())
    }

    /// The step `code` belongs to, if it is the code of the step at `unix_secs` or of one step
    /// before or after it, and that step is later than `last_step` (a code is accepted once).
    pub fn accept(&self, code: &str, unix_secs: u64, last_step: Option<i64>) -> Option<i64> {
        let totp = self.totp("", "").ok()?;
        let step = i64::try_from(totp.check(code, unix_secs)?).ok()?;
        (last_step.is_none_or(|last| step > last)).then_some(step)
    }

    /// The secret encrypted for storage: a random nonce followed by the ciphertext and its tag.
    pub fn seal(&self, hasher: &SecretHasher) -> Option<Vec<u8>> {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher(hasher)?.encrypt(XNonce::from_slice(&nonce), self.0.expose_secret()).ok()?;
        Some([nonce.as_slice(), &sealed].concat())
    }

    /// A stored secret decrypted; `None` if it was not sealed under this server secret.
    pub fn open(hasher: &SecretHasher, stored: &[u8]) -> Option<Self> {
        if stored.len() <= NONCE_BYTES {
            return None;
        }
        let (nonce, sealed) = stored.split_at(NONCE_BYTES);
        let plain = cipher(hasher)?.decrypt(XNonce::from_slice(nonce), sealed).ok()?;
        Some(TotpSecret(SecretSlice::from(plain)))
    }
}

/// The cipher under the derived key (an HMAC-SHA-256 output: exactly the 32 bytes it takes).
fn cipher(hasher: &SecretHasher) -> Option<XChaCha20Poly1305> {
    let mut key = hasher.hash(Purpose::TotpSecretKey, KEY_LABEL);
    let cipher = XChaCha20Poly1305::new_from_slice(&key).ok();
    key.zeroize();
    cipher
}

/// New recovery codes, shown once (`abcde-fghjk`).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: String = (0..RECOVERY_CHARS)
                .map(|_| char::from(RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())]))
                .collect();
            format!("{}-{}", &chars[..RECOVERY_CHARS / 2], &chars[RECOVERY_CHARS / 2..])
        })
        .collect()
}

/// What was typed into the code field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactorInput {
    /// Six digits from the authenticator app.
    Totp(String),
    /// A recovery code, normalised (lower case, no hyphen or spaces).
    Recovery(String),
}

impl SecondFactorInput {
    /// Reads a code as people type it (spaces, hyphens, either case); `None` if it is neither.
    pub fn parse(input: &str) -> Option<Self> {
        let kept: String =
            input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_lowercase();
        if kept.len() == 6 && kept.bytes().all(|b| b.is_ascii_digit()) {
            return Some(SecondFactorInput::Totp(kept));
        }
        (kept.len() == RECOVERY_CHARS && kept.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
            .then_some(SecondFactorInput::Recovery(kept))
    }
}

/// The keyed hash a recovery code is stored as (of its normalised form).
pub fn recovery_code_hash(hasher: &SecretHasher, code: &str) -> Vec<u8> {
    let normalised: String = code.chars().filter(|c| *c != '-').collect();
    hasher.hash(Purpose::RecoveryCode, &normalised)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hasher() -> SecretHasher {
        SecretHasher::new("a server secret of at least thirty-two characters")
    }

    #[test]
    fn rfc_6238_test_vector() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", T = 59 s: 94287082 (8 digits);
        // its last six digits are the 6-digit code.
        let secret = TotpSecret(SecretSlice::from(b"12345678901234567890".to_vec()));
        assert_eq!(secret.code_at(59).as_deref(), Some("287082"));
        assert_eq!(secret.code_at(1_111_111_109).as_deref(), Some("081804"));
    }

    #[test]
    fn a_code_is_accepted_within_one_step_of_drift_and_only_once() {
        let secret = TotpSecret::generate();
        let now = 1_800_000_000;
        let code = secret.code_at(now).unwrap_or_default();
        let step = i64::try_from(now / STEP_SECS).unwrap_or_default();
        assert_eq!(secret.accept(&code, now, None), Some(step));
        assert_eq!(secret.accept(&code, now + STEP_SECS, None), Some(step), "one step late");
        assert_eq!(secret.accept(&code, now + 3 * STEP_SECS, None), None, "three steps late");
        assert_eq!(secret.accept(&code, now, Some(step)), None, "replayed");
        let next = secret.code_at(now + STEP_SECS).unwrap_or_default();
        assert_eq!(secret.accept(&next, now, Some(step)), Some(step + 1), "the next step's code");
        assert_eq!(secret.accept("000000", now, None).is_some(), code == "000000" || next == "000000");
    }

    #[test]
    fn sealed_secrets_open_only_under_the_same_server_secret() {
        let secret = TotpSecret::generate();
        let sealed = secret.seal(&hasher()).unwrap_or_default();
        assert!(!sealed.windows(SECRET_BYTES).any(|w| w == secret.0.expose_secret()));
        let opened = TotpSecret::open(&hasher(), &sealed).map(|s| s.0.expose_secret().to_vec());
        assert_eq!(opened.as_deref(), Some(secret.0.expose_secret()));
        let other = SecretHasher::new("another server secret of thirty-two characters or more");
        assert!(TotpSecret::open(&other, &sealed).is_none());
        let mut tampered = sealed.clone();
        if let Some(last) = tampered.last_mut() {
            *last ^= 1;
        }
        assert!(TotpSecret::open(&hasher(), &tampered).is_none());
        assert!(TotpSecret::open(&hasher(), &sealed[..NONCE_BYTES]).is_none());
    }

    #[test]
    fn the_enrolment_uri_names_issuer_account_and_secret() {
        let secret = TotpSecret::generate();
        let uri = secret.otpauth_uri("maija@example.fi", "dsr-desk").unwrap_or_default();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(&secret.base32_grouped().replace(' ', "")), "{uri}");
        assert!(uri.contains("issuer=dsr-desk"), "{uri}");
    }

    #[test]
    fn recovery_codes_are_distinct_readable_and_parse_back() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), RECOVERY_CHARS + 1);
            let typed = format!(" {} ", code.to_uppercase());
            assert_eq!(
                SecondFactorInput::parse(&typed),
                Some(SecondFactorInput::Recovery(code.replace('-', "")))
            );
            assert_eq!(
                recovery_code_hash(&hasher(), code),
                recovery_code_hash(&hasher(), &code.replace('-', ""))
            );
        }
    }

    #[test]
    fn codes_are_read_as_typed_and_anything_else_is_refused() {
        assert_eq!(SecondFactorInput::parse("123 456"), Some(SecondFactorInput::Totp("123456".into())));
        assert_eq!(SecondFactorInput::parse("123-456"), Some(SecondFactorInput::Totp("123456".into())));
        for bad in ["", "12345", "1234567", "abcde-fghi", "abcde-fghij0", "0bcde-fghjk", "१२३४५६"]
        {
            assert_eq!(SecondFactorInput::parse(bad), None, "{bad}");
        }
    }
}
