//! A register's privacy notice in one language (GDPR Art 13 and 14): what `GET
//! /r/{register}/privacy` shows, and what an inspection answer's Art 15(1) block is made of.
//! Every text is the original, a translation, or the original in place of a missing translation
//! ([`Localized`]); the page marks which.

use super::text::Localized;
use super::{
    Authority, BusinessId, ContactPerson, Controller, Dpo, Purpose, Register, Sections, Statement, Transfer,
};
use crate::domain::vocab::{Language, LegalBasis, ObjectionPurpose, Safeguard, SourceKind};

/// The privacy notice of a register in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice<'a> {
    /// The language asked for.
    pub language: Language,
    /// The language of the register description.
    pub original_language: Language,
    pub key: &'a str,
    pub register_name: Localized<'a>,
    pub controller: ControllerNotice<'a>,
    pub contact: &'a ContactPerson,
    pub dpo: Option<&'a Dpo>,
    /// Each purpose with its legal basis, and the sections it states itself.
    pub purposes: Vec<PurposeNotice<'a>>,
    /// The sections stated for the whole register.
    pub register_wide: SectionsNotice<'a>,
    pub authority: AuthorityNotice<'a>,
    /// The purposes a data subject may forbid through the desk.
    pub objection_purposes: &'a [ObjectionPurpose],
}

/// The controller's identity and contact details (GDPR Art 13(1)(a)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControllerNotice<'a> {
    pub name: &'a str,
    pub legal_form: Option<Localized<'a>>,
    pub business_id: Option<&'a BusinessId>,
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub web: Option<&'a str>,
}

/// One purpose of processing (GDPR Art 13(1)(c), (d)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurposeNotice<'a> {
    pub purpose: Localized<'a>,
    pub legal_basis: LegalBasis,
    pub legitimate_interests: Option<Localized<'a>>,
    /// The sections this purpose states itself (shown with it).
    pub own: SectionsNotice<'a>,
    /// Every section as it applies to this purpose: its own, else the register's.
    pub applying: SectionsNotice<'a>,
}

/// The sections of a notice, each absent where not stated at this level.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionsNotice<'a> {
    pub data_categories: Option<Vec<Localized<'a>>>,
    pub sources: Option<Statement<Vec<SourceKind>>>,
    pub sources_details: Option<Localized<'a>>,
    pub recipients: Option<Statement<Vec<Localized<'a>>>>,
    pub transfers: Option<Statement<Vec<TransferNotice<'a>>>>,
    pub retention: Option<Statement<Localized<'a>>>,
    pub automated_decisions: Option<Statement<Localized<'a>>>,
}

/// A transfer outside the EU/EEA and its safeguard (GDPR Art 13(1)(f), 15(2)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferNotice<'a> {
    pub to: Localized<'a>,
    pub safeguard: Safeguard,
    pub details: Option<Localized<'a>>,
}

/// The supervisory authority (GDPR Art 13(2)(d), 77).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorityNotice<'a> {
    pub name: Localized<'a>,
    pub address: Option<Localized<'a>>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub web: Option<&'a str>,
}

impl<'a> SectionsNotice<'a> {
    fn of(sections: &'a Sections, language: Language) -> Self {
        let texts =
            |list: &'a Vec<super::LocalizedText>| list.iter().map(|t| t.get(language)).collect::<Vec<_>>();
        Self {
            data_categories: sections.data_categories.as_ref().map(texts),
            sources: sections.sources.clone(),
            sources_details: sections.sources_details.as_ref().map(|t| t.get(language)),
            recipients: sections.recipients.as_ref().map(|s| s.map(texts)),
            transfers: sections
                .transfers
                .as_ref()
                .map(|s| s.map(|list| list.iter().map(|t| TransferNotice::of(t, language)).collect())),
            retention: sections.retention.as_ref().map(|s| s.map(|t| t.get(language))),
            automated_decisions: sections.automated_decisions.as_ref().map(|s| s.map(|t| t.get(language))),
        }
    }

    /// Each section of `self`, else of `base`.
    fn or(&self, base: &Self) -> Self {
        Self {
            data_categories: self.data_categories.clone().or_else(|| base.data_categories.clone()),
            sources: self.sources.clone().or_else(|| base.sources.clone()),
            sources_details: self.sources_details.or(base.sources_details),
            recipients: self.recipients.clone().or_else(|| base.recipients.clone()),
            transfers: self.transfers.clone().or_else(|| base.transfers.clone()),
            retention: self.retention.clone().or_else(|| base.retention.clone()),
            automated_decisions: self
                .automated_decisions
                .clone()
                .or_else(|| base.automated_decisions.clone()),
        }
    }

