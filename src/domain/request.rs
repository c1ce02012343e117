//! A data-subject request as it arrives (the JSON body of `POST /api/v1/requests` or the public
//! form) and its validation into a [`ValidRequest`].
//!
//! Validation is pure: it takes the raw input, the objection purposes the register offers, the
//! register's default country calling code and default language, and returns either a
//! [`ValidRequest`] or **every** [`Issue`] found, each naming the field as written in the JSON
//! body (`requester.email`, `items[2].corrected_value`, ...) and carrying an [`IssueCode`] whose
//! [`IssueCode::message_key`] is a Fluent key and whose [`IssueCode::args`] are its arguments.
//!
//! Free text is cleaned before it is measured: control characters other than `\n` and `\t` are
//! removed (single-line fields turn `\n` and `\t` into spaces), then the text is trimmed; lengths
//! count characters, not bytes. Fields that belong to another kind of request are ignored.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::contact::{Email, EmailError};
use super::vocab::{Language, ObjectionChannel, ObjectionPurpose, RequestKind};

/// Longest requester name, in characters.
pub const MAX_NAME: usize = 200;
/// Longest email address, in characters (as enforced by [`Email::parse`]).
pub const MAX_EMAIL: usize = 254;
/// Longest customer number, in characters.
pub const MAX_CUSTOMER_NUMBER: usize = 64;
/// Longest scope text of an inspection or erasure request, in characters.
pub const MAX_SCOPE: usize = 5000;
/// Most correction items in one request.
pub const MAX_ITEMS: usize = 20;
/// Longest name of the field to be corrected, in characters.
pub const MAX_ITEM_FIELD: usize = 200;
/// Longest current value, corrected value or reason of a correction item, in characters.
pub const MAX_ITEM_TEXT: usize = 2000;

/// Longest raw phone input looked at; anything longer cannot be a phone number.
const MAX_PHONE_INPUT: usize = 64;
/// Longest echoed unknown purpose or channel, in characters.
const MAX_ECHO: usize = 40;

// ---------------------------------------------------------------------------------------------
// Phone
// ---------------------------------------------------------------------------------------------

/// A phone number in E.164 form: `+` followed by 8–15 digits, the country calling code included
/// (for example `+358505991101`). Its `Debug` is redacted, like [`Email`]'s.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

/// Why a text is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing but whitespace and separators.
    #[error("is required")]
    Empty,
    /// Letters or other characters that are neither digits nor separators.
    #[error("contains characters that are not digits")]
    InvalidCharacters,
    /// A national number without a trunk `0` where the default country has a trunk prefix, or a
    /// country code that starts with 0.
    #[error("has no country code")]
    MissingCountryCode,
    /// Fewer than 8 or more than 15 digits in all.
    #[error("has too few or too many digits")]
    WrongLength,
}

impl Phone {
    /// Normalises `raw` to E.164.
    ///
    /// Spaces (any whitespace), dashes, dots and parentheses are removed, as is a `(0)` written
    /// after an international prefix (`+358 (0)50 ...`). Then:
    /// - `+CC...` is kept;
    /// - `00CC...` becomes `+CC...`;
    /// - a single leading `0` is the national trunk prefix: with a default country that has one
    ///   (Finland, `"358"`) it becomes `+<default>` and the rest; Estonia (`"372"`) has no trunk
    ///   prefix, so there a leading `0` can only be a Finnish national number and becomes `+358`;
    /// - digits without a leading `0` or `+` are a national number of a country without a trunk
    ///   prefix: with the default `"372"` they become `+372...`; elsewhere they are rejected as
    ///   ambiguous (they may be an international number missing its `+`).
    ///
    /// The result must have 8–15 digits in all, the first not `0`.
    pub fn parse(raw: &str, default_country_code: &str) -> Result<Phone, PhoneError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        if trimmed.chars().count() > MAX_PHONE_INPUT {
            return Err(PhoneError::WrongLength);
        }
        let mut compact: String =
            trimmed.chars().filter(|c| !(c.is_whitespace() || matches!(c, '-' | '.'))).collect();
        if compact.starts_with('+') || compact.starts_with("00") {
            compact = compact.replacen("(0)", "", 1);
        }
        let compact: String = compact.chars().filter(|c| !matches!(c, '(' | ')')).collect();
        if compact.is_empty() {
            return Err(PhoneError::Empty);
        }

        let digits = if let Some(rest) = compact.strip_prefix('+') {
            rest.to_owned()
        } else if let Some(rest) = compact.strip_prefix("00") {
            rest.to_owned()
        } else if let Some(rest) = compact.strip_prefix('0') {
            let country = if default_country_code == "372" { "358" } else { default_country_code };
            format!("{country}{rest}")
        } else if default_country_code == "372" {
            format!("372{compact}")
        } else {
            // Reject letters first: "abc" is invalid, not merely missing its country code.
            if !compact.chars().all(|c| c.is_ascii_digit()) {
                return Err(PhoneError::InvalidCharacters);
            }
            return Err(PhoneError::MissingCountryCode);
        };

        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PhoneError::InvalidCharacters);
        }
        if digits.is_empty() || digits.starts_with('0') {
            return Err(PhoneError::MissingCountryCode);
        }
        if !(8..=15).contains(&digits.len()) {
            return Err(PhoneError::WrongLength);
        }
        Ok(Phone(format!("+{digits}")))
    }

    /// The number in E.164 form, e.g. `+358505991101`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Phone(<redacted>)")
    }
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

