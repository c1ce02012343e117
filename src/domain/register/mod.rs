//! A register description (*rekisteriseloste*) as the register's full privacy notice (GDPR Art 13
//! and 14): the controller and its contact person, the purposes of processing with their legal
//! bases, the data, sources, recipients, transfers, storage and automated decisions, the
//! supervisory authority, and the objection purposes the register offers. Parsed from
//! `config/registers/*.toml` and validated here, field by field.
//!
//! Every text is written in the register's original language (the language of its register
//! description) and may carry translations ([`LocalizedText`]). A statement the description does not
//! make is written `not_stated`: the notice says so, and start-up warns the deployer
//! ([`Register::notice_gaps`]), instead of the file putting words in the controller's mouth.

mod business_id;
mod file;
mod identification;
mod notice;
mod text;
mod validate;
mod webhooks;

use serde::Serialize;

use super::contact::Email;
use super::holidays::Jurisdiction;
use super::vocab::{Language, LegalBasis, ObjectionPurpose, RequestKind, Safeguard, SourceKind};

pub use business_id::{BusinessId, BusinessIdKind};
pub use file::{
    AuthorityFile, ContactFile, ControllerFile, DpoFile, PurposeFile, RegisterFile, StatementFile,
    TransferFile,
};
pub use identification::{Identification, IdentificationFile};
pub use notice::{AuthorityNotice, ControllerNotice, Notice, PurposeNotice, SectionsNotice, TransferNotice};
pub use text::{Localized, LocalizedText, Origin, TextFile};
pub use webhooks::{Webhook, WebhookFile};

/// Product default for keeping closed requests: three years after closing, long enough to answer a
/// complaint or a claim about how a request was handled (a common limitation period for claims),
/// short enough not to keep personal data for ever. Set per register with the controller's lawyer.
pub const DEFAULT_CLOSED_REQUEST_RETENTION_DAYS: u32 = 1095;

/// A statement of the privacy notice: there is none, the register description does not say, or
/// what it states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Statement<T> {
    /// There is none (no recipients, no transfers, no automated decisions).
    None,
    /// The register description does not say; the notice says so.
    NotStated,
    Given(T),
}

impl<T> Statement<T> {
    /// Whether the register description leaves this unsaid.
    pub fn is_not_stated(&self) -> bool {
        matches!(self, Statement::NotStated)
    }

    /// The statement with `f` applied to what it states.
    pub fn map<'s, U>(&'s self, f: impl FnOnce(&'s T) -> U) -> Statement<U> {
        match self {
            Statement::None => Statement::None,
            Statement::NotStated => Statement::NotStated,
            Statement::Given(t) => Statement::Given(f(t)),
        }
    }
}

impl<T: Serialize> Serialize for Statement<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Statement::None => s.serialize_str("none"),
            Statement::NotStated => s.serialize_str("not_stated"),
            Statement::Given(t) => t.serialize(s),
        }
    }
}

/// A validated register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Register {
    pub key: String,
    /// The language of the register description: its texts are the controller's own words, the
    /// others translations.
    pub original_language: Language,
    pub register_name: LocalizedText,
    pub jurisdiction: Jurisdiction,
    /// Offered languages; the first is the default of the form and of staff-entered requests.
    pub languages: Vec<Language>,
    pub objection_purposes: Vec<ObjectionPurpose>,
    /// The sections stated for the whole register; `data_categories` and `retention` are always
    /// there. A purpose may state its own.
    #[serde(flatten)]
    pub sections: Sections,
    pub purposes: Vec<Purpose>,
    /// Whether staff must record a further identity check before an inspection answer is sent.
    pub inspection_requires_identity_check: bool,
    /// Days a closed request's personal data is kept before it is anonymised.
    pub closed_request_retention_days: u32,
    /// Which proofs of identity confirm a request, per kind.
    pub identification: Identification,
    pub controller: Controller,
    pub contact: ContactPerson,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpo: Option<Dpo>,
    pub complaint_authority: Authority,
    /// The company's systems its data are collected from and erased in. Not part of the stored
    /// description: only a configured register collects.
    #[serde(skip)]
    pub data_sources: Vec<crate::domain::sources::DataSource>,
    /// Endpoints told of objections at once (their secrets are read from the environment).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub webhooks: Vec<Webhook>,
    /// Configured now; `false` for a register whose file was removed (its requests are still
    /// worked, reminded and anonymised on schedule, but it takes no new ones).
    #[serde(skip)]
    pub active: bool,
}

