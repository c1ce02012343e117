//! Field messages: parsing a form or query field into a domain type at the edge (a failure names
//! the field), refusing text with control characters, and the translated messages of the domain's
//! validation issues.

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

/// Whether `value` holds a control character (NUL, escape, ...) that no field takes: PostgreSQL
/// refuses NUL in text, and the others are never typed. A multi-line field keeps tab and newline
/// (and the carriage return browsers send with it).
pub(crate) fn has_control_character(value: &str, multi_line: bool) -> bool {
    value.chars().any(|c| c.is_control() && !(multi_line && matches!(c, '\t' | '\n' | '\r')))
}

/// The reason given for a field with a control character.
pub(crate) const CONTROL_CHARACTER: &str = "contains a control character (such as NUL); remove it";

/// A 422 naming the first field of `pairs` (name, value) whose value holds a control character.
pub(crate) fn reject_control_characters<'a>(
    pairs: impl IntoIterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
    multi_line: bool,
) -> Result<(), AppError> {
    for (name, value) in pairs {
        if has_control_character(&value, multi_line) || has_control_character(&name, false) {
            let field = if has_control_character(&name, false) { "form" } else { &name };
            return Err(AppError::invalid(field, CONTROL_CHARACTER));
        }
    }
    Ok(())
}

/// The translated message of a validation issue.
pub(crate) fn issue_message(t: &Tr, issue: &Issue) -> String {
    let args = issue.code.args();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    t.fmt(issue.code.message_key(), &args)
}

/// Validation issues as field issues in English (the API's language).
pub(crate) fn in_english(issues: &[Issue]) -> AppError {
    translated(&Tr::new(Language::En), issues)
}

/// Validation issues as field issues in the language of `t` (a staff page's).
pub(crate) fn translated(t: &Tr, issues: &[Issue]) -> AppError {
    AppError::Validation(
        issues
            .iter()
            .map(|i| FieldIssue { field: i.field.clone(), reason: issue_message(t, i).into() })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_escape_are_refused_and_tab_and_newline_only_in_multi_line_text() {
        assert!(has_control_character("a\0b", true));
        assert!(has_control_character("a\u{1b}[31m", true));
        assert!(has_control_character("a\u{7f}", true));
        assert!(!has_control_character("line one\r\n\tline two", true));
        assert!(has_control_character("line one\nline two", false));
        assert!(!has_control_character("Bücher ÅÄÖ – ok", false));
    }
}
