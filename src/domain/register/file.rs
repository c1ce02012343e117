//! A register file as written, before validation: every text a [`TextFile`], every statement a
//! [`StatementFile`]; `validate` turns it into a [`Register`](super::Register), naming each bad
//! field.

use serde::Deserialize;

use super::text::TextFile;

/// The register file exactly as written, before validation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    pub key: String,
    /// The language of the register description; default: the first of `languages`.
    #[serde(default)]
    pub original_language: Option<String>,
    pub register_name: TextFile,
    pub jurisdiction: String,
    pub languages: Vec<String>,
    pub data_categories: Vec<TextFile>,
    pub objection_purposes: Vec<String>,
    pub retention: StatementFile<TextFile>,
    #[serde(default)]
    pub sources: Option<StatementFile<Vec<String>>>,
    #[serde(default)]
    pub sources_details: Option<TextFile>,
    #[serde(default)]
    pub recipients: Option<StatementFile<Vec<TextFile>>>,
    #[serde(default)]
    pub transfers: Option<StatementFile<Vec<TransferFile>>>,
    #[serde(default)]
    pub automated_decisions: Option<StatementFile<TextFile>>,
    #[serde(default)]
    pub purposes: Vec<PurposeFile>,
    #[serde(default)]
    pub inspection_requires_identity_check: bool,
    /// Days a closed request's personal data is kept before it is anonymised.
    #[serde(default)]
    pub closed_request_retention_days: Option<u32>,
    /// Which proofs confirm a request (`email`, `oidc`), per kind; default: both, none required.
    #[serde(default)]
    pub identification: Option<super::IdentificationFile>,
    pub controller: ControllerFile,
    pub contact: ContactFile,
    #[serde(default)]
    pub dpo: Option<DpoFile>,
    #[serde(default)]
    pub complaint_authority: Option<AuthorityFile>,
    /// The company's systems the register's data live in (`domain::sources`).
    #[serde(default)]
    pub data_sources: Vec<crate::domain::sources::DataSourceFile>,
    #[serde(default)]
    pub webhooks: Vec<super::webhooks::WebhookFile>,
}

/// One `[[purposes]]` entry as written. A section it leaves out is the register-wide one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeFile {
    pub purpose: TextFile,
    pub legal_basis: String,
    #[serde(default)]
    pub legitimate_interests: Option<TextFile>,
    #[serde(default)]
    pub data_categories: Option<Vec<TextFile>>,
    #[serde(default)]
    pub sources: Option<StatementFile<Vec<String>>>,
    #[serde(default)]
    pub sources_details: Option<TextFile>,
    #[serde(default)]
    pub recipients: Option<StatementFile<Vec<TextFile>>>,
    #[serde(default)]
    pub transfers: Option<StatementFile<Vec<TransferFile>>>,
    #[serde(default)]
    pub retention: Option<StatementFile<TextFile>>,
    #[serde(default)]
    pub automated_decisions: Option<StatementFile<TextFile>>,
}

/// A transfer outside the EU/EEA as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferFile {
    /// Where to and to whom.
    pub to: TextFile,
    pub safeguard: String,
    #[serde(default)]
    pub details: Option<TextFile>,
}

/// A statement as written: the word `none` (there is none), the word `not_stated` (the register
/// description does not say), or what it states.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, expecting = "`none`, `not_stated`, or the statement itself")]
pub enum StatementFile<T> {
    Word(String),
    Given(T),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControllerFile {
    pub name: String,
    #[serde(default)]
    pub legal_form: Option<TextFile>,
    #[serde(default)]
    pub business_id: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub web: Option<String>,
    /// `not_stated` where the register description gives none of the ways to reach the controller.
    #[serde(default)]
    pub contact_details: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFile {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// A web page through which the contact person is reached.
    #[serde(default)]
    pub contact_page: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// `not_stated` where the register description gives the contact person's name only.
    #[serde(default)]
    pub contact_details: Option<String>,
}

/// The data protection officer (GDPR Art 37–39), where one is designated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DpoFile {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

/// The supervisory authority a data subject may complain to (GDPR Art 77).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityFile {
    pub name: TextFile,
    #[serde(default)]
    pub address: Option<TextFile>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub web: Option<String>,
}
