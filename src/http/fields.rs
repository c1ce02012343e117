//! Field messages: parsing a form or query field into a domain type at the edge (a failure names
//! the field), and the translated messages of the domain's validation issues.

use std::str::FromStr;

use crate::domain::Language;
use crate::domain::request::Issue;
use crate::error::{AppError, FieldIssue};
use crate::i18n::Tr;

/// `value` of `field` parsed into a domain type; a 422 naming the field otherwise.
pub(crate) fn parse<T: FromStr>(field: &str, value: &str) -> Result<T, AppError>
where
    T::Err: std::fmt::Display,
{
    value.trim().parse().map_err(|e: T::Err| AppError::invalid(field, e.to_string()))
}

/// Like [`parse`], with `None` for an empty value.
pub(crate) fn parse_optional<T: FromStr>(field: &str, value: Option<&str>) -> Result<Option<T>, AppError>
where
    T::Err: std::fmt::Display,
{
    value.map(str::trim).filter(|v| !v.is_empty()).map(|v| parse(field, v)).transpose()
}

/// The translated message of a validation issue.
pub(crate) fn issue_message(t: &Tr, issue: &Issue) -> String {
    let args = issue.code.args();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    t.fmt(issue.code.message_key(), &args)
}

/// Validation issues as field issues in English (the API's and the staff pages' language).
pub(crate) fn in_english(issues: &[Issue]) -> AppError {
    let t = Tr::new(Language::En);
    AppError::Validation(
        issues.iter().map(|i| FieldIssue { field: i.field.clone(), reason: issue_message(&t, i) }).collect(),
    )
}
