//! Free text as the requester typed it: cleaned of control characters, trimmed, then measured in
//! characters against its limit.

use super::issue::{IssueCode, Issues};

/// Longest echoed unknown purpose or channel, in characters.
const MAX_ECHO: usize = 40;

/// Whether a text may span lines.
#[derive(Clone, Copy)]
pub(super) enum Lines {
    Single,
    Multi,
}

/// Whether a text must be given.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Need {
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
pub(super) fn free_text(
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
pub(super) fn required_text(
    issues: &mut Issues,
    field: &str,
    raw: Option<&str>,
    max: usize,
    lines: Lines,
) -> Option<String> {
    free_text(issues, field, raw, max, lines, Need::Required).flatten()
}

/// The first characters of an unknown value, cleaned, for echoing it back in a message.
pub(super) fn echo(raw: &str) -> String {
    clean(raw, Lines::Single).chars().take(MAX_ECHO).collect()
}