/// The sections of a privacy notice that apply to a purpose: the register's, or the purpose's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sections {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_categories: Option<Vec<LocalizedText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Statement<Vec<SourceKind>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources_details: Option<LocalizedText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Statement<Vec<LocalizedText>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfers: Option<Statement<Vec<Transfer>>>,
    /// The storage period, or the criteria used to determine it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention: Option<Statement<LocalizedText>>,
    /// Automated decisions, including profiling (GDPR Art 22).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automated_decisions: Option<Statement<LocalizedText>>,
}

impl Sections {
    /// Each section of `self`, else of `base`.
    fn or(&self, base: &Sections) -> Sections {
        Sections {
            data_categories: self.data_categories.clone().or_else(|| base.data_categories.clone()),
            sources: self.sources.clone().or_else(|| base.sources.clone()),
            sources_details: self.sources_details.clone().or_else(|| base.sources_details.clone()),
            recipients: self.recipients.clone().or_else(|| base.recipients.clone()),
            transfers: self.transfers.clone().or_else(|| base.transfers.clone()),
            retention: self.retention.clone().or_else(|| base.retention.clone()),
            automated_decisions: self
                .automated_decisions
                .clone()
                .or_else(|| base.automated_decisions.clone()),
        }
    }

    /// The names of the sections that are required for every purpose and missing here.
    fn missing(&self) -> Vec<&'static str> {
        let present = [
            ("data_categories", self.data_categories.is_some()),
            ("sources", self.sources.is_some()),
            ("recipients", self.recipients.is_some()),
            ("transfers", self.transfers.is_some()),
            ("retention", self.retention.is_some()),
            ("automated_decisions", self.automated_decisions.is_some()),
        ];
        present.into_iter().filter(|(_, there)| !there).map(|(name, _)| name).collect()
    }

    /// `field` of each statement left `not_stated` (a transfer whose safeguard is not stated
    /// included).
    fn not_stated(&self, prefix: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut note = |name: &str, not_stated: bool| {
            if not_stated {
                out.push(format!("{prefix}{name}"));
            }
        };
        note("sources", self.sources.as_ref().is_some_and(Statement::is_not_stated));
        note("recipients", self.recipients.as_ref().is_some_and(Statement::is_not_stated));
        note("transfers", self.transfers.as_ref().is_some_and(Statement::is_not_stated));
        note("retention", self.retention.as_ref().is_some_and(Statement::is_not_stated));
        note("automated_decisions", self.automated_decisions.as_ref().is_some_and(Statement::is_not_stated));
        if let Some(Statement::Given(transfers)) = &self.transfers {
            for (i, t) in transfers.iter().enumerate() {
                if t.safeguard == Safeguard::NotStated {
                    out.push(format!("{prefix}transfers[{i}].safeguard"));
                }
            }
        }
        out
    }
}

/// A purpose of processing and its legal basis (GDPR Art 13(1)(c)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Purpose {
    pub purpose: LocalizedText,
    pub legal_basis: LegalBasis,
    /// The legitimate interests pursued (GDPR Art 13(1)(d)), for the basis `legitimate_interests`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legitimate_interests: Option<LocalizedText>,
    /// The sections this purpose states itself.
    #[serde(flatten)]
    pub sections: Sections,
}

/// A transfer outside the EU/EEA (GDPR Art 13(1)(f)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transfer {
    /// Where to and to whom.
    pub to: LocalizedText,
    pub safeguard: Safeguard,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<LocalizedText>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Controller {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_form: Option<LocalizedText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_id: Option<BusinessId>,
    /// Postal address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_email")]
    pub email: Option<Email>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    /// Set where the register description gives no way to reach the controller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_details: Option<DetailsNotStated>,
}

