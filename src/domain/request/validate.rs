//! Validation of a [`RequestInput`] into a [`ValidRequest`], reporting every issue at once.

use super::details::{CorrectionItem, RequestDetails, Requester, ValidRequest};
use super::input::{CorrectionItemInput, RequestInput, RequesterInput};
use super::issue::{Issue, IssueCode, Issues};
use super::text::{Lines, Need, echo, free_text, required_text};
use super::{
    MAX_CUSTOMER_NUMBER, MAX_EMAIL, MAX_ITEM_FIELD, MAX_ITEM_TEXT, MAX_ITEMS, MAX_NAME, MAX_PROCESSING,
    MAX_RECEIVING_CONTROLLER, MAX_SCOPE,
};
use crate::domain::contact::{Email, EmailError, Phone, PostalAddress, PostalAddressError};
use crate::domain::vocab::{
    Language, ObjectionChannel, ObjectionPurpose, PortabilityFormat, RequestKind, RestrictionGround,
};

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
    validate_with(input, None, offered_purposes, default_country_code, default_language)
}

/// How a request entered by staff reaches its requester: the postal address typed (blank when
/// none), and whether letters may replace email (a request received by letter, phone or visit).
#[derive(Debug, Clone, Copy)]
pub struct Post<'a> {
    pub postal_address: &'a str,
    pub letters_allowed: bool,
}

/// Validates a request entered by staff: as [`validate`], except that where `post` allows letters
/// the email address may be left out when a postal address is given (one of them is required).
pub fn validate_entered(
    input: &RequestInput,
    post: Post<'_>,
    offered_purposes: &[ObjectionPurpose],
    default_country_code: &str,
    default_language: Language,
) -> Result<ValidRequest, Vec<Issue>> {
    validate_with(input, Some(post), offered_purposes, default_country_code, default_language)
}

fn validate_with(
    input: &RequestInput,
    post: Option<Post<'_>>,
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

    let requester = validate_requester(input.requester.as_ref(), post, default_country_code, &mut issues);

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
        Some(RequestKind::Restriction) => {
            let grounds = validate_grounds(input.grounds.as_deref(), &mut issues);
            let explanation = free_text(
                &mut issues,
                "explanation",
                input.explanation.as_deref(),
                MAX_SCOPE,
                Lines::Multi,
                Need::Optional,
            );
            match (grounds, explanation) {
                (Some(grounds), Some(explanation)) => {
                    Some(RequestDetails::Restriction { grounds, explanation })
                }
                _ => None,
            }
        }
        Some(RequestKind::GeneralObjection) => {
            let processing = required_text(
                &mut issues,
                "processing",
                input.processing.as_deref(),
                MAX_PROCESSING,
                Lines::Multi,
            );
            let situation =
                required_text(&mut issues, "situation", input.situation.as_deref(), MAX_SCOPE, Lines::Multi);
            match (processing, situation) {
                (Some(processing), Some(situation)) => {
                    Some(RequestDetails::GeneralObjection { processing, situation })
                }
                _ => None,
            }
        }
        Some(RequestKind::Portability) => {
            let scope = free_text(
                &mut issues,
                "scope",
                input.scope.as_deref(),
                MAX_SCOPE,
                Lines::Multi,
                Need::Optional,
            );
            let format = validate_format(input.format.as_deref(), &mut issues);
            let receiving_controller = free_text(
                &mut issues,
                "receiving_controller",
                input.receiving_controller.as_deref(),
                MAX_RECEIVING_CONTROLLER,
                Lines::Single,
                Need::Optional,
            );
            match (scope, format, receiving_controller) {
                (Some(scope), Some(format), Some(receiving_controller)) => {
                    Some(RequestDetails::Portability { scope, format, receiving_controller })
                }
                _ => None,
            }
        }
    };

    match (issues.is_empty(), language, requester, details) {
        (true, Some(language), Some(requester), Some(details)) => {
            Ok(ValidRequest { kind: details.kind(), language, requester, details })
        }
        _ => Err(issues.into_vec()),
    }
}

fn validate_requester(
    input: Option<&RequesterInput>,
    post: Option<Post<'_>>,
    default_country_code: &str,
    issues: &mut Issues,
) -> Option<Requester> {
    let empty = RequesterInput::default();
    let input = input.unwrap_or(&empty);

    let name = required_text(issues, "requester.name", input.name.as_deref(), MAX_NAME, Lines::Single);

    let raw_address = post.map(|p| p.postal_address.trim()).unwrap_or("");
    let postal_address = match PostalAddress::parse(raw_address) {
        Ok(address) => Some(Some(address)),
        Err(PostalAddressError::Empty) => Some(None),
        Err(err) => {
            let code = match err {
                PostalAddressError::TooLong => IssueCode::TooLong { max: PostalAddress::MAX_LEN },
                PostalAddressError::LineTooLong => IssueCode::TooLong { max: PostalAddress::MAX_LINE },
                _ => IssueCode::InvalidPostalAddress,
            };
            issues.push("requester.postal_address", code);
            None
        }
    };
    let letters_allowed = post.is_some_and(|p| p.letters_allowed);

    let email = match Email::parse(input.email.as_deref().unwrap_or("")) {
        Ok(email) => Some(Some(email)),
        // Letters go to the postal address typed (a wrong one is reported above).
        Err(EmailError::Empty) if letters_allowed && !raw_address.is_empty() => Some(None),
        Err(EmailError::Empty) if letters_allowed => {
            issues.push("requester.email", IssueCode::EmailOrPostalAddress);
            None
        }
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

    Some(Requester {
        name: name?,
        email: email?,
        postal_address: postal_address?,
        phone: phone?,
        customer_number: customer_number?,
    })
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

fn validate_grounds(input: Option<&[String]>, issues: &mut Issues) -> Option<Vec<RestrictionGround>> {
    let mut ok = true;
    let mut grounds = Vec::new();
    for raw in input.unwrap_or_default().iter().map(|raw| raw.trim()).filter(|raw| !raw.is_empty()) {
        match raw.parse::<RestrictionGround>() {
            Ok(ground) => grounds.push(ground),
            Err(_) => {
                issues.push("grounds", IssueCode::UnknownGround { value: echo(raw) });
                ok = false;
            }
        }
    }
    if ok && grounds.is_empty() {
        issues.push("grounds", IssueCode::NoGround);
        return None;
    }
    grounds.sort_unstable();
    grounds.dedup();
    ok.then_some(grounds)
}

/// The preferred format: `Some(None)` when none is given.
fn validate_format(input: Option<&str>, issues: &mut Issues) -> Option<Option<PortabilityFormat>> {
    match input.map(str::trim) {
        None | Some("") => Some(None),
        Some(raw) => match raw.to_ascii_lowercase().parse::<PortabilityFormat>() {
            Ok(format) => Some(Some(format)),
            Err(_) => {
                issues.push("format", IssueCode::UnknownFormat { value: echo(raw) });
                None
            }
        },
    }
}