/// A request exactly as received. Every field is optional so that each missing one is reported
/// as an [`Issue`]; unknown fields (such as `register`, resolved by the caller) are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RequestInput {
    /// `inspection`, `correction`, `objection` or `erasure`.
    #[serde(default)]
    pub kind: Option<String>,
    /// `fi`, `sv`, `en` or `et`; the register's default when missing.
    #[serde(default)]
    pub language: Option<String>,
    /// Who asks.
    #[serde(default)]
    pub requester: Option<RequesterInput>,
    /// Inspection and erasure: what the request covers.
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

// ---------------------------------------------------------------------------------------------
// Validated request
// ---------------------------------------------------------------------------------------------

/// The validated requester. Not serialisable: personal data is stored in dedicated columns so
/// that it can be anonymised. Its `Debug` is redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Requester {
    /// Full name, cleaned and trimmed, 1–200 characters.
    pub name: String,
    /// The verified-to-be email address.
    pub email: Email,
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

    /// Email address.
    pub fn email(&self) -> &Email {
        &self.email
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
}

impl RequestDetails {
    /// The kind of request these details belong to.
    pub fn kind(&self) -> RequestKind {
        match self {
            RequestDetails::Inspection { .. } => RequestKind::Inspection,
            RequestDetails::Correction { .. } => RequestKind::Correction,
            RequestDetails::Objection { .. } => RequestKind::Objection,
            RequestDetails::Erasure { .. } => RequestKind::Erasure,
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

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

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
        }
    }

    /// The Fluent message arguments: `max` for limits, `value` for unknown or unoffered values.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            IssueCode::TooLong { max } | IssueCode::TooManyItems { max } => vec![("max", max.to_string())],
            IssueCode::UnknownPurpose { value }
            | IssueCode::PurposeNotOffered { value }
            | IssueCode::UnknownChannel { value } => vec![("value", value.clone())],
            IssueCode::Required
            | IssueCode::InvalidEmail
            | IssueCode::InvalidPhone
            | IssueCode::UnknownKind
            | IssueCode::UnknownLanguage
            | IssueCode::NoPurpose
            | IssueCode::NoItems
            | IssueCode::NothingToCorrect => Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// Validates `input` against the register's `offered_purposes`, its default country calling code
/// (`"358"` or `"372"`, for phone numbers written nationally) and its default language.
///
/// Returns every issue found, in field order, when there is any.
pub fn validate(
    input: &RequestInput,
    offered_purposes: &[ObjectionPurpose],
    default_country_code: &str,
    default_language: Language,
) -> Result<ValidRequest, Vec<Issue>> {
    let mut issues = Issues::default();

    let kind = match input.kind.as_deref().map(str::trim) {
        None | Some("") => {
            issues.push("kind", IssueCode::Required);
            None
        }
        Some(raw) => raw.parse::<RequestKind>().map_err(|_| issues.push("kind", IssueCode::UnknownKind)).ok(),
    };

    let language = match input.language.as_deref().map(str::trim) {
        None | Some("") => Some(default_language),
        Some(raw) => {
            raw.parse::<Language>().map_err(|_| issues.push("language", IssueCode::UnknownLanguage)).ok()
        }
    };

    let requester = validate_requester(input.requester.as_ref(), default_country_code, &mut issues);

    let details = match kind {
        None => None,
        Some(RequestKind::Inspection) => {
            free_text(&mut issues, "scope", input.scope.as_deref(), MAX_SCOPE, Lines::Multi, Need::Optional)
                .map(|scope| RequestDetails::Inspection { scope })
        }
        Some(RequestKind::Erasure) => {
            free_text(&mut issues, "scope", input.scope.as_deref(), MAX_SCOPE, Lines::Multi, Need::Optional)
                .map(|scope| RequestDetails::Erasure { scope })
        }
        Some(RequestKind::Correction) => validate_items(input.items.as_deref(), &mut issues)
            .map(|items| RequestDetails::Correction { items }),
        Some(RequestKind::Objection) => {
            let purposes = validate_purposes(input.purposes.as_deref(), offered_purposes, &mut issues);
            let channels = validate_channels(input.channels.as_deref(), &mut issues);
            match (purposes, channels) {
                (Some(purposes), Some(channels)) => Some(RequestDetails::Objection { purposes, channels }),
                _ => None,
            }
        }
    };

    match (issues.0.is_empty(), language, requester, details) {
        (true, Some(language), Some(requester), Some(details)) => {
            Ok(ValidRequest { kind: details.kind(), language, requester, details })
        }
        _ => Err(issues.0),
    }
}

/// Collects issues in the order found, dropping exact duplicates (e.g. the same unknown purpose
/// twice); the set keeps that linear however long a hostile list is.
#[derive(Default)]
struct Issues(Vec<Issue>, HashSet<Issue>);

impl Issues {
    fn push(&mut self, field: impl Into<String>, code: IssueCode) {
        let issue = Issue::new(field, code);
        if self.1.insert(issue.clone()) {
            self.0.push(issue);
        }
    }
}

/// Whether a text may span lines.
#[derive(Clone, Copy)]
enum Lines {
    Single,
    Multi,
}

/// Whether a text must be given.
#[derive(Clone, Copy, PartialEq)]
enum Need {
    Required,
    Optional,
}

/// Removes control characters other than `\n` and `\t` (which become spaces in single-line text),
/// then trims.
fn clean(raw: &str, lines: Lines) -> String {
    let cleaned: String = raw
        .chars()
        .filter_map(|c| match (c, lines) {
            ('\n' | '\t', Lines::Single) => Some(' '),
            ('\n' | '\t', Lines::Multi) => Some(c),
            (c, _) if c.is_control() => None,
            (c, _) => Some(c),
        })
        .collect();
    cleaned.trim().to_owned()
}

/// Cleans and checks one text field. `None` means the field has an issue (pushed);
/// `Some(None)` means an optional field left blank.
fn free_text(
    issues: &mut Issues,
    field: &str,
    raw: Option<&str>,
    max: usize,
    lines: Lines,
    need: Need,
) -> Option<Option<String>> {
    let text = raw.map(|raw| clean(raw, lines)).filter(|text| !text.is_empty());
    match text {
        None if need == Need::Required => {
            issues.push(field, IssueCode::Required);
            None
        }
        None => Some(None),
        Some(text) if text.chars().count() > max => {
            issues.push(field, IssueCode::TooLong { max });
            None
        }
        Some(text) => Some(Some(text)),
    }
}

/// Like [`free_text`] for a required field: `None` means an issue was pushed.
fn required_text(
    issues: &mut Issues,
    field: &str,
    raw: Option<&str>,
    max: usize,
    lines: Lines,
) -> Option<String> {
    free_text(issues, field, raw, max, lines, Need::Required).flatten()
}

fn validate_requester(
    input: Option<&RequesterInput>,
    default_country_code: &str,
    issues: &mut Issues,
) -> Option<Requester> {
    let empty = RequesterInput::default();
    let input = input.unwrap_or(&empty);

    let name = required_text(issues, "requester.name", input.name.as_deref(), MAX_NAME, Lines::Single);

    let email = match Email::parse(input.email.as_deref().unwrap_or("")) {
        Ok(email) => Some(email),
        Err(err) => {
            let code = match err {
                EmailError::Empty => IssueCode::Required,
                EmailError::TooLong => IssueCode::TooLong { max: MAX_EMAIL },
                EmailError::Invalid => IssueCode::InvalidEmail,
            };
            issues.push("requester.email", code);
            None
        }
    };

    let phone = match input.phone.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(raw) => match Phone::parse(raw, default_country_code) {
            Ok(phone) => Some(Some(phone)),
            Err(_) => {
                issues.push("requester.phone", IssueCode::InvalidPhone);
                None
            }
        },
    };