impl Controller {
    /// Whether the register description gives a way to reach the controller (else requesters
    /// are told to reach it through this service).
    pub fn reachable(&self) -> bool {
        [&self.address, &self.phone, &self.web].iter().any(|v| v.is_some()) || self.email.is_some()
    }
}

/// The person (or function) handling register matters. Some register descriptions publish only
/// a phone number or a contact page, or only the name: then `email` is `None`, the contact
/// person's notices go to the register's handlers, replies to requester emails go to the desk's
/// own address, and requesters are shown the other ways to reach them, or, with none, told to
/// reach them through this service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactPerson {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_email")]
    pub email: Option<Email>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_page: Option<String>,
    /// Postal address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Set where the register description gives the contact person's name only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_details: Option<DetailsNotStated>,
}

impl ContactPerson {
    /// How a requester reaches the contact person, as a footer shows it: the email address, else
    /// the phone number, contact page and postal address given (none: through this service).
    pub fn reach(&self) -> Vec<&str> {
        match &self.email {
            Some(email) => vec![email.as_str()],
            None => [&self.phone, &self.contact_page, &self.address]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect(),
        }
    }

    /// Whether requesters reach the contact person only through this service (by replying to its
    /// emails, which go to the desk's own address): the register description gives no way.
    pub fn through_desk(&self) -> bool {
        self.reach().is_empty()
    }
}

/// `contact_details = "not_stated"` of a controller or contact person: the register description
/// gives no way to reach them. Written out on purpose, so that contact details left out by mistake
/// still stop start-up; the notice then says to reach them through this service, and start-up warns
/// the deployer ([`Register::notice_gaps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailsNotStated;

impl Serialize for DetailsNotStated {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("not_stated")
    }
}

/// The data protection officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dpo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "serialize_email")]
    pub email: Option<Email>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// The supervisory authority a data subject may complain to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Authority {
    pub name: LocalizedText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<LocalizedText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
}

impl Authority {
    /// The national supervisory authority of `jurisdiction` (LAW.md §3.2, §3.3): what a stored
    /// description from before complaint authorities were configured falls back to.
    pub fn of_jurisdiction(jurisdiction: Jurisdiction) -> Self {
        match jurisdiction {
            Jurisdiction::Fi => Authority {
                name: LocalizedText::new(Language::Fi, "Tietosuojavaltuutetun toimisto")
                    .with(Language::Sv, "Dataombudsmannens byrå")
                    .with(Language::En, "Office of the Data Protection Ombudsman")
                    .with(Language::Et, "Soome andmekaitsevoliniku büroo (Tietosuojavaltuutetun toimisto)"),
                address: Some(
                    LocalizedText::new(Language::Fi, "PL 800, 00531 Helsinki")
                        .with(Language::Sv, "PB 800, 00531 Helsingfors")
                        .with(Language::En, "PO Box 800, 00531 Helsinki, Finland")
                        .with(Language::Et, "PL 800, 00531 Helsinki, Soome"),
                ),
                email: Some("tietosuoja@om.fi".into()),
                phone: Some("+358 29 566 6700".into()),
                web: Some("https://tietosuoja.fi".into()),
            },
            Jurisdiction::Ee => Authority {
                name: LocalizedText::new(Language::Et, "Andmekaitse Inspektsioon")
                    .with(Language::Fi, "Viron tietosuojavirasto (Andmekaitse Inspektsioon)")
                    .with(Language::Sv, "Estlands dataskyddsinspektion (Andmekaitse Inspektsioon)")
                    .with(Language::En, "Estonian Data Protection Inspectorate (Andmekaitse Inspektsioon)"),
                address: Some(
                    LocalizedText::new(Language::Et, "Tatari 39, 10134 Tallinn")
                        .with(Language::Fi, "Tatari 39, 10134 Tallinna, Viro")
                        .with(Language::Sv, "Tatari 39, 10134 Tallinn, Estland")
                        .with(Language::En, "Tatari 39, 10134 Tallinn, Estonia"),
                ),
                email: Some("info@aki.ee".into()),
                phone: None,
                web: Some("https://www.aki.ee".into()),
            },
        }
    }
}

