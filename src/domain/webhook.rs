//! Objection webhooks in the Standard Webhooks 1.0 form: the event a marketing system receives when
//! an objection to direct marketing takes effect or is lifted, its signature, and what an
//! endpoint's answer means for the delivery. Pure: the job in `jobs::webhooks` does the sending.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::Mac;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretSlice};
use serde::Serialize;

use super::vocab::{ObjectionChannel, ObjectionPurpose, WebhookEvent};

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

/// A new event id (`webhook-id`): the same for every endpoint and every attempt of one event, so
/// that a receiver can drop a repeat.
pub fn new_event_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    format!("msg_{}", hex::encode(bytes))
}

/// The JSON body of an objection event: the least a marketing system needs to honour it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: WebhookEvent,
    /// When the objection took effect or was lifted.
    pub timestamp: DateTime<Utc>,
    pub data: ObjectionData,
}

/// Who objected to what: the identifiers as the suppression API matches them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionData {
    pub register: String,
    /// The request's reference, as in the suppression API's answers.
    pub reference: String,
    /// The address lower-cased, an international domain in its ASCII form.
    pub email: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    pub purposes: Vec<ObjectionPurpose>,
    pub channels: Vec<ObjectionChannel>,
}

/// What an endpoint's HTTP status means for a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// 2xx.
    Delivered,
    /// 408, 429, 5xx and anything else unexpected: tried again later.
    Retry,
    /// Any other 4xx: the receiver refuses this event, and repeating it would not change that.
    Refused,
}

impl Verdict {
    pub fn of_status(status: u16) -> Self {
        match status {
            200..=299 => Verdict::Delivered,
            408 | 429 => Verdict::Retry,
            400..=499 => Verdict::Refused,
            _ => Verdict::Retry,
        }
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

    #[test]
    fn only_2xx_delivers_and_only_a_plain_4xx_is_final() {
        assert_eq!(Verdict::of_status(204), Verdict::Delivered);
        for retried in [408, 429, 500, 502, 503, 301, 101] {
            assert_eq!(Verdict::of_status(retried), Verdict::Retry, "{retried}");
        }
        for refused in [400, 401, 403, 404, 410, 413, 422] {
            assert_eq!(Verdict::of_status(refused), Verdict::Refused, "{refused}");
        }
    }

    #[test]
    fn event_ids_are_fresh_and_prefixed() {
        let (a, b) = (new_event_id(), new_event_id());
        assert!(a.starts_with("msg_") && a.len() == 36 && a != b);
    }

    #[test]
    fn the_event_serialises_in_the_documented_shape() {
        let event = Event {
            kind: WebhookEvent::ObjectionRecorded,
            timestamp: DateTime::<Utc>::from_timestamp(1_772_442_000, 0).unwrap(),
            data: ObjectionData {
                register: "jokkerit".into(),
                reference: "DSR-1".into(),
                email: Some("kalle@example.fi".into()),
                phone: None,
                purposes: vec![ObjectionPurpose::DirectAdvertising],
                channels: vec![ObjectionChannel::Email],
            },
        };
        assert_eq!(
            serde_json::to_value(&event).unwrap(),
            serde_json::json!({
                "type": "objection.recorded",
                "timestamp": "2026-03-02T09:00:00Z",
                "data": {"register": "jokkerit", "reference": "DSR-1", "email": "kalle@example.fi",
                    "phone": null, "purposes": ["direct_advertising"], "channels": ["email"]}
            })
        );
    }
}
