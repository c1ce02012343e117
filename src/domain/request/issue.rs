//! Validation issues: which field is wrong and why, as a code that names its Fluent message and
//! arguments, and the collector that gathers every issue of one input.

use std::collections::HashSet;

use serde::Serialize;

/// One problem with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Issue {
    /// The field as named in the JSON body, e.g. `requester.email` or `items[0].field`.
    pub field: String,
    /// What is wrong with it.
    #[serde(flatten)]
    pub code: IssueCode,
}

impl Issue {
    /// An issue with `field`.
    pub fn new(field: impl Into<String>, code: IssueCode) -> Self {
        Self { field: field.into(), code }
    }
}

/// What is wrong with a field. Serialises as `{"code": "too_long", "max": 200}` and so on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum IssueCode {
    /// Missing or blank.
    Required,
    /// Longer than `max` characters.
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// Not one bare email address.
    InvalidEmail,
    /// Not a phone number that normalises to E.164.
    InvalidPhone,
    /// Not one of the request kinds.
    UnknownKind,
    /// Not one of the languages.
    UnknownLanguage,
    /// Not one of the objection purposes.
    UnknownPurpose {
        /// The value given (at most 40 characters of it).
        value: String,
    },
    /// A known purpose that this register does not offer.
    PurposeNotOffered {
        /// The purpose's wire name.
        value: String,
    },
    /// Not one of the channels.
    UnknownChannel {
        /// The value given (at most 40 characters of it).
        value: String,
    },
    /// An objection without any purpose.
    NoPurpose,
    /// A correction without any item.
    NoItems,
    /// More than `max` correction items.
    TooManyItems {
        /// The limit.
        max: usize,
    },
    /// The corrected value is the current value.
    NothingToCorrect,
    /// Not one of the grounds of GDPR Art 18(1).
    UnknownGround {
        /// The value given (at most 40 characters of it).
        value: String,
    },
    /// A restriction without any ground.
    NoGround,
    /// Neither an email address nor a postal address (a request entered by staff needs one).
    EmailOrPostalAddress,
    /// Not a postal address of 2–6 lines without control characters.
    InvalidPostalAddress,
    /// Not one of the portability formats.
    UnknownFormat {
        /// The value given (at most 40 characters of it).
        value: String,
    },
}

impl IssueCode {
    /// The Fluent message key.
    pub fn message_key(&self) -> &'static str {
        match self {
            IssueCode::Required => "error-required",
            IssueCode::TooLong { .. } => "error-too-long",
            IssueCode::InvalidEmail => "error-invalid-email",
            IssueCode::InvalidPhone => "error-invalid-phone",
            IssueCode::UnknownKind => "error-unknown-kind",
            IssueCode::UnknownLanguage => "error-unknown-language",
            IssueCode::UnknownPurpose { .. } => "error-unknown-purpose",
            IssueCode::PurposeNotOffered { .. } => "error-purpose-not-offered",
            IssueCode::UnknownChannel { .. } => "error-unknown-channel",
            IssueCode::NoPurpose => "error-no-purpose",
            IssueCode::NoItems => "error-no-items",
            IssueCode::TooManyItems { .. } => "error-too-many-items",
            IssueCode::NothingToCorrect => "error-nothing-to-correct",
            IssueCode::UnknownGround { .. } => "error-unknown-ground",
            IssueCode::NoGround => "error-no-ground",
            IssueCode::UnknownFormat { .. } => "error-unknown-format",
            IssueCode::EmailOrPostalAddress => "error-email-or-postal-address",
            IssueCode::InvalidPostalAddress => "error-invalid-postal-address",
        }
    }

    /// The Fluent message arguments: `max` for limits, `value` for unknown or unoffered values.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            IssueCode::TooLong { max } | IssueCode::TooManyItems { max } => vec![("max", max.to_string())],
            IssueCode::UnknownPurpose { value }
            | IssueCode::PurposeNotOffered { value }
            | IssueCode::UnknownChannel { value }
            | IssueCode::UnknownGround { value }
            | IssueCode::UnknownFormat { value } => vec![("value", value.clone())],
            IssueCode::Required
            | IssueCode::InvalidEmail
            | IssueCode::InvalidPhone
            | IssueCode::UnknownKind
            | IssueCode::UnknownLanguage
            | IssueCode::NoPurpose
            | IssueCode::NoItems
            | IssueCode::NothingToCorrect
            | IssueCode::NoGround
            | IssueCode::EmailOrPostalAddress
            | IssueCode::InvalidPostalAddress => Vec::new(),
        }
    }
}

