//! Objection webhooks in the Standard Webhooks 1.0 form: the signing key of an endpoint and the
//! signature of a delivery.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::Mac;
use secrecy::{ExposeSecret, SecretSlice};

/// The key an endpoint's signatures are made with, from a secret written `whsec_<base64>` (the
/// form Standard Webhooks libraries take; the prefix may be left out).
#[derive(Clone)]
pub struct SigningKey(SecretSlice<u8>);

impl PartialEq for SigningKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.expose_secret() == other.0.expose_secret()
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(..)")
    }
}

impl SigningKey {
    /// Reads a secret; the reason never quotes it.
    pub fn parse(secret: &str) -> Result<Self, String> {
        let encoded = secret.trim();
        let encoded = encoded.strip_prefix("whsec_").unwrap_or(encoded);
        let key = STANDARD
            .decode(encoded)
            .map_err(|_| "is not a Standard Webhooks secret (`whsec_` and base64)".to_owned())?;
        // The spec's range: shorter is guessable, longer gains nothing with SHA-256.
        if !(24..=64).contains(&key.len()) {
            return Err(format!("decodes to {} bytes; a signing secret has 24 to 64", key.len()));
        }
        Ok(Self(key.into()))
    }

    /// The `webhook-signature` header: `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &str) -> String {
        let mut mac = super::verification::keyed_mac(self.0.expose_secret());
        mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// The signing key of each configured endpoint, by register key and endpoint name.
#[derive(Debug, Clone, Default)]
pub struct WebhookKeys(std::collections::HashMap<(String, String), SigningKey>);

impl WebhookKeys {
    pub fn insert(&mut self, register: &str, endpoint: &str, key: SigningKey) {
        self.0.insert((register.to_owned(), endpoint.to_owned()), key);
    }

    pub fn get(&self, register: &str, endpoint: &str) -> Option<&SigningKey> {
        self.0.get(&(register.to_owned(), endpoint.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_as_the_reference_implementation_does() {
        // The test vector of the Standard Webhooks libraries.
        let key = SigningKey::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
        assert_eq!(
            key.sign(
                "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
                1649367553,
                r#"{"email":"test@example.com","username":"test_user"}"#
            ),
            "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="
        );
        let bare = SigningKey::parse("C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
        assert_eq!(bare, key);
    }

    #[test]
    fn a_secret_that_is_not_base64_or_too_short_is_refused_without_being_quoted() {
        let err = SigningKey::parse("whsec_not base64!").unwrap_err();
        assert!(!err.contains("not base64!"), "{err}");
        assert!(SigningKey::parse("whsec_c2hvcnQ=").unwrap_err().contains("5 bytes"));
        assert!(
            format!("{:?}", SigningKey::parse("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap())
                == "SigningKey(..)"
        );
    }
}