    let customer_number = free_text(
        issues,
        "requester.customer_number",
        input.customer_number.as_deref(),
        MAX_CUSTOMER_NUMBER,
        Lines::Single,
        Need::Optional,
    );

    Some(Requester { name: name?, email: email?, phone: phone?, customer_number: customer_number? })
}

fn validate_items(input: Option<&[CorrectionItemInput]>, issues: &mut Issues) -> Option<Vec<CorrectionItem>> {
    let items = input.unwrap_or_default();
    if items.is_empty() {
        issues.push("items", IssueCode::NoItems);
        return None;
    }
    let mut ok = true;
    if items.len() > MAX_ITEMS {
        issues.push("items", IssueCode::TooManyItems { max: MAX_ITEMS });
        ok = false;
    }
    let mut valid = Vec::with_capacity(items.len().min(MAX_ITEMS));
    // Past the limit the request is rejected anyway; the first MAX_ITEMS are still checked so
    // that the requester sees their other mistakes, and the work stays bounded.
    for (i, item) in items.iter().take(MAX_ITEMS).enumerate() {
        match validate_item(i, item, issues) {
            Some(item) => valid.push(item),
            None => ok = false,
        }
    }
    ok.then_some(valid)
}

fn validate_item(i: usize, item: &CorrectionItemInput, issues: &mut Issues) -> Option<CorrectionItem> {
    let name = |f: &str| format!("items[{i}].{f}");
    let field = required_text(issues, &name("field"), item.field.as_deref(), MAX_ITEM_FIELD, Lines::Single);
    let current_value = free_text(
        issues,
        &name("current_value"),
        item.current_value.as_deref(),
        MAX_ITEM_TEXT,
        Lines::Multi,
        Need::Optional,
    );
    let corrected_value = required_text(
        issues,
        &name("corrected_value"),
        item.corrected_value.as_deref(),
        MAX_ITEM_TEXT,
        Lines::Multi,
    );
    let reason = free_text(
        issues,
        &name("reason"),
        item.reason.as_deref(),
        MAX_ITEM_TEXT,
        Lines::Multi,
        Need::Optional,
    );

    if let (Some(Some(current)), Some(corrected)) = (&current_value, &corrected_value)
        && current == corrected
    {
        issues.push(name("corrected_value"), IssueCode::NothingToCorrect);
        return None;
    }
    Some(CorrectionItem {
        field: field?,
        current_value: current_value?,
        corrected_value: corrected_value?,
        reason: reason?,
    })
}

