//! Staff pages under `/staff/`: sign-in and the password ([`session`]), single sign-on ([`sso`]), the queue ([`queue`]),
//! the request page and its actions ([`request`]), requests entered by staff ([`entry`]), the
//! deadline report ([`reports`]) and the administration ([`admin`], [`api_keys`]). Who may call
//! each is the type of its extractor (`http::session`); every form is a `http::form::CsrfForm`.
//! The register checkboxes of the account and API-key forms are shared here.

pub mod admin;
pub mod api_keys;
pub mod audit;
pub mod entry;
pub mod letters;
pub mod queue;
pub mod reports;
pub mod request;
pub mod reset;
pub mod second_factor;
pub mod session;
pub mod sso;

use crate::http::AppState;

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
