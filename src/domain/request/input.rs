//! A request exactly as received: the JSON body of `POST /api/v1/requests`, or the public and
//! staff forms read into the same shape. Nothing is checked here; [`super::validate()`] does that.

use serde::Deserialize;

/// A request exactly as received. Every field is optional so that each missing one is reported
/// as an [`Issue`](super::Issue); unknown fields (such as `register`, resolved by the caller) are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RequestInput {
    /// `inspection`, `correction`, `objection`, `erasure`, `restriction`, `general_objection` or
    /// `portability`.
    #[serde(default)]
    pub kind: Option<String>,
    /// `fi`, `sv`, `en` or `et`; the register's default when missing.
    #[serde(default)]
    pub language: Option<String>,
    /// Who asks.
    #[serde(default)]
    pub requester: Option<RequesterInput>,
    /// Inspection, erasure and portability: what the request covers.
    #[serde(default)]
    pub scope: Option<String>,
    /// Correction: what to correct.
    #[serde(default)]
    pub items: Option<Vec<CorrectionItemInput>>,
    /// Objection: the purposes objected to.
    #[serde(default)]
    pub purposes: Option<Vec<String>>,
    /// Objection: the channels objected to; all when missing or empty.
    #[serde(default)]
    pub channels: Option<Vec<String>>,
    /// Restriction: the grounds of GDPR Art 18(1) invoked.
    #[serde(default)]
    pub grounds: Option<Vec<String>>,
    /// Restriction: the requester's explanation (optional).
    #[serde(default)]
    pub explanation: Option<String>,
    /// General objection: the processing (purpose) objected to.
    #[serde(default)]
    pub processing: Option<String>,
    /// General objection: the grounds relating to the requester's particular situation.
    #[serde(default)]
    pub situation: Option<String>,
    /// Portability: the preferred format, `json` or `csv` (optional).
    #[serde(default)]
    pub format: Option<String>,
    /// Portability: the controller to transmit the data to directly (optional).
    #[serde(default)]
    pub receiving_controller: Option<String>,
}

/// The requester as received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RequesterInput {
    /// Full name (required).
    #[serde(default)]
    pub name: Option<String>,
    /// Email address (required).
    #[serde(default)]
    pub email: Option<String>,
    /// Phone number (optional, any common national or international notation).
    #[serde(default)]
    pub phone: Option<String>,
    /// The requester's customer number at the controller (optional).
    #[serde(default)]
    pub customer_number: Option<String>,
}

/// One correction item as received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct CorrectionItemInput {
    /// Which data is wrong, in the requester's words (required).
    #[serde(default)]
    pub field: Option<String>,
    /// What is stored now (optional).
    #[serde(default)]
    pub current_value: Option<String>,
    /// What it should be (required).
    #[serde(default)]
    pub corrected_value: Option<String>,
    /// Why (optional).
    #[serde(default)]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Option<String> {
        Some(text.to_owned())
    }

    #[test]
    fn deserialises_the_api_body() {
        let body = r#"{
            "register": "jaccara",
            "kind": "correction",
            "language": "fi",
            "requester": {"name": "Maija", "email": "maija@example.fi", "phone": "050 599 1101",
                          "customer_number": "12345", "extra": true},
            "scope": "everything",
            "items": [{"field": "address", "current_value": "A", "corrected_value": "B", "reason": "moved"},
                      {"field": "email"}],
            "purposes": ["direct_advertising"],
            "channels": ["email"],
            "unknown": {"nested": [1, 2, 3]}
        }"#;
        let input: RequestInput = serde_json::from_str(body).unwrap();
        assert_eq!(input.kind.as_deref(), Some("correction"));
        assert_eq!(input.language.as_deref(), Some("fi"));
        let requester = input.requester.as_ref().unwrap();
        assert_eq!(requester.phone.as_deref(), Some("050 599 1101"));
        assert_eq!(requester.customer_number.as_deref(), Some("12345"));
        let items = input.items.as_ref().unwrap();
        assert_eq!(items[0].reason.as_deref(), Some("moved"));
        assert_eq!(items[1], CorrectionItemInput { field: s("email"), ..CorrectionItemInput::default() });
        assert_eq!(input.purposes, Some(vec!["direct_advertising".to_owned()]));
        assert_eq!(input.channels, Some(vec!["email".to_owned()]));
        assert_eq!(input.scope.as_deref(), Some("everything"));

        let minimal: RequestInput = serde_json::from_str(r#"{"register": "jerone"}"#).unwrap();
        assert_eq!(minimal, RequestInput::default());
        let nulls: RequestInput =
            serde_json::from_str(r#"{"kind": null, "requester": {"phone": null}}"#).unwrap();
        assert_eq!(nulls.requester, Some(RequesterInput::default()));
    }
}
