//! A request that passed validation: the requester, and what is asked for by kind (stored as JSON
//! with the kind as its tag).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::contact::{Email, Phone, PostalAddress};
use crate::domain::vocab::{
    Language, ObjectionChannel, ObjectionPurpose, PortabilityFormat, RequestKind, RestrictionGround,
};

/// The validated requester. Not serialisable: personal data is stored in dedicated columns so
/// that it can be anonymised. Its `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Requester {
    /// Full name, cleaned and trimmed, 1–200 characters.
    pub name: String,
    /// The verified-to-be email address; a request entered by staff may have a postal address
    /// instead.
    pub email: Option<Email>,
    /// Where letters go when there is no email address (staff-entered requests only).
    pub postal_address: Option<PostalAddress>,
    /// Phone in E.164 form, if given.
    pub phone: Option<Phone>,
    /// Customer number, cleaned and trimmed, at most 64 characters, if given.
    pub customer_number: Option<String>,
}

impl Requester {
    /// Full name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Email address, if given.
    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }

    /// Postal address, if given.
    pub fn postal_address(&self) -> Option<&PostalAddress> {
        self.postal_address.as_ref()
    }

    /// Phone in E.164 form, if given.
    pub fn phone(&self) -> Option<&str> {
        self.phone.as_ref().map(Phone::as_str)
    }

    /// Customer number, if given.
    pub fn customer_number(&self) -> Option<&str> {
        self.customer_number.as_deref()
    }
}

impl fmt::Debug for Requester {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Requester")
            .field("name", &"<redacted>")
            .field("email", &self.email)
            .field("postal_address", &self.postal_address)
            .field("phone", &self.phone)
            .field("customer_number", &self.customer_number.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// What the request asks for, by kind; stored as JSON with the kind as the `kind` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestDetails {
    /// See the stored data; `scope` narrows it down.
    Inspection {
        /// What the requester wants to see, if said.
        scope: Option<String>,
    },
    /// Correct, delete or complete data.
    Correction {
        /// 1–20 items.
        items: Vec<CorrectionItem>,
    },
    /// Forbid processing for purposes over channels.
    Objection {
        /// Non-empty, without duplicates, in declaration order.
        purposes: Vec<ObjectionPurpose>,
        /// Non-empty, without duplicates, in declaration order.
        channels: Vec<ObjectionChannel>,
    },
    /// Erase or anonymise data.
    Erasure {
        /// What the requester wants erased, if said.
        scope: Option<String>,
    },
    /// Restrict processing (GDPR Art 18).
    Restriction {
        /// The grounds of Art 18(1) invoked: non-empty, without duplicates, in declaration order.
        grounds: Vec<RestrictionGround>,
        /// The requester's explanation (which data, why), if given.
        explanation: Option<String>,
    },
    /// Object to processing on grounds relating to the requester's particular situation
    /// (GDPR Art 21(1)); unlike an objection to direct marketing it takes effect only once decided.
    GeneralObjection {
        /// Which processing (purpose) is objected to.
        processing: String,
        /// The grounds relating to the requester's particular situation.
        situation: String,
    },
    /// Receive the data the requester provided in a machine-readable file (GDPR Art 20).
    Portability {
        /// What the requester wants, if said.
        scope: Option<String>,
        /// The format preferred, if any.
        format: Option<PortabilityFormat>,
        /// The controller to which the data should be transmitted directly (Art 20(2)), if any.
        receiving_controller: Option<String>,
    },
}

impl RequestDetails {
    /// The kind of request these details belong to.
    pub fn kind(&self) -> RequestKind {
        match self {
            RequestDetails::Inspection { .. } => RequestKind::Inspection,
            RequestDetails::Correction { .. } => RequestKind::Correction,
            RequestDetails::Objection { .. } => RequestKind::Objection,
            RequestDetails::Erasure { .. } => RequestKind::Erasure,
            RequestDetails::Restriction { .. } => RequestKind::Restriction,
            RequestDetails::GeneralObjection { .. } => RequestKind::GeneralObjection,
            RequestDetails::Portability { .. } => RequestKind::Portability,
        }
    }
}

/// One validated correction item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionItem {
    /// Which data, 1–200 characters.
    pub field: String,
    /// What is stored now, at most 2000 characters.
    pub current_value: Option<String>,
    /// What it should be, 1–2000 characters, different from `current_value`.
    pub corrected_value: String,
    /// Why, at most 2000 characters.
    pub reason: Option<String>,
}

/// A request that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRequest {
    /// Always `details.kind()`.
    pub kind: RequestKind,
    /// The language of emails and the answer.
    pub language: Language,
    /// Who asks.
    pub requester: Requester,
    /// What they ask for.
    pub details: RequestDetails,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Option<String> {
        Some(text.to_owned())
    }

    #[test]
    fn details_round_trip_through_json() {
        let all = [
            RequestDetails::Inspection { scope: s("orders") },
            RequestDetails::Inspection { scope: None },
            RequestDetails::Correction {
                items: vec![CorrectionItem {
                    field: "address".into(),
                    current_value: None,
                    corrected_value: "Uusi katu 2".into(),
                    reason: s("moved"),
                }],
            },
            RequestDetails::Objection {
                purposes: vec![ObjectionPurpose::DirectAdvertising, ObjectionPurpose::Genealogy],
                channels: vec![ObjectionChannel::Sms],
            },
            RequestDetails::Erasure { scope: s("all") },
            RequestDetails::Restriction {
                grounds: vec![RestrictionGround::AccuracyContested, RestrictionGround::ObjectionPending],
                explanation: s("my address"),
            },
            RequestDetails::GeneralObjection { processing: "profiling".into(), situation: "stalker".into() },
            RequestDetails::Portability {
                scope: None,
                format: Some(PortabilityFormat::Csv),
                receiving_controller: s("Other Shop Oy"),
            },
        ];
        for details in all {
            let json = serde_json::to_string(&details).unwrap();
            assert_eq!(serde_json::from_str::<RequestDetails>(&json).unwrap(), details, "{json}");
        }
        let json = serde_json::to_value(RequestDetails::Objection {
            purposes: vec![ObjectionPurpose::MarketResearch],
            channels: vec![ObjectionChannel::Post],
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "objection", "purposes": ["market_research"], "channels": ["post"]})
        );
        for (details, kind) in [
            (RequestDetails::Inspection { scope: None }, RequestKind::Inspection),
            (RequestDetails::Correction { items: vec![] }, RequestKind::Correction),
            (RequestDetails::Objection { purposes: vec![], channels: vec![] }, RequestKind::Objection),
            (RequestDetails::Erasure { scope: None }, RequestKind::Erasure),
            (RequestDetails::Restriction { grounds: vec![], explanation: None }, RequestKind::Restriction),
            (
                RequestDetails::GeneralObjection { processing: String::new(), situation: String::new() },
                RequestKind::GeneralObjection,
            ),
            (
                RequestDetails::Portability { scope: None, format: None, receiving_controller: None },
                RequestKind::Portability,
            ),
        ] {
            assert_eq!(details.kind(), kind);
            assert_eq!(serde_json::to_value(&details).unwrap()["kind"], kind.as_str());
        }
    }
}
