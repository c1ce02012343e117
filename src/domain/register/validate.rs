//! Validation of a register file, field by field: every problem is collected with the field's name
//! (`purposes[1].legal_basis`, `contact.email`), so start-up can name them all at once.

use super::file::{RegisterFile, StatementFile, TransferFile};
use super::text::{LocalizedText, TextFile};
use super::{
    Authority, BusinessId, ContactPerson, Controller, DEFAULT_CLOSED_REQUEST_RETENTION_DAYS,
    DetailsNotStated, Dpo, FieldError, Identification, Purpose, Register, Sections, Statement, Transfer,
};
use crate::domain::contact::Email;
use crate::domain::holidays::Jurisdiction;
use crate::domain::vocab::{Language, LegalBasis, Safeguard, SourceKind, UnknownValue};

/// How much of the privacy notice validation requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// A configured register: the complete notice.
    Complete,
    /// A stored description of a removed register: what it takes to work its requests.
    Stored,
}

/// Longest text of a notice section.
const MAX_TEXT: usize = 4000;
/// Longest name, phone number, address or link.
const MAX_SHORT: usize = 300;

/// The sections of the register, or of one purpose, as written.
struct RawSections<'a> {
    data_categories: Option<&'a [TextFile]>,
    sources: &'a Option<StatementFile<Vec<String>>>,
    sources_details: &'a Option<TextFile>,
    recipients: &'a Option<StatementFile<Vec<TextFile>>>,
    transfers: &'a Option<StatementFile<Vec<TransferFile>>>,
    retention: Option<&'a StatementFile<TextFile>>,
    automated_decisions: &'a Option<StatementFile<TextFile>>,
}

/// Parses the fields of one register file into `errors`.
struct Parser {
    original: Language,
    mode: Mode,
    errors: Vec<FieldError>,
}

impl Parser {
    fn error(&mut self, field: impl Into<String>, reason: impl Into<String>) {
        self.errors.push(FieldError::new(field, reason));
    }

    fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.error(field, "is required");
        } else if value.chars().count() > max {
            self.error(field, format!("is longer than {max} characters"));
        }
        value.to_owned()
    }

    fn optional(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        if value.chars().count() > MAX_SHORT {
            self.error(field, format!("is longer than {MAX_SHORT} characters"));
        }
        Some(value.to_owned())
    }

    fn email(&mut self, field: &str, value: &Option<String>) -> Option<Email> {
        let raw = self.optional(field, value)?;
        match Email::parse(&raw) {
            // A description stored by an older version may carry such a placeholder: no address.
            Ok(email)
                if email.as_str().to_ascii_lowercase().ends_with(".invalid") && self.mode == Mode::Stored =>
            {
                None
            }
            Ok(email) if email.as_str().to_ascii_lowercase().ends_with(".invalid") => {
                self.error(
                    field,
                    format!(
                        "`{raw}` is on the reserved .invalid domain, where mail is never delivered; leave \
                         the address out when there is none"
                    ),
                );
                None
            }
            Ok(email) => Some(email),
            Err(e) => {
                self.error(field, e.to_string());
                None
            }
        }
    }

    fn web(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        let raw = self.optional(field, value)?;
        let host = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://")).unwrap_or("");
        if host.is_empty() || host.starts_with('/') || raw.chars().any(char::is_whitespace) {
            self.error(field, format!("`{raw}` is not a web address (https://…)"));
        }
        Some(raw)
    }

    /// The `contact_details` of `section` (the controller or the contact person): `not_stated`
    /// where the register description gives no way to reach them, and only then; a register
    /// without either stops start-up (a description stored earlier may have neither).
    fn details_not_stated(
        &mut self,
        section: &str,
        raw: &Option<String>,
        reachable: bool,
        ways: &str,
    ) -> Option<DetailsNotStated> {
        let field = format!("{section}.contact_details");
        match raw.as_deref().map(str::trim) {
            None if reachable || self.mode == Mode::Stored => None,
            None => {
                let who = if section == "controller" { "the controller" } else { "the contact person" };
                self.error(
                    section,
                    format!(
                        "needs a way to reach {who}: {ways}, or `contact_details = \"not_stated\"` where \
                         the register description gives none"
                    ),
                );
                None
            }
            Some("not_stated") if reachable => {
                self.error(field, "is `not_stated`, but contact details are given: leave one out");
                None
            }
            Some("not_stated") => Some(DetailsNotStated),
            Some(other) => {
                self.error(field, format!("`{other}` is not `not_stated`, the only value it takes"));
                None
            }
        }
    }

    fn text(&mut self, field: &str, raw: &TextFile, max: usize) -> Option<LocalizedText> {
        LocalizedText::parse(field, raw, self.original, max, &mut self.errors)
    }

    fn texts(&mut self, field: &str, raw: &[TextFile], max: usize) -> Vec<LocalizedText> {
        raw.iter().enumerate().filter_map(|(i, t)| self.text(&format!("{field}[{i}]"), t, max)).collect()
    }

    /// A statement whose content is a text; `none` only where `allow_none`.
    fn text_statement(
        &mut self,
        field: &str,
        raw: &StatementFile<TextFile>,
        allow_none: bool,
    ) -> Option<Statement<LocalizedText>> {
        match raw {
            StatementFile::Word(word) if word.trim() == "not_stated" => Some(Statement::NotStated),
            StatementFile::Word(word) if word.trim() == "none" && allow_none => Some(Statement::None),
            StatementFile::Word(word) if word.trim() == "none" => {
                self.error(field, "cannot be `none`: give it, or write `not_stated`");
                None
            }
            StatementFile::Word(text) => {
                self.text(field, &TextFile::Plain(text.clone()), MAX_TEXT).map(Statement::Given)
            }
            StatementFile::Given(text) => self.text(field, text, MAX_TEXT).map(Statement::Given),
        }
    }

    /// A statement whose content is a non-empty list, each item parsed by `item`.
    fn list_statement<R, T>(
        &mut self,
        field: &str,
        raw: &StatementFile<Vec<R>>,
        allow_none: bool,
        mut item: impl FnMut(&mut Self, String, &R) -> Option<T>,
    ) -> Option<Statement<Vec<T>>> {
        match raw {
            StatementFile::Word(word) if word.trim() == "not_stated" => Some(Statement::NotStated),
            StatementFile::Word(word) if word.trim() == "none" && allow_none => Some(Statement::None),
            StatementFile::Word(word) => {
                let allowed =
                    if allow_none { "`none`, `not_stated` or a list" } else { "`not_stated` or a list" };
                self.error(field, format!("`{}`: expected {allowed}", word.trim()));
                None
            }
            StatementFile::Given(items) if items.is_empty() => {
                let hint =
                    if allow_none { "write `none` when there is none" } else { "or write `not_stated`" };
                self.error(field, format!("lists nothing; {hint}"));
                None
            }
            StatementFile::Given(items) => {
                let before = self.errors.len();
                let out: Vec<T> = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, raw)| item(self, format!("{field}[{i}]"), raw))
                    .collect();
                (self.errors.len() == before).then_some(Statement::Given(out))
            }
        }
    }

    fn source(&mut self, field: String, raw: &str) -> Option<SourceKind> {
        raw.trim().parse().map_err(|e: UnknownValue| self.error(field, e.to_string())).ok()
    }

    fn transfer(&mut self, field: String, raw: &TransferFile) -> Option<Transfer> {
        let to = self.text(&format!("{field}.to"), &raw.to, MAX_TEXT);
        let safeguard = raw
            .safeguard
            .trim()
            .parse::<Safeguard>()
            .map_err(|e| self.error(format!("{field}.safeguard"), e.to_string()))
            .ok();
        let details = raw.details.as_ref().and_then(|d| self.text(&format!("{field}.details"), d, MAX_TEXT));
        Some(Transfer { to: to?, safeguard: safeguard?, details })
    }

    /// The sections of the register (`prefix` empty) or of a purpose (`purposes[i].`).
    fn sections(&mut self, prefix: &str, raw: RawSections<'_>) -> Sections {
        let RawSections {
            data_categories,
            sources,
            sources_details,
            recipients,
            transfers,
            retention,
            automated_decisions,
        } = raw;
        let f = |name: &str| format!("{prefix}{name}");
        let data_categories = data_categories.map(|raw| {
            if raw.is_empty() {
                self.error(f("data_categories"), "must list what the register holds");
            }
            self.texts(&f("data_categories"), raw, 1000)
        });
        Sections {
            data_categories,
            sources: sources.as_ref().and_then(|s| {
                self.list_statement(&f("sources"), s, false, |p, field, raw: &String| p.source(field, raw))
            }),
            sources_details: sources_details
                .as_ref()
                .and_then(|t| self.text(&f("sources_details"), t, MAX_TEXT)),
            recipients: recipients.as_ref().and_then(|s| {
                self.list_statement(&f("recipients"), s, true, |p, field, t| p.text(&field, t, MAX_TEXT))
            }),
            transfers: transfers
                .as_ref()
                .and_then(|s| self.list_statement(&f("transfers"), s, true, Self::transfer)),
            retention: retention.and_then(|s| self.text_statement(&f("retention"), s, false)),
            automated_decisions: automated_decisions
                .as_ref()
                .and_then(|s| self.text_statement(&f("automated_decisions"), s, true)),
        }
    }
}