    /// Whether no section is stated at this level.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Every text shown.
    fn texts(&self) -> Vec<Localized<'a>> {
        let mut out: Vec<Localized<'a>> = self.data_categories.iter().flatten().copied().collect();
        out.extend(self.sources_details);
        if let Some(Statement::Given(list)) = &self.recipients {
            out.extend(list.iter().copied());
        }
        if let Some(Statement::Given(list)) = &self.transfers {
            for t in list {
                out.push(t.to);
                out.extend(t.details);
            }
        }
        for statement in [&self.retention, &self.automated_decisions] {
            if let Some(Statement::Given(text)) = statement {
                out.push(*text);
            }
        }
        out
    }
}

impl<'a> TransferNotice<'a> {
    fn of(transfer: &'a Transfer, language: Language) -> Self {
        Self {
            to: transfer.to.get(language),
            safeguard: transfer.safeguard,
            details: transfer.details.as_ref().map(|t| t.get(language)),
        }
    }
}

impl<'a> PurposeNotice<'a> {
    fn of(purpose: &'a Purpose, register_wide: &SectionsNotice<'a>, language: Language) -> Self {
        let own = SectionsNotice::of(&purpose.sections, language);
        Self {
            purpose: purpose.purpose.get(language),
            legal_basis: purpose.legal_basis,
            legitimate_interests: purpose.legitimate_interests.as_ref().map(|t| t.get(language)),
            applying: own.or(register_wide),
            own,
        }
    }
}

impl<'a> ControllerNotice<'a> {
    /// Whether the register description gives a way to reach the controller (else requesters
    /// are told to reach it through this service).
    pub fn reachable(&self) -> bool {
        [self.address, self.phone, self.email, self.web].iter().any(Option::is_some)
    }

    fn of(c: &'a Controller, language: Language) -> Self {
        Self {
            name: &c.name,
            legal_form: c.legal_form.as_ref().map(|t| t.get(language)),
            business_id: c.business_id.as_ref(),
            address: c.address.as_deref(),
            phone: c.phone.as_deref(),
            email: c.email.as_ref().map(|e| e.as_str()),
            web: c.web.as_deref(),
        }
    }
}

impl<'a> AuthorityNotice<'a> {
    /// The authority on one line, as emails give it: name, address, email, phone, web.
    pub fn line(&self) -> String {
        let mut parts = vec![self.name.text.to_owned()];
        parts.extend(self.address.map(|a| a.text.to_owned()));
        parts.extend([self.email, self.phone, self.web].into_iter().flatten().map(str::to_owned));
        parts.join("; ")
    }

    pub fn of(a: &'a Authority, language: Language) -> Self {
        Self {
            name: a.name.get(language),
            address: a.address.as_ref().map(|t| t.get(language)),
            email: a.email.as_deref(),
            phone: a.phone.as_deref(),
            web: a.web.as_deref(),
        }
    }
}

impl<'a> Notice<'a> {
    /// Every text of the register description shown in this notice.
    pub fn texts(&self) -> Vec<Localized<'a>> {
        let mut out = vec![self.register_name];
        out.extend(self.controller.legal_form);
        for p in &self.purposes {
            out.push(p.purpose);
            out.extend(p.legitimate_interests);
            out.extend(p.own.texts());
        }
        out.extend(self.register_wide.texts());
        out.push(self.authority.name);
        out.extend(self.authority.address);
        out
    }

    /// Whether any text shown is a translation (the page then says from which language).
    pub fn has_translations(&self) -> bool {
        self.texts().iter().any(Localized::is_translation)
    }

    /// Whether any text is shown in the original for want of a translation.
    pub fn has_fallbacks(&self) -> bool {
        self.texts().iter().any(Localized::is_fallback)
    }
}

impl Register {
    /// The register's privacy notice in `language`.
    pub fn notice(&self, language: Language) -> Notice<'_> {
        let register_wide = SectionsNotice::of(&self.sections, language);
        Notice {
            language,
            original_language: self.original_language,
            key: &self.key,
            register_name: self.register_name.get(language),
            controller: ControllerNotice::of(&self.controller, language),
            contact: &self.contact,
            dpo: self.dpo.as_ref(),
            purposes: self.purposes.iter().map(|p| PurposeNotice::of(p, &register_wide, language)).collect(),
            register_wide,
            authority: AuthorityNotice::of(&self.complaint_authority, language),
            objection_purposes: &self.objection_purposes,
        }
    }
}