/// Collects issues in the order found, dropping exact duplicates (e.g. the same unknown purpose
/// twice); the set keeps that linear however long a hostile list is.
#[derive(Default)]
pub(super) struct Issues(Vec<Issue>, HashSet<Issue>);

impl Issues {
    pub(super) fn push(&mut self, field: impl Into<String>, code: IssueCode) {
        let issue = Issue::new(field, code);
        if self.1.insert(issue.clone()) {
            self.0.push(issue);
        }
    }

    /// Whether no issue was found.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The issues, in the order found.
    pub(super) fn into_vec(self) -> Vec<Issue> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_issue_code_has_its_key_and_args() {
        let v = |t: &str| t.to_owned();
        type Args = Vec<(&'static str, String)>;
        let cases: Vec<(IssueCode, &str, Args)> = vec![
            (IssueCode::Required, "error-required", vec![]),
            (IssueCode::TooLong { max: 200 }, "error-too-long", vec![("max", v("200"))]),
            (IssueCode::InvalidEmail, "error-invalid-email", vec![]),
            (IssueCode::InvalidPhone, "error-invalid-phone", vec![]),
            (IssueCode::UnknownKind, "error-unknown-kind", vec![]),
            (IssueCode::UnknownLanguage, "error-unknown-language", vec![]),
            (
                IssueCode::UnknownPurpose { value: v("spam") },
                "error-unknown-purpose",
                vec![("value", v("spam"))],
            ),
            (
                IssueCode::PurposeNotOffered { value: v("genealogy") },
                "error-purpose-not-offered",
                vec![("value", v("genealogy"))],
            ),
            (
                IssueCode::UnknownChannel { value: v("fax") },
                "error-unknown-channel",
                vec![("value", v("fax"))],
            ),
            (IssueCode::NoPurpose, "error-no-purpose", vec![]),
            (IssueCode::NoItems, "error-no-items", vec![]),
            (IssueCode::TooManyItems { max: 20 }, "error-too-many-items", vec![("max", v("20"))]),
            (IssueCode::NothingToCorrect, "error-nothing-to-correct", vec![]),
            (
                IssueCode::UnknownGround { value: v("whim") },
                "error-unknown-ground",
                vec![("value", v("whim"))],
            ),
            (IssueCode::NoGround, "error-no-ground", vec![]),
            (IssueCode::UnknownFormat { value: v("xml") }, "error-unknown-format", vec![("value", v("xml"))]),
            (IssueCode::EmailOrPostalAddress, "error-email-or-postal-address", vec![]),
            (IssueCode::InvalidPostalAddress, "error-invalid-postal-address", vec![]),
        ];
        for (code, key, args) in cases {
            assert_eq!(code.message_key(), key);
            assert_eq!(code.args(), args, "{key}");
        }
    }

    #[test]
    fn issues_serialise_flat() {
        let issue = Issue::new("requester.name", IssueCode::TooLong { max: 200 });
        assert_eq!(
            serde_json::to_value(&issue).unwrap(),
            serde_json::json!({"field": "requester.name", "code": "too_long", "max": 200})
        );
        let issue = Issue::new("kind", IssueCode::Required);
        assert_eq!(
            serde_json::to_value(&issue).unwrap(),
            serde_json::json!({"field": "kind", "code": "required"})
        );
    }
}