fn parse_list<T: std::str::FromStr<Err = UnknownValue> + PartialEq>(
    p: &mut Parser,
    field: &str,
    raw: &[String],
) -> Vec<T> {
    let mut out = Vec::new();
    for item in raw {
        match item.trim().parse::<T>() {
            Ok(v) if out.contains(&v) => p.error(field, format!("lists `{item}` twice")),
            Ok(v) => out.push(v),
            Err(e) => p.error(field, e.to_string()),
        }
    }
    out
}

pub(super) fn validate(file: RegisterFile, mode: Mode) -> Result<Register, Vec<FieldError>> {
    let mut p = Parser { original: Language::Fi, mode, errors: Vec::new() };
    let key = file.key.trim().to_owned();
    let key_ok = !key.is_empty()
        && key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !key_ok {
        p.error("key", "must be 1–40 characters of a–z, 0–9 and '-', starting with a letter");
    }
    let jurisdiction = match file.jurisdiction.trim().parse::<Jurisdiction>() {
        Ok(j) => Some(j),
        Err(_) => {
            p.error(
                "jurisdiction",
                format!("unknown jurisdiction `{}`; expected fi or ee", file.jurisdiction.trim()),
            );
            None
        }
    };
    let languages: Vec<Language> = parse_list(&mut p, "languages", &file.languages);
    if file.languages.is_empty() {
        p.error("languages", "must list at least one language");
    }
    let original_language = match &file.original_language {
        Some(raw) => {
            raw.trim().parse::<Language>().map_err(|e| p.error("original_language", e.to_string())).ok()
        }
        None => languages.first().copied(),
    };
    p.original = original_language.unwrap_or(Language::Fi);
    let register_name = p.text("register_name", &file.register_name, 200);
    let objection_purposes = parse_list(&mut p, "objection_purposes", &file.objection_purposes);
    let sections = p.sections(
        "",
        RawSections {
            data_categories: Some(&file.data_categories),
            sources: &file.sources,
            sources_details: &file.sources_details,
            recipients: &file.recipients,
            transfers: &file.transfers,
            retention: Some(&file.retention),
            automated_decisions: &file.automated_decisions,
        },
    );
    let mut purposes = Vec::new();
    for (i, raw) in file.purposes.iter().enumerate() {
        let field = |name: &str| format!("purposes[{i}].{name}");
        let purpose = p.text(&field("purpose"), &raw.purpose, MAX_TEXT);
        let legal_basis = LegalBasis::parse(&raw.legal_basis)
            .map_err(|e| p.error(field("legal_basis"), e.to_string()))
            .ok();
        let legitimate_interests = raw
            .legitimate_interests
            .as_ref()
            .and_then(|t| p.text(&field("legitimate_interests"), t, MAX_TEXT));
        let own = p.sections(
            &format!("purposes[{i}]."),
            RawSections {
                data_categories: raw.data_categories.as_deref(),
                sources: &raw.sources,
                sources_details: &raw.sources_details,
                recipients: &raw.recipients,
                transfers: &raw.transfers,
                retention: raw.retention.as_ref(),
                automated_decisions: &raw.automated_decisions,
            },
        );
        if mode == Mode::Complete {
            // A register-wide section that is there but wrong is reported once, as itself.
            let reported = |section: &str| {
                p.errors.iter().any(|e| {
                    e.field
                        .strip_prefix(section)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']))
                })
            };
            let missing: Vec<&str> =
                own.or(&sections).missing().into_iter().filter(|s| !reported(s)).collect();
            for section in missing {
                p.error(field(section), "is required, for this purpose or for the whole register");
            }
        }
        if let (Some(purpose), Some(legal_basis)) = (purpose, legal_basis) {
            purposes.push(Purpose { purpose, legal_basis, legitimate_interests, sections: own });
        }
    }
    if mode == Mode::Complete && file.purposes.is_empty() {
        p.error("purposes", "must list at least one purpose with its legal basis ([[purposes]])");
    }

    let c = &file.controller;
    let controller_name = p.required("controller.name", &c.name, 200);
    let legal_form = c.legal_form.as_ref().and_then(|t| p.text("controller.legal_form", t, 200));
    let business_id = p.optional("controller.business_id", &c.business_id).and_then(|id| {
        BusinessId::parse(&id).map_err(|reason| p.error("controller.business_id", reason)).ok()
    });
    let mut controller = Controller {
        name: controller_name,
        legal_form,
        business_id,
        address: p.optional("controller.address", &c.address),
        phone: p.optional("controller.phone", &c.phone),
        email: p.email("controller.email", &c.email),
        web: p.web("controller.web", &c.web),
        contact_details: None,
    };
    controller.contact_details = p.details_not_stated(
        "controller",
        &c.contact_details,
        controller.reachable(),
        "`address`, `phone`, `email` or `web`",
    );

    let c = &file.contact;
    let mut contact = ContactPerson {
        name: p.required("contact.name", &c.name, 200),
        email: p.email("contact.email", &c.email),
        phone: p.optional("contact.phone", &c.phone),
        contact_page: p.web("contact.contact_page", &c.contact_page),
        address: p.optional("contact.address", &c.address),
        contact_details: None,
    };
    let email_given = c.email.as_deref().is_some_and(|e| !e.trim().is_empty());
    contact.contact_details = p.details_not_stated(
        "contact",
        &c.contact_details,
        email_given || !contact.through_desk(),
        "`email`, `phone`, `contact_page` or `address`",
    );

    let dpo = file.dpo.as_ref().map(|d| {
        let dpo = Dpo {
            name: p.optional("dpo.name", &d.name),
            email: p.email("dpo.email", &d.email),
            phone: p.optional("dpo.phone", &d.phone),
            address: p.optional("dpo.address", &d.address),
        };
        if dpo.email.is_none() && dpo.phone.is_none() && dpo.address.is_none() {
            p.error("dpo", "needs a way to reach the data protection officer: `email`, `phone` or `address`");
        }
        dpo
    });

    let complaint_authority = match &file.complaint_authority {
        Some(a) => {
            let name = p.text("complaint_authority.name", &a.name, 300);
            let address = a.address.as_ref().and_then(|t| p.text("complaint_authority.address", t, 300));
            let web = p.web("complaint_authority.web", &a.web);
            if a.address.is_none() && web.is_none() {
                p.error("complaint_authority", "needs the authority's `address` or `web`");
            }
            name.map(|name| Authority {
                name,
                address,
                email: p.optional("complaint_authority.email", &a.email),
                phone: p.optional("complaint_authority.phone", &a.phone),
                web,
            })
        }
        None if mode == Mode::Complete => {
            p.error(
                "complaint_authority",
                "is required: the supervisory authority a data subject may complain to (name, and address or web)",
            );
            None
        }
        None => jurisdiction.map(Authority::of_jurisdiction),
    };

    let data_sources = match mode {
        Mode::Complete => {
            let categories: Vec<String> =
                sections.data_categories.iter().flatten().map(|c| c.original().to_owned()).collect();
            crate::domain::sources::validate(&file.data_sources, &categories).unwrap_or_else(|problems| {
                for (field, reason) in problems {
                    p.error(field, reason);
                }
                Vec::new()
            })
        }
        Mode::Stored => Vec::new(),
    };
    let identification = Identification::parse(file.identification.as_ref()).unwrap_or_else(|errors| {
        p.errors.extend(errors);
        Identification::default()
    });
    let webhooks = super::webhooks::validate(&file.webhooks, &mut p.errors);

    match (p.errors.is_empty(), jurisdiction, original_language, register_name, complaint_authority) {
        (
            true,
            Some(jurisdiction),
            Some(original_language),
            Some(register_name),
            Some(complaint_authority),
        ) => Ok(Register {
            key,
            original_language,
            register_name,
            jurisdiction,
            languages,
            objection_purposes,
            sections,
            purposes,
            inspection_requires_identity_check: file.inspection_requires_identity_check,
            closed_request_retention_days: file
                .closed_request_retention_days
                .unwrap_or(DEFAULT_CLOSED_REQUEST_RETENTION_DAYS),
            identification,
            controller,
            contact,
            dpo,
            complaint_authority,
            data_sources,
            webhooks,
            active: true,
        }),
        _ => Err(p.errors),
    }
}