/// The first characters of an unknown value, cleaned, for echoing it back in a message.
fn echo(raw: &str) -> String {
    clean(raw, Lines::Single).chars().take(MAX_ECHO).collect()
}

fn validate_purposes(
    input: Option<&[String]>,
    offered: &[ObjectionPurpose],
    issues: &mut Issues,
) -> Option<Vec<ObjectionPurpose>> {
    let mut ok = true;
    let mut purposes = Vec::new();
    let mut any = false;
    for raw in input.unwrap_or_default().iter().map(|raw| raw.trim()).filter(|raw| !raw.is_empty()) {
        any = true;
        match raw.parse::<ObjectionPurpose>() {
            Ok(purpose) if offered.contains(&purpose) => purposes.push(purpose),
            Ok(purpose) => {
                issues.push("purposes", IssueCode::PurposeNotOffered { value: purpose.as_str().to_owned() });
                ok = false;
            }
            Err(_) => {
                issues.push("purposes", IssueCode::UnknownPurpose { value: echo(raw) });
                ok = false;
            }
        }
    }
    if !any {
        issues.push("purposes", IssueCode::NoPurpose);
        return None;
    }
    purposes.sort_unstable();
    purposes.dedup();
    ok.then_some(purposes)
}

fn validate_channels(input: Option<&[String]>, issues: &mut Issues) -> Option<Vec<ObjectionChannel>> {
    let mut ok = true;
    let mut channels = Vec::new();
    for raw in input.unwrap_or_default().iter().map(|raw| raw.trim()).filter(|raw| !raw.is_empty()) {
        match raw.parse::<ObjectionChannel>() {
            Ok(channel) => channels.push(channel),
            Err(_) => {
                issues.push("channels", IssueCode::UnknownChannel { value: echo(raw) });
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    if channels.is_empty() {
        return Some(ObjectionChannel::ALL.to_vec());
    }
    channels.sort_unstable();
    channels.dedup();
    Some(channels)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const ALL_PURPOSES: &[ObjectionPurpose] = ObjectionPurpose::ALL;

    fn s(text: &str) -> Option<String> {
        Some(text.to_owned())
    }

    fn requester() -> RequesterInput {
        RequesterInput {
            name: s("Matti Meikäläinen"),
            email: s("matti@example.fi"),
            phone: None,
            customer_number: None,
        }
    }

    fn input(kind: &str) -> RequestInput {
        RequestInput { kind: s(kind), requester: Some(requester()), ..RequestInput::default() }
    }

    fn item(field: &str, current: Option<&str>, corrected: &str) -> CorrectionItemInput {
        CorrectionItemInput {
            field: s(field),
            current_value: current.map(str::to_owned),
            corrected_value: s(corrected),
            reason: None,
        }
    }

    fn ok(input: &RequestInput) -> ValidRequest {
        validate(input, ALL_PURPOSES, "358", Language::Fi).unwrap()
    }

    fn errs(input: &RequestInput) -> Vec<Issue> {
        validate(input, ALL_PURPOSES, "358", Language::Fi).unwrap_err()
    }

    fn only(input: &RequestInput, field: &str, code: IssueCode) {
        assert_eq!(errs(input), vec![Issue::new(field, code)]);
    }

    // --- Phone -------------------------------------------------------------------------------

    #[test]
    fn finnish_notations_normalise_to_one_number() {
        for raw in ["050 599 1101", "+358 50 599 1101", "00358505991101", "(050) 599-1101", "050.599.1101"] {
            assert_eq!(Phone::parse(raw, "358").unwrap().as_str(), "+358505991101", "{raw}");
        }
        assert_eq!(Phone::parse("+358 (0)50 599 1101", "358").unwrap().as_str(), "+358505991101");
        assert_eq!(Phone::parse("03-7625000", "358").unwrap().as_str(), "+35837625000");
    }

    #[test]
    fn estonian_national_numbers_have_no_trunk_prefix() {
        assert_eq!(Phone::parse("5123 4567", "372").unwrap().as_str(), "+37251234567");
        assert_eq!(Phone::parse("+372 5123 4567", "372").unwrap().as_str(), "+37251234567");
        assert_eq!(Phone::parse("00372 5123 4567", "358").unwrap().as_str(), "+37251234567");
        // A trunk 0 is Finnish even on an Estonian form.
        assert_eq!(Phone::parse("050 599 1101", "372").unwrap().as_str(), "+358505991101");
    }

    #[test]
    fn phone_rejects_what_is_not_a_number() {
        assert_eq!(Phone::parse("   ", "358"), Err(PhoneError::Empty));
        assert_eq!(Phone::parse("-- ()", "358"), Err(PhoneError::Empty));
        assert_eq!(Phone::parse("050 CALL ME", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("abc", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("+358 50 +599", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("050 599 1101 ext 5", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("٠٥٠٥٩٩١١٠١", "358"), Err(PhoneError::InvalidCharacters));
        assert_eq!(Phone::parse("505991101", "358"), Err(PhoneError::MissingCountryCode));
        assert_eq!(Phone::parse("+0505991101", "358"), Err(PhoneError::MissingCountryCode));
        assert_eq!(Phone::parse("000505991101", "358"), Err(PhoneError::MissingCountryCode));
        assert_eq!(Phone::parse("+", "358"), Err(PhoneError::MissingCountryCode));
        assert_eq!(Phone::parse("01234", "358"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse("+3585", "358"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse("+3585059911011234", "358"), Err(PhoneError::WrongLength));
        assert_eq!(Phone::parse(&"1".repeat(100), "372"), Err(PhoneError::WrongLength));
        // Exactly the E.164 bounds: 8 and 15 digits.
        assert_eq!(Phone::parse("+12345678", "358").unwrap().as_str(), "+12345678");
        assert_eq!(Phone::parse("+123456789012345", "358").unwrap().as_str(), "+123456789012345");
    }

    #[test]
    fn phone_debug_is_redacted() {
        let phone = Phone::parse("050 599 1101", "358").unwrap();
        assert_eq!(format!("{phone:?}"), "Phone(<redacted>)");
    }

    // --- Valid requests of each kind ------------------------------------------------------------

    #[test]
    fn valid_inspection() {
        let mut req = input("inspection");
        req.language = s("sv");
        req.scope = s("  Order history\r\nand newsletter data\u{7}  ");
        req.requester = Some(RequesterInput {
            name: s("  Matti\tMeikäläinen "),
            email: s(" matti@Example.FI "),
            phone: s("050 599 1101"),
            customer_number: s(" C-1234 "),
        });
        let valid = ok(&req);
        assert_eq!(valid.kind, RequestKind::Inspection);
        assert_eq!(valid.language, Language::Sv);
        assert_eq!(valid.requester.name(), "Matti Meikäläinen");
        assert_eq!(valid.requester.email().as_str(), "matti@example.fi");
        assert_eq!(valid.requester.phone(), Some("+358505991101"));
        assert_eq!(valid.requester.customer_number(), Some("C-1234"));
        assert_eq!(
            valid.details,
            RequestDetails::Inspection { scope: s("Order history\nand newsletter data") }
        );
    }

    #[test]
    fn valid_correction() {
        let mut req = input("correction");
        req.items = Some(vec![
            CorrectionItemInput {
                field: s("address"),
                current_value: s("Vanha katu 1"),
                corrected_value: s("Uusi katu 2"),
                reason: s("moved"),
            },
            item("phone", None, "050 1234567"),
        ]);
        let valid = ok(&req);
        assert_eq!(valid.kind, RequestKind::Correction);
        assert_eq!(valid.language, Language::Fi);
        assert_eq!(
            valid.details,
            RequestDetails::Correction {
                items: vec![
                    CorrectionItem {
                        field: "address".into(),
                        current_value: s("Vanha katu 1"),
                        corrected_value: "Uusi katu 2".into(),
                        reason: s("moved"),
                    },
                    CorrectionItem {
                        field: "phone".into(),
                        current_value: None,
                        corrected_value: "050 1234567".into(),
                        reason: None,
                    },
                ]
            }
        );
    }

    #[test]
    fn valid_objection_dedups_sorts_and_defaults_channels() {
        let mut req = input("objection");
        req.purposes =
            Some(vec!["market_research".into(), "direct_advertising".into(), "market_research".into()]);
        let valid = ok(&req);
        assert_eq!(valid.kind, RequestKind::Objection);
        assert_eq!(
            valid.details,
            RequestDetails::Objection {
                purposes: vec![ObjectionPurpose::DirectAdvertising, ObjectionPurpose::MarketResearch],
                channels: ObjectionChannel::ALL.to_vec(),
            }
        );

        req.channels = Some(vec!["sms".into(), " email ".into(), "sms".into()]);
        let RequestDetails::Objection { channels, .. } = ok(&req).details else { panic!("not an objection") };
        assert_eq!(channels, vec![ObjectionChannel::Email, ObjectionChannel::Sms]);

        req.channels = Some(Vec::new());
        let RequestDetails::Objection { channels, .. } = ok(&req).details else { panic!("not an objection") };
        assert_eq!(channels, ObjectionChannel::ALL.to_vec());
    }

    #[test]
    fn valid_erasure() {
        let mut req = input("erasure");
        req.language = s("et");
        req.scope = s("   ");
        let valid = validate(&req, &[], "372", Language::En).unwrap();
        assert_eq!(valid.kind, RequestKind::Erasure);
        assert_eq!(valid.language, Language::Et);
        assert_eq!(valid.details, RequestDetails::Erasure { scope: None });
        assert_eq!(valid.requester.phone(), None);
    }

    // --- Common rules ---------------------------------------------------------------------------

    #[test]
    fn kind_is_required_and_known() {
        let mut req = input("inspection");
        req.kind = None;
        only(&req, "kind", IssueCode::Required);
        req.kind = s("  ");
        only(&req, "kind", IssueCode::Required);
        req.kind = s("complaint");
        only(&req, "kind", IssueCode::UnknownKind);
        req.kind = s(" erasure ");
        assert_eq!(ok(&req).kind, RequestKind::Erasure);
    }

    #[test]
    fn language_defaults_and_must_be_known() {
        let mut req = input("inspection");
        assert_eq!(validate(&req, &[], "372", Language::Et).unwrap().language, Language::Et);
        req.language = s("");
        assert_eq!(validate(&req, &[], "358", Language::Sv).unwrap().language, Language::Sv);
        for (raw, lang) in
            [("fi", Language::Fi), ("sv", Language::Sv), ("en", Language::En), ("et", Language::Et)]
        {
            req.language = s(raw);
            assert_eq!(ok(&req).language, lang);
        }
        req.language = s("de");
        only(&req, "language", IssueCode::UnknownLanguage);
    }

    #[test]
    fn name_is_required_trimmed_and_limited() {
        let mut req = input("inspection");
        req.requester.as_mut().unwrap().name = None;
        only(&req, "requester.name", IssueCode::Required);
        req.requester.as_mut().unwrap().name = s(" \u{0}\u{1b} \r ");
        only(&req, "requester.name", IssueCode::Required);
        req.requester.as_mut().unwrap().name = s(&format!("  {}  ", "ä".repeat(200)));
        assert_eq!(ok(&req).requester.name.chars().count(), 200);
        req.requester.as_mut().unwrap().name = s(&"ä".repeat(201));
        only(&req, "requester.name", IssueCode::TooLong { max: 200 });
    }

    #[test]
    fn missing_requester_reports_name_and_email() {
        let mut req = input("inspection");
        req.requester = None;
        assert_eq!(
            errs(&req),
            vec![
                Issue::new("requester.name", IssueCode::Required),
                Issue::new("requester.email", IssueCode::Required),
            ]
        );
    }

    #[test]
    fn email_errors_map_to_issue_codes() {
        let mut req = input("inspection");
        for (raw, code) in [
            (None, IssueCode::Required),
            (s("  "), IssueCode::Required),
            (s("not an email"), IssueCode::InvalidEmail),
            (s("Name <a@b.fi>"), IssueCode::InvalidEmail),
            (s(&format!("{}@b.fi", "a".repeat(260))), IssueCode::TooLong { max: 254 }),
        ] {
            req.requester.as_mut().unwrap().email = raw;
            only(&req, "requester.email", code);
        }
    }

    #[test]
    fn phone_is_optional_and_normalised() {
        let mut req = input("inspection");
        req.requester.as_mut().unwrap().phone = s("");
        assert_eq!(ok(&req).requester.phone, None);
        req.requester.as_mut().unwrap().phone = s("  ");
        assert_eq!(ok(&req).requester.phone, None);
        req.requester.as_mut().unwrap().phone = s("5123 4567");
        only(&req, "requester.phone", IssueCode::InvalidPhone);
        let valid = validate(&req, &[], "372", Language::Et).unwrap();
        assert_eq!(valid.requester.phone(), Some("+37251234567"));
        req.requester.as_mut().unwrap().phone = s("call me");
        only(&req, "requester.phone", IssueCode::InvalidPhone);
    }

    #[test]
    fn customer_number_is_optional_and_limited() {
        let mut req = input("inspection");
        req.requester.as_mut().unwrap().customer_number = s("  ");
        assert_eq!(ok(&req).requester.customer_number, None);
        req.requester.as_mut().unwrap().customer_number = s(&"9".repeat(64));
        assert_eq!(ok(&req).requester.customer_number(), Some("9".repeat(64).as_str()));
        req.requester.as_mut().unwrap().customer_number = s(&"9".repeat(65));
        only(&req, "requester.customer_number", IssueCode::TooLong { max: 64 });
    }

    #[test]
    fn requester_debug_is_redacted() {
        let mut req = input("inspection");
        req.requester.as_mut().unwrap().phone = s("0505991101");
        req.requester.as_mut().unwrap().customer_number = s("C-77");
        let debug = format!("{:?}", ok(&req));
        for secret in ["Matti", "matti@", "505991101", "C-77"] {
            assert!(!debug.contains(secret), "{secret} leaked: {debug}");
        }
    }

    // --- Scope ---------------------------------------------------------------------------------

    #[test]
    fn scope_is_optional_limited_and_only_for_inspection_and_erasure() {
        for kind in ["inspection", "erasure"] {
            let mut req = input(kind);
            req.scope = s(&"x".repeat(5000));
            let valid = ok(&req);
            assert!(matches!(valid.details,
                RequestDetails::Inspection { scope: Some(ref t) } | RequestDetails::Erasure { scope: Some(ref t) }
                if t.len() == 5000));
            req.scope = s(&"x".repeat(5001));
            only(&req, "scope", IssueCode::TooLong { max: 5000 });
        }
        let mut req = input("objection");
        req.purposes = Some(vec!["genealogy".into()]);
        req.scope = s(&"x".repeat(9000));
        req.items = Some(vec![CorrectionItemInput::default(); 30]);
        assert!(validate(&req, ALL_PURPOSES, "358", Language::Fi).is_ok());
    }

    #[test]
    fn control_characters_are_removed_and_lengths_count_chars() {
        let mut req = input("inspection");
        // 5000 two-byte characters plus control characters and surrounding whitespace fit.
        req.scope = s(&format!("\u{0}  {}\u{7f}\u{1b}  \n", "é".repeat(5000)));
        let RequestDetails::Inspection { scope: Some(scope) } = ok(&req).details else { panic!("no scope") };
        assert_eq!(scope.chars().count(), 5000);
        req.scope = s("line one\r\n\tline two\u{0}");
        let RequestDetails::Inspection { scope } = ok(&req).details else { panic!("not inspection") };
        assert_eq!(scope.as_deref(), Some("line one\n\tline two"));
    }

    // --- Correction -----------------------------------------------------------------------------

    #[test]
    fn correction_needs_items() {
        let mut req = input("correction");
        only(&req, "items", IssueCode::NoItems);
        req.items = Some(Vec::new());
        only(&req, "items", IssueCode::NoItems);
    }

    #[test]
    fn correction_allows_at_most_twenty_items() {
        let mut req = input("correction");
        req.items = Some(vec![item("name", None, "Matti"); 20]);
        assert!(validate(&req, &[], "358", Language::Fi).is_ok());
        req.items = Some(vec![item("name", None, "Matti"); 21]);
        only(&req, "items", IssueCode::TooManyItems { max: 20 });
        // The items within the limit are still checked; the ones past it are not.
        let mut items = vec![item("name", None, "Matti"); 25];
        items[3].field = None;
        items[22].field = None;
        req.items = Some(items);
        assert_eq!(
            errs(&req),
            vec![
                Issue::new("items", IssueCode::TooManyItems { max: 20 }),
                Issue::new("items[3].field", IssueCode::Required),
            ]
        );
    }

    #[test]
    fn correction_item_fields_are_checked_one_by_one() {
        let mut req = input("correction");
        req.items = Some(vec![
            item("ok", None, "fine"),
            CorrectionItemInput::default(),
            CorrectionItemInput {
                field: s(&"f".repeat(201)),
                current_value: s(&"c".repeat(2001)),
                corrected_value: s(&"n".repeat(2001)),
                reason: s(&"r".repeat(2001)),
            },
        ]);
        assert_eq!(
            errs(&req),
            vec![
                Issue::new("items[1].field", IssueCode::Required),
                Issue::new("items[1].corrected_value", IssueCode::Required),
                Issue::new("items[2].field", IssueCode::TooLong { max: 200 }),
                Issue::new("items[2].current_value", IssueCode::TooLong { max: 2000 }),
                Issue::new("items[2].corrected_value", IssueCode::TooLong { max: 2000 }),
                Issue::new("items[2].reason", IssueCode::TooLong { max: 2000 }),
            ]
        );
        req.items = Some(vec![CorrectionItemInput {
            field: s(&"f".repeat(200)),
            current_value: s(&"c".repeat(2000)),
            corrected_value: s(&"n".repeat(2000)),
            reason: s(&"r".repeat(2000)),
        }]);
        assert!(validate(&req, &[], "358", Language::Fi).is_ok());
    }

    #[test]
    fn corrected_value_equal_to_current_is_nothing_to_correct() {
        let mut req = input("correction");
        req.items = Some(vec![item("a", Some("x"), "y"), item("city", Some(" Tampere "), "Tampere\u{0}")]);
        only(&req, "items[1].corrected_value", IssueCode::NothingToCorrect);
        // Blank current value is no value: nothing to compare.
        req.items = Some(vec![item("city", Some("  "), "Tampere")]);
        let RequestDetails::Correction { items } = ok(&req).details else { panic!("not correction") };
        assert_eq!(items[0].current_value, None);
    }

    // --- Objection ------------------------------------------------------------------------------

    #[test]
    fn objection_needs_a_purpose() {
        let mut req = input("objection");
        only(&req, "purposes", IssueCode::NoPurpose);
        req.purposes = Some(Vec::new());
        only(&req, "purposes", IssueCode::NoPurpose);
        req.purposes = Some(vec!["  ".into()]);
        only(&req, "purposes", IssueCode::NoPurpose);
    }

    #[test]
    fn objection_purposes_must_be_known_and_offered() {
        let offered = &ALL_PURPOSES[..5];
        let mut req = input("objection");
        req.purposes =
            Some(vec!["spam".into(), "genealogy".into(), "direct_advertising".into(), "spam".into()]);
        assert_eq!(
            validate(&req, offered, "358", Language::Fi).unwrap_err(),
            vec![
                Issue::new("purposes", IssueCode::UnknownPurpose { value: "spam".into() }),
                Issue::new("purposes", IssueCode::PurposeNotOffered { value: "genealogy".into() }),
            ]
        );
        // Long unknown values are echoed only in part.
        req.purposes = Some(vec!["z".repeat(1000)]);
        assert_eq!(
            errs(&req),
            vec![Issue::new("purposes", IssueCode::UnknownPurpose { value: "z".repeat(40) })]
        );
    }

    #[test]
    fn long_hostile_lists_stay_cheap_and_report_each_value_once() {
        let mut req = input("objection");
        req.purposes = Some((0..20_000).map(|i| format!("p{}", i % 5000)).collect());
        req.channels = Some(vec!["fax".into(); 20_000]);
        let issues = errs(&req);
        assert_eq!(issues.len(), 5001);
        assert_eq!(issues[5000], Issue::new("channels", IssueCode::UnknownChannel { value: "fax".into() }));
    }

    #[test]
    fn objection_channels_must_be_known() {
        let mut req = input("objection");
        req.purposes = Some(vec!["direct_advertising".into()]);
        req.channels = Some(vec!["email".into(), "fax".into()]);
        only(&req, "channels", IssueCode::UnknownChannel { value: "fax".into() });
    }

    // --- Several at once ------------------------------------------------------------------------

    #[test]
    fn all_issues_are_reported_together() {
        let req = RequestInput {
            kind: s("objection"),
            language: s("de"),
            requester: Some(RequesterInput {
                name: None,
                email: s("nope"),
                phone: s("12"),
                customer_number: s(&"1".repeat(65)),
            }),
            scope: None,
            items: None,
            purposes: Some(vec!["spam".into(), "genealogy".into()]),
            channels: Some(vec!["pigeon".into()]),
        };
        let issues = validate(&req, &[ObjectionPurpose::DirectAdvertising], "358", Language::Fi).unwrap_err();
        assert_eq!(
            issues,
            vec![
                Issue::new("language", IssueCode::UnknownLanguage),
                Issue::new("requester.name", IssueCode::Required),
                Issue::new("requester.email", IssueCode::InvalidEmail),
                Issue::new("requester.phone", IssueCode::InvalidPhone),
                Issue::new("requester.customer_number", IssueCode::TooLong { max: 64 }),
                Issue::new("purposes", IssueCode::UnknownPurpose { value: "spam".into() }),
                Issue::new("purposes", IssueCode::PurposeNotOffered { value: "genealogy".into() }),
                Issue::new("channels", IssueCode::UnknownChannel { value: "pigeon".into() }),
            ]
        );
    }

    #[test]
    fn unknown_kind_still_reports_the_requester() {
        let req = RequestInput { kind: s("nonsense"), ..RequestInput::default() };
        assert_eq!(
            errs(&req),
            vec![
                Issue::new("kind", IssueCode::UnknownKind),
                Issue::new("requester.name", IssueCode::Required),
                Issue::new("requester.email", IssueCode::Required),
            ]
        );
    }

    // --- IssueCode ------------------------------------------------------------------------------

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

    // --- JSON -----------------------------------------------------------------------------------

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
        ] {
            assert_eq!(details.kind(), kind);
            assert_eq!(serde_json::to_value(&details).unwrap()["kind"], kind.as_str());
        }
    }

    // --- Properties -----------------------------------------------------------------------------

    mod props {
        use proptest::prelude::*;

        use super::super::*;

        fn text() -> impl Strategy<Value = Option<String>> {
            prop_oneof![
                Just(None),
                any::<String>().prop_map(Some),
                prop::sample::select(vec![
                    "inspection",
                    "correction",
                    "objection",
                    "erasure",
                    "fi",
                    "et",
                    "",
                    " ",
                    "a@b.fi",
                    "direct_advertising",
                    "genealogy",
                    "email",
                    "050 599 1101",
                    "+372 5123 4567",
                ])
                .prop_map(|t| Some(t.to_owned())),
            ]
        }

        fn list() -> impl Strategy<Value = Option<Vec<String>>> {
            prop::option::of(prop::collection::vec(text().prop_map(Option::unwrap_or_default), 0..5))
        }

        fn item() -> impl Strategy<Value = CorrectionItemInput> {
            (text(), text(), text(), text()).prop_map(|(field, current_value, corrected_value, reason)| {
                CorrectionItemInput { field, current_value, corrected_value, reason }
            })
        }

        fn request() -> impl Strategy<Value = RequestInput> {
            let requester = prop::option::of((text(), text(), text(), text()).prop_map(
                |(name, email, phone, customer_number)| RequesterInput {
                    name,
                    email,
                    phone,
                    customer_number,
                },
            ));
            (
                text(),
                text(),
                requester,
                text(),
                prop::option::of(prop::collection::vec(item(), 0..24)),
                list(),
                list(),
            )
                .prop_map(|(kind, language, requester, scope, items, purposes, channels)| {
                    RequestInput { kind, language, requester, scope, items, purposes, channels }
                })
        }

        proptest! {
            #[test]
            fn validate_never_panics(input in request(), cc in prop::sample::select(vec!["358", "372"])) {
                match validate(&input, ObjectionPurpose::ALL, cc, Language::En) {
                    Ok(valid) => prop_assert_eq!(valid.kind, valid.details.kind()),
                    Err(issues) => prop_assert!(!issues.is_empty()),
                }
            }

            #[test]
            fn phone_parse_never_panics_and_is_idempotent(raw in any::<String>(), cc in prop::sample::select(vec!["358", "372"])) {
                if let Ok(phone) = Phone::parse(&raw, cc) {
                    let s = phone.as_str();
                    prop_assert!(s.starts_with('+'));
                    prop_assert!((9..=16).contains(&s.len()));
                    prop_assert!(s[1..].bytes().all(|b| b.is_ascii_digit()));
                    prop_assert_eq!(Phone::parse(s, cc), Ok(phone.clone()));
                }
            }

            #[test]
            fn phone_digits_with_separators_parse(digits in "[1-9][0-9]{7,14}", cc in prop::sample::select(vec!["358", "372"])) {
                let spaced: String = digits.chars().flat_map(|c| [c, ' ']).collect();
                let parsed = Phone::parse(&format!("+{spaced}"), cc).unwrap();
                prop_assert_eq!(parsed.as_str(), format!("+{digits}"));
            }
        }
    }
}
