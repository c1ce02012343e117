//! A register description (*rekisteriseloste*): the controller, its contact person, what the
//! register holds and which objection purposes it offers. Parsed from `config/registers/*.toml`
//! and validated here, field by field.

use serde::{Deserialize, Serialize};

use super::contact::Email;
use super::holidays::Jurisdiction;
use super::vocab::{Language, ObjectionPurpose};

/// The register file exactly as written, before validation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    pub key: String,
    pub register_name: String,
    pub jurisdiction: String,
    pub languages: Vec<String>,
    pub data_categories: Vec<String>,
    pub objection_purposes: Vec<String>,
    pub retention: String,
    #[serde(default)]
    pub inspection_requires_identity_check: bool,
    /// Days a closed request's personal data is kept before it is anonymised.
    #[serde(default)]
    pub closed_request_retention_days: Option<u32>,
    pub controller: ControllerFile,
    pub contact: ContactFile,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControllerFile {
    pub name: String,
    #[serde(default)]
    pub business_id: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFile {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// Product default for keeping closed requests: three years after closing, long enough to answer a
/// complaint or a claim about how a request was handled (a common limitation period for claims),
/// short enough not to keep personal data for ever. Set per register with the controller's lawyer.
pub const DEFAULT_CLOSED_REQUEST_RETENTION_DAYS: u32 = 1095;

/// A validated register.
#[derive(Debug, Clone, Serialize)]
pub struct Register {
    pub key: String,
    pub register_name: String,
    pub jurisdiction: Jurisdiction,
    /// Offered languages; the first is the default of the form and of staff-entered requests.
    pub languages: Vec<Language>,
    pub data_categories: Vec<String>,
    pub objection_purposes: Vec<ObjectionPurpose>,
    pub retention: String,
    /// Whether staff must record a further identity check before an inspection answer is sent.
    pub inspection_requires_identity_check: bool,
    /// Days a closed request's personal data is kept before it is anonymised.
    pub closed_request_retention_days: u32,
    pub controller: Controller,
    pub contact: ContactPerson,
    /// Configured now; `false` for a register whose file was removed (its requests are still
    /// worked, reminded and anonymised on schedule, but it takes no new ones).
    #[serde(skip)]
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Controller {
    pub name: String,
    pub business_id: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactPerson {
    pub name: String,
    #[serde(serialize_with = "serialize_email")]
    pub email: Email,
    pub phone: Option<String>,
}

fn serialize_email<S: serde::Serializer>(email: &Email, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(email.as_str())
}

/// One invalid field of a register file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub reason: String,
}

impl Register {
    /// The default language (the first one offered).
    pub fn default_language(&self) -> Language {
        self.languages.first().copied().unwrap_or(Language::En)
    }
}

fn required(field: &'static str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError { field, reason: "is required".into() });
    } else if value.chars().count() > max {
        errors.push(FieldError { field, reason: format!("is longer than {max} characters") });
    }
    value.to_owned()
}

fn optional(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

fn parse_list<T: std::str::FromStr<Err = super::vocab::UnknownValue> + PartialEq>(
    field: &'static str,
    raw: &[String],
    errors: &mut Vec<FieldError>,
) -> Vec<T> {
    let mut out = Vec::new();
    for item in raw {
        match item.parse::<T>() {
            Ok(v) if out.contains(&v) => {
                errors.push(FieldError { field, reason: format!("lists `{item}` twice") })
            }
            Ok(v) => out.push(v),
            Err(e) => errors.push(FieldError { field, reason: e.to_string() }),
        }
    }
    out
}

/// Checks a Finnish business ID (Y-tunnus, `NNNNNNN-C`) or an Estonian registry code
/// (*registrikood*, 8 digits), including its check digit.
pub fn valid_business_id(jurisdiction: Jurisdiction, id: &str) -> bool {
    let digits: Vec<u32> = id.chars().filter_map(|c| c.to_digit(10)).collect();
    match jurisdiction {
        Jurisdiction::Fi => {
            let shape = id.len() == 9 && id.as_bytes()[7] == b'-' && digits.len() == 8;
            if !shape {
                return false;
            }
            let weights = [7, 9, 10, 5, 8, 4, 2];
            let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
            match sum % 11 {
                0 => digits[7] == 0,
                1 => false,
                r => digits[7] == 11 - r,
            }
        }
        Jurisdiction::Ee => {
            if id.len() != 8 || digits.len() != 8 {
                return false;
            }
            // Estonian registry codes use the ISO 7064 style two-pass weighted check (as for
            // personal codes): weights 1..7,1 then 3..9,1,2,3.
            let check =
                |weights: [u32; 7]| digits[..7].iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11;
            let first = check([1, 2, 3, 4, 5, 6, 7]);
            let expected = if first < 10 {
                first
            } else {
                match check([3, 4, 5, 6, 7, 8, 9]) {
                    10 => 0,
                    r => r,
                }
            };
            digits[7] == expected
        }
    }
}

impl TryFrom<RegisterFile> for Register {
    type Error = Vec<FieldError>;

    fn try_from(file: RegisterFile) -> Result<Self, Self::Error> {
        let mut errors = Vec::new();
        let key = file.key.trim().to_owned();
        let key_ok = !key.is_empty()
            && key.len() <= 40
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !key_ok {
            errors.push(FieldError {
                field: "key",
                reason: "must be 1–40 characters of a–z, 0–9 and '-', starting with a letter".into(),
            });
        }
        let register_name = required("register_name", &file.register_name, 200, &mut errors);
        let jurisdiction = match file.jurisdiction.trim().parse::<Jurisdiction>() {
            Ok(j) => Some(j),
            Err(_) => {
                errors.push(FieldError {
                    field: "jurisdiction",
                    reason: format!("unknown jurisdiction `{}`; expected fi or ee", file.jurisdiction.trim()),
                });
                None
            }
        };
        let languages: Vec<Language> = parse_list("languages", &file.languages, &mut errors);
        if file.languages.is_empty() {
            errors.push(FieldError { field: "languages", reason: "must list at least one language".into() });
        }
        let objection_purposes = parse_list("objection_purposes", &file.objection_purposes, &mut errors);
        let data_categories: Vec<String> =
            file.data_categories.iter().map(|c| required("data_categories", c, 500, &mut errors)).collect();
        if data_categories.is_empty() {
            errors.push(FieldError {
                field: "data_categories",
                reason: "must list what the register holds".into(),
            });
        }
        let retention = required("retention", &file.retention, 2000, &mut errors);
        let controller_name = required("controller.name", &file.controller.name, 200, &mut errors);
        let business_id = optional(&file.controller.business_id);
        if let (Some(id), Some(j)) = (&business_id, jurisdiction)
            && !valid_business_id(j, id)
        {
            errors.push(FieldError {
                field: "controller.business_id",
                reason: format!("`{id}` is not a valid business ID for jurisdiction {j}"),
            });
        }
        let contact_name = required("contact.name", &file.contact.name, 200, &mut errors);
        let email = match optional(&file.contact.email) {
            None => {
                errors.push(FieldError { field: "contact.email", reason: "is required".into() });
                None
            }
            Some(raw) => match Email::parse(&raw) {
                Ok(e) => Some(e),
                Err(e) => {
                    errors.push(FieldError { field: "contact.email", reason: e.to_string() });
                    None
                }
            },
        };
        match (errors.is_empty(), jurisdiction, email) {
            (true, Some(jurisdiction), Some(email)) => Ok(Register {
                key,
                register_name,
                jurisdiction,
                languages,
                data_categories,
                objection_purposes,
                retention,
                inspection_requires_identity_check: file.inspection_requires_identity_check,
                closed_request_retention_days: file
                    .closed_request_retention_days
                    .unwrap_or(DEFAULT_CLOSED_REQUEST_RETENTION_DAYS),
                controller: Controller {
                    name: controller_name,
                    business_id,
                    address: optional(&file.controller.address),
                },
                contact: ContactPerson { name: contact_name, email, phone: optional(&file.contact.phone) },
                active: true,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> RegisterFile {
        RegisterFile {
            key: "shop".into(),
            register_name: "Customer register".into(),
            jurisdiction: "fi".into(),
            languages: vec!["fi".into(), "en".into()],
            data_categories: vec!["Name".into()],
            objection_purposes: vec!["direct_advertising".into()],
            retention: "As long as the customer relationship lasts.".into(),
            inspection_requires_identity_check: false,
            closed_request_retention_days: None,
            controller: ControllerFile {
                name: "Shop Oy".into(),
                business_id: Some("1004339-7".into()),
                address: None,
            },
            contact: ContactFile { name: "Pia".into(), email: Some("pia@shop.fi".into()), phone: None },
        }
    }

    fn fields(result: Result<Register, Vec<FieldError>>) -> Vec<&'static str> {
        result.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_file_validates() {
        let r = Register::try_from(file()).unwrap();
        assert_eq!(r.default_language(), Language::Fi);
        assert_eq!(r.objection_purposes, vec![ObjectionPurpose::DirectAdvertising]);
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut f = file();
        f.contact.email = None;
        assert_eq!(fields(Register::try_from(f)), vec!["contact.email"]);
        let mut f = file();
        f.jurisdiction = "se".into();
        assert_eq!(fields(Register::try_from(f)), vec!["jurisdiction"]);
        let mut f = file();
        f.key = "Bad Key".into();
        f.languages = vec!["de".into()];
        f.objection_purposes = vec!["spam".into()];
        assert_eq!(fields(Register::try_from(f)), vec!["key", "languages", "objection_purposes"]);
        let mut f = file();
        f.controller.business_id = Some("1004339-8".into());
        assert_eq!(fields(Register::try_from(f)), vec!["controller.business_id"]);
    }

    #[test]
    fn business_ids_are_checked() {
        // The seeds' Finnish business IDs.
        for id in ["1004339-7", "2368582-3", "2381931-8"] {
            assert!(valid_business_id(Jurisdiction::Fi, id), "{id}");
        }
        assert!(!valid_business_id(Jurisdiction::Fi, "2381931-7"));
        assert!(!valid_business_id(Jurisdiction::Fi, "23819318"));
        // Estonian registry codes; check digits worked by hand (76 mod 11 = 10, so the second pass: 108 mod 11 = 9).
        assert!(valid_business_id(Jurisdiction::Ee, "10137319"));
        assert!(!valid_business_id(Jurisdiction::Ee, "10137318"));
    }
}