fn serialize_email<S: serde::Serializer>(email: &Option<Email>, s: S) -> Result<S::Ok, S::Error> {
    match email {
        Some(email) => s.serialize_str(email.as_str()),
        None => s.serialize_none(),
    }
}

/// One invalid (or, from [`Register::notice_gaps`], incomplete) field of a register file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "field `{}`: {}", self.field, self.reason)
    }
}

impl Register {
    /// Whether this register's setting asks for a further identity check before answering a
    /// request of `kind`: only the answers that disclose data (inspection, portability).
    pub fn requires_identity_check(&self, kind: RequestKind) -> bool {
        self.inspection_requires_identity_check
            && matches!(kind, RequestKind::Inspection | RequestKind::Portability)
    }

    /// The default language (the first one offered).
    pub fn default_language(&self) -> Language {
        self.languages.first().copied().unwrap_or(Language::En)
    }

    /// The register's name in `language` (a translation, or the original).
    pub fn name_in(&self, language: Language) -> &str {
        self.register_name.get(language).text
    }

    /// The data categories held in the whole register (shown on the form).
    pub fn data_categories(&self) -> &[LocalizedText] {
        self.sections.data_categories.as_deref().unwrap_or_default()
    }

    /// The register-wide storage period or its criteria (shown on the form).
    pub fn retention(&self) -> Option<&Statement<LocalizedText>> {
        self.sections.retention.as_ref()
    }

    /// What the privacy notice leaves to the deployer: statements the register description does
    /// not make (`not_stated`), and a controller without business ID, legal form or postal
    /// address. Start-up logs each as a warning naming the file and field.
    pub fn notice_gaps(&self) -> Vec<FieldError> {
        let mut gaps: Vec<FieldError> = self
            .sections
            .not_stated("")
            .into_iter()
            .chain(
                self.purposes
                    .iter()
                    .enumerate()
                    .flat_map(|(i, p)| p.sections.not_stated(&format!("purposes[{i}]."))),
            )
            .map(|field| FieldError::new(field, "not stated: the privacy notice says so; ask the controller"))
            .collect();
        let c = &self.controller;
        for (field, missing) in [
            ("controller.business_id", c.business_id.is_none()),
            ("controller.legal_form", c.legal_form.is_none()),
            ("controller.address", c.address.is_none()),
        ] {
            if missing {
                gaps.push(FieldError::new(field, "not given: the privacy notice goes without it"));
            }
        }
        for (field, unstated) in [
            ("controller.contact_details", c.contact_details.is_some()),
            ("contact.contact_details", self.contact.contact_details.is_some()),
        ] {
            if unstated {
                gaps.push(FieldError::new(
                    field,
                    "not stated: requesters are told to reach them through this service; add the contact \
                     details before going live",
                ));
            }
        }
        gaps
    }

    /// Validates a register file: every field, and a complete privacy notice (controller identity,
    /// purposes with legal bases and every section, the complaint authority).
    pub fn from_file(file: RegisterFile) -> Result<Self, Vec<FieldError>> {
        validate::validate(file, validate::Mode::Complete)
    }

    /// Reads the description of a register as last synced, written by this or an older version:
    /// the privacy notice may be incomplete (a removed register shows no notice; its requests are
    /// still worked), and a missing complaint authority is the jurisdiction's.
    pub fn from_stored(file: RegisterFile) -> Result<Self, Vec<FieldError>> {
        validate::validate(file, validate::Mode::Stored)
    }
}

impl TryFrom<RegisterFile> for Register {
    type Error = Vec<FieldError>;

    fn try_from(file: RegisterFile) -> Result<Self, Self::Error> {
        Register::from_file(file)
    }
}

#[cfg(test)]
mod tests;
