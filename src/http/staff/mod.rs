//! Staff pages under `/staff/`: sign-in and the password ([`session`]), single sign-on ([`sso`]), the queue ([`queue`]),
//! the request page and its actions ([`request`]), requests entered by staff ([`entry`]), the
//! deadline report ([`reports`]) and the administration ([`admin`], [`api_keys`]). Who may call
//! each is the type of its extractor (`http::session`); every form is a `http::form::CsrfForm`.
//! The register checkboxes of the account and API-key forms are shared here.

pub mod admin;
pub mod api_keys;
pub mod audit;
pub mod confirm;
pub mod entry;
pub mod letters;
pub mod profile;
pub mod queue;
pub mod reports;
pub mod request;
pub mod reset;
pub mod second_factor;
pub mod session;
pub mod sso;

use actix_web::HttpRequest;

use crate::domain::lifecycle::Status;
use crate::domain::{Language, RequestKind};
use crate::error::AppError;
use crate::http::{AppState, lang};
use crate::i18n::Tr;
use crate::service::auth::{MIN_PASSWORD_CHARS, PasswordError};

/// A register checkbox.
pub struct Choice {
    pub key: String,
    pub label: String,
    pub checked: bool,
}

/// Every register, as checkboxes with `checked` ticked.
pub fn choices(state: &AppState, checked: &[String]) -> Vec<Choice> {
    state
        .ctx
        .registers
        .iter()
        .map(|r| Choice {
            key: r.key.clone(),
            label: format!("{} ({})", r.register_name.original(), r.key),
            checked: checked.contains(&r.key),
        })
        .collect()
}

/// A request's state in the staff member's words.
pub fn state_name(t: &Tr, status: Status) -> String {
    t.get(&format!("staff-state-{}", status.as_str()))
}

/// A request kind in the staff member's words (shorter than the requester's).
pub fn kind_name(t: &Tr, kind: RequestKind) -> String {
    t.get(&format!("staff-kind-{}", kind.as_str()))
}

/// The translator of a page before sign-in: the browser's language, else English.
pub fn browser_tr(req: &HttpRequest) -> Tr {
    Tr::new(lang::choose(req, None, Language::En))
}

/// What a re-rendered staff form says about `e` (see [`AppError::form_message`]), opened in the
/// staff member's language: the field's name in their words, and the reason.
pub fn form_message(t: &Tr, e: &AppError) -> Option<String> {
    match e {
        AppError::Validation(issues) => {
            let issues: Vec<String> = issues
                .iter()
                .map(|i| {
                    let key = format!("staff-field-{}", i.field.to_ascii_lowercase().replace('_', "-"));
                    let label = t.try_get(&key).unwrap_or_else(|| i.field.clone());
                    let reason = t.msg(&i.reason);
                    if label.is_empty() { reason } else { format!("{label}: {reason}") }
                })
                .collect();
            Some(t.fmt("staff-form-invalid", &[("issues", &issues.join("; "))]))
        }
        AppError::Conflict(message) => Some(t.fmt("staff-form-refused", &[("reason", &t.msg(message))])),
        AppError::PayloadTooLarge { limit } => {
            Some(t.fmt("staff-form-too-large", &[("limit", &limit.to_string())]))
        }
        _ => None,
    }
}

/// Why a new password was refused, in the staff member's words.
pub fn password_message(t: &Tr, e: &PasswordError) -> String {
    match e {
        PasswordError::WrongCurrent => t.get("staff-password-wrong-current"),
        PasswordError::TooShort => {
            t.fmt("staff-password-too-short", &[("min", &MIN_PASSWORD_CHARS.to_string())])
        }
        PasswordError::TooWeak => t.get("staff-password-too-weak"),
        PasswordError::Mismatch => t.get("staff-password-mismatch"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::AuditAction;
    use crate::domain::{EventKind, IdentityMethod, RequestChannel};

    /// Every code a staff page names in words has its message in every language (a new state,
    /// kind, event or audit action must come with its words).
    #[test]
    fn every_code_shown_to_staff_has_its_words_in_every_language() {
        let codes: Vec<String> = Status::ALL
            .iter()
            .map(|s| format!("staff-state-{}", s.as_str()))
            .chain(RequestKind::ALL.iter().map(|k| format!("staff-kind-{}", k.as_str())))
            .chain(EventKind::ALL.iter().map(|e| format!("staff-event-{}", e.as_str())))
            .chain(AuditAction::ALL.iter().map(|a| format!("staff-audit-action-{}", a.as_str())))
            .chain(IdentityMethod::ALL.iter().map(|m| format!("staff-identity-method-{}", m.as_str())))
            .chain(RequestChannel::ALL.iter().map(|c| format!("staff-channel-{}", c.as_str())))
            .chain(Language::ALL.iter().map(|l| format!("staff-language-{}", l.as_str())))
            .collect();
        for language in Language::ALL {
            let keys = crate::i18n::keys(*language);
            let missing: Vec<&String> = codes.iter().filter(|k| keys.binary_search(k).is_err()).collect();
            assert!(missing.is_empty(), "{language}: {missing:?}");
        }
    }
}
