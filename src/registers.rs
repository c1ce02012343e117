//! Loads the register files of `config/registers/` and validates them; any problem stops start-up
//! with the file and the field named. What a privacy notice leaves unstated is logged as a warning
//! for the deployer, naming the file and field as well.

use std::fmt;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Format, Toml};

use crate::config::EnvVars;
use crate::domain::Register;
use crate::domain::register::RegisterFile;
use crate::domain::webhook::{SigningKey, WebhookKeys};

/// One problem in one register file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterProblem {
    pub file: PathBuf,
    pub field: String,
    pub reason: String,
}

impl fmt::Display for RegisterProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.reason)
        } else {
            write!(f, "{}: field `{}`: {}", self.file.display(), self.field, self.reason)
        }
    }
}

/// Every problem found in the register folder.
#[derive(Debug, thiserror::Error)]
pub struct RegisterErrors(pub Vec<RegisterProblem>);

impl fmt::Display for RegisterErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "invalid register configuration:")?;
        for p in &self.0 {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

/// Reads and validates every `*.toml` in `dir`, in file-name order.
pub fn load_dir(dir: &Path) -> Result<Vec<Register>, RegisterErrors> {
    load(dir, true)
}

/// [`load_dir`], refusing a register that accepts only strong identification for some request
/// kind when no identity provider is configured (`oidc_available` false): nobody could confirm it.
pub fn load(dir: &Path, oidc_available: bool) -> Result<Vec<Register>, RegisterErrors> {
    Ok(load_files(dir, oidc_available)?.into_iter().map(|(_, r)| r).collect())
}

/// [`load_dir`], and the signing key of every webhook from the environment variable its
/// `secret_env` names. A malformed secret is an error; an unset one is an error in production and
/// a warning in development (deliveries to that endpoint fail until it is set), and so is a plain
/// `http` URL to another machine (the events carry email addresses and phone numbers).
pub fn load_with_keys(
    dir: &Path,
    env: &EnvVars,
    production: bool,
    oidc_available: bool,
) -> Result<(Vec<Register>, WebhookKeys), RegisterErrors> {
    let files = load_files(dir, oidc_available)?;
    let mut keys = WebhookKeys::default();
    let mut problems = Vec::new();
    for (file, register) in &files {
        for (i, hook) in register.webhooks.iter().enumerate() {
            let problem = |field: &str, reason: String| RegisterProblem {
                file: file.clone(),
                field: format!("webhooks[{i}].{field}"),
                reason,
            };
            let var = &hook.secret_env;
            match env.var(var).map(|secret| SigningKey::parse(&secret)) {
                Some(Ok(key)) => keys.insert(&register.key, &hook.name, key),
                Some(Err(reason)) => problems.push(problem("secret_env", format!("`{var}` {reason}"))),
                None if production => {
                    problems.push(problem("secret_env", format!("environment variable `{var}` is not set")))
                }
                None => tracing::warn!(
                    register = %register.key,
                    "{}; deliveries to this endpoint fail until it is set",
                    problem("secret_env", format!("environment variable `{var}` is not set"))
                ),
            }
            if production && hook.is_plain_http_elsewhere() {
                problems.push(problem(
                    "url",
                    "is plain http to another machine; events carry personal data: use https".into(),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok((files.into_iter().map(|(_, r)| r).collect(), keys))
    } else {
        Err(RegisterErrors(problems))
    }
}

fn load_files(dir: &Path, oidc_available: bool) -> Result<Vec<(PathBuf, Register)>, RegisterErrors> {
    let problem = |file: &Path, field: &str, reason: String| RegisterProblem {
        file: file.to_owned(),
        field: field.to_owned(),
        reason,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| {
        RegisterErrors(vec![problem(dir, "", format!("cannot read the register folder: {e}"))])
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();

    let mut problems = Vec::new();
    let mut registers: Vec<(PathBuf, Register)> = Vec::new();
    for file in files {
        let parsed: Result<RegisterFile, _> = Figment::from(Toml::file_exact(&file)).extract();
        let raw = match parsed {
            Ok(raw) => raw,
            Err(errors) => {
                for e in errors {
                    problems.push(problem(&file, &e.path.join("."), e.kind.to_string()));
                }
                continue;
            }
        };
        match Register::from_file(raw) {
            Ok(register) => {
                for gap in register.notice_gaps() {
                    tracing::warn!(
                        register = %register.key,
                        "{}",
                        RegisterProblem { file: file.clone(), field: gap.field, reason: gap.reason }
                    );
                }
                if let Some((first, _)) = registers.iter().find(|(_, r)| r.key == register.key) {
                    problems.push(problem(
                        &file,
                        "key",
                        format!("duplicate key `{}` (already used by {})", register.key, first.display()),
                    ));
                } else {
                    if !oidc_available {
                        for field in register.identification.oidc_only_fields() {
                            let reason = "requires strong identification, but no identity provider is configured \
                                          ([[identity.providers]])";
                            problems.push(problem(&file, &field, reason.into()));
                        }
                    }
                    registers.push((file, register));
                }
            }
            Err(errors) => {
                problems.extend(errors.into_iter().map(|e| problem(&file, &e.field, e.reason)));
            }
        }
    }
    if registers.is_empty() && problems.is_empty() {
        problems.push(problem(dir, "", "no register files (*.toml) found".into()));
    }
    if problems.is_empty() { Ok(registers) } else { Err(RegisterErrors(problems)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::{Origin, Statement};
    use crate::domain::{Jurisdiction, Language, LegalBasis};

    fn shipped() -> Vec<Register> {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/registers")).unwrap()
    }

    #[test]
    fn the_shipped_seed_registers_load() {
        let registers = shipped();
        let keys: Vec<&str> = registers.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["jaccara", "jerone", "jokkerit", "konekesko", "webstrella"]);
        let jerone = registers.iter().find(|r| r.key == "jerone").unwrap();
        assert_eq!(jerone.jurisdiction, Jurisdiction::Fi);
        assert_eq!(jerone.default_language(), Language::Et);
        assert_eq!(jerone.original_language, Language::Et);
        let konekesko = registers.iter().find(|r| r.key == "konekesko").unwrap();
        assert_eq!(konekesko.objection_purposes.len(), 7);
        for r in registers.iter().filter(|r| r.key != "jerone") {
            assert_eq!(r.original_language, Language::Fi, "{}", r.key);
        }
    }

    #[test]
    fn every_shipped_register_is_a_complete_privacy_notice_in_four_languages() {
        for r in shipped() {
            let key = r.key.as_str();
            assert!(!r.controller.name.is_empty(), "{key}");
            assert!(!r.purposes.is_empty(), "{key}: purposes");
            assert!(!r.data_categories().is_empty(), "{key}: data categories");
            for language in Language::ALL {
                let notice = r.notice(*language);
                for p in &notice.purposes {
                    // Every section applies to every purpose: stated, `none`, or an explicit
                    // `not_stated`.
                    let s = &p.applying;
                    assert!(s.data_categories.as_ref().is_some_and(|d| !d.is_empty()), "{key}");
                    assert!(s.sources.is_some() && s.recipients.is_some() && s.transfers.is_some(), "{key}");
                    assert!(s.retention.is_some() && s.automated_decisions.is_some(), "{key}");
                }
                // Every text is the original or a translation: nothing falls back.
                for text in notice.texts() {
                    let expected =
                        if *language == r.original_language { Origin::Original } else { Origin::Translation };
                    assert_eq!(text.origin, expected, "{key} in {language}: {}", text.text);
                }
            }
            // A contact person without contact details is there on purpose, as the seed gives none.
            assert!(!r.contact.through_desk() || r.contact.contact_details.is_some(), "{key}: contact");
        }
    }

    /// The registers' translations use the desk's terms: et "otseturustus" (not "otseturundus")
    /// and "vastuväide otseturustusele"; sv never "granskning" for the right of access.
    #[test]
    fn the_shipped_registers_translations_use_the_desks_terms() {
        for r in shipped() {
            for (language, wrong) in [(Language::Et, "otseturund"), (Language::Sv, "granskning")] {
                for text in r.notice(language).texts() {
                    let lower = text.text.to_lowercase();
                    assert!(!lower.contains(wrong), "{} in {language}: {}", r.key, text.text);
                }
            }
        }
        let konekesko = shipped().into_iter().find(|r| r.key == "konekesko").unwrap();
        let et: Vec<String> =
            konekesko.notice(Language::Et).texts().iter().map(|t| t.text.to_owned()).collect();
        assert!(et.iter().any(|t| t.contains("Vastuväide otseturustusele")), "{et:?}");
        // The objection is a "vastuväide", not a prohibition ("keeld", "keelud", "keelanud").
        assert!(
            et.iter().all(|t| [" keeld", " keelud", " keelanud"].iter().all(|k| !t.contains(k))),
            "{et:?}"
        );
    }

    #[test]
    fn what_the_seeds_leave_unsaid_is_listed_for_the_deployer() {
        let gaps = |key: &str| -> Vec<String> {
            let r = shipped().into_iter().find(|r| r.key == key).unwrap();
            r.notice_gaps().into_iter().map(|g| g.field).collect()
        };
        assert_eq!(gaps("jaccara"), ["retention", "automated_decisions", "transfers[0].safeguard"]);
        assert_eq!(gaps("jokkerit"), ["sources", "retention", "automated_decisions"]);
        assert_eq!(gaps("jerone"), ["transfers", "automated_decisions"]);
        assert_eq!(
            gaps("konekesko"),
            ["retention", "automated_decisions", "transfers[0].safeguard", "controller.business_id"]
        );
        assert_eq!(
            gaps("webstrella"),
            [
                "transfers",
                "retention",
                "automated_decisions",
                "controller.business_id",
                "controller.legal_form",
                "controller.address",
                "controller.contact_details",
                "contact.contact_details"
            ]
        );
    }

    #[test]
    fn the_seeds_contact_persons_without_email_are_reached_otherwise() {
        let registers = shipped();
        let contact = |key: &str| registers.iter().find(|r| r.key == key).unwrap().contact.clone();
        assert_eq!(contact("konekesko").email, None);
        assert_eq!(contact("konekesko").reach(), ["050 599 1101"]);
        assert!(!contact("konekesko").through_desk());
        // Webstrella's description names the contact person only ("ks. Yhteystiedot-sivu", without
        // its address): no address is made up for him, nor for the controller.
        assert_eq!(contact("webstrella").email, None);
        assert!(contact("webstrella").reach().is_empty() && contact("webstrella").through_desk());
        let webstrella = registers.iter().find(|r| r.key == "webstrella").unwrap();
        assert!(!webstrella.controller.reachable());
        for r in &registers {
            let text = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("config/registers/{}.toml", r.key)),
            )
            .unwrap();
            assert!(!text.contains(".invalid\""), "{}: no placeholder address ships", r.key);
        }
    }

    #[test]
    fn the_seeds_legal_bases_and_business_ids() {
        let registers = shipped();
        let bases = |key: &str| -> Vec<LegalBasis> {
            registers.iter().find(|r| r.key == key).unwrap().purposes.iter().map(|p| p.legal_basis).collect()
        };
        use LegalBasis::*;
        assert_eq!(bases("jaccara"), [Contract, LegitimateInterests]);
        assert_eq!(
            bases("jokkerit"),
            [Contract, Contract, LegalObligation, LegitimateInterests, LegitimateInterests]
        );
        assert_eq!(bases("jerone"), [Contract, LegitimateInterests, Consent]);
        assert_eq!(bases("konekesko"), [Contract, LegitimateInterests, Consent, LegitimateInterests]);
        assert_eq!(bases("webstrella"), [Contract, LegitimateInterests]);
        let ids: Vec<Option<String>> =
            registers.iter().map(|r| r.controller.business_id.as_ref().map(|id| id.to_string())).collect();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(ids, [some("1004339-7"), some("2381931-8"), some("2368582-3"), None, None]);
        // The bookkeeping purpose of Jokkerit states its own storage period.
        let jokkerit = registers.iter().find(|r| r.key == "jokkerit").unwrap();
        let retention = jokkerit.notice(Language::En).purposes[2].applying.retention.clone().unwrap();
        assert!(matches!(retention, Statement::Given(t) if t.text.contains("at least 10 years")));
    }

    #[test]
    fn a_shipped_register_reads_back_from_its_stored_form() {
        for r in shipped() {
            let stored = serde_json::to_value(&r).unwrap();
            let file: RegisterFile = serde_json::from_value(stored).unwrap();
            assert_eq!(Register::from_file(file).unwrap(), r, "{}", r.key);
        }
    }

    #[test]
    fn the_readme_example_register_loads() {
        let readme =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
        let section = readme.split("## Registers").nth(1).unwrap();
        let example = section.split("```toml\n").nth(1).unwrap().split("```").next().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("shop.toml"), example).unwrap();
        let registers = load_dir(dir.path()).unwrap();
        assert_eq!(registers[0].purposes.len(), 2);
        assert_eq!(registers[0].contact.reach(), ["050 123 4567"]);
    }

    fn jokkerit_with(extra: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("config/registers/jokkerit.toml"),
        )
        .unwrap();
        std::fs::write(dir.path().join("shop.toml"), format!("{text}\n{extra}")).unwrap();
        dir
    }

    const CRM: &str =
        "[[webhooks]]\nname = \"crm\"\nurl = \"https://crm.example.fi/hooks\"\nsecret_env = \"CRM_SECRET\"\n";
    const SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    #[test]
    fn a_webhook_secret_is_read_from_its_variable_and_a_missing_one_stops_production() {
        let dir = jokkerit_with(CRM);
        let env = EnvVars::fixed([("CRM_SECRET", SECRET)]);
        let (registers, keys) = load_with_keys(dir.path(), &env, true, true).unwrap();
        assert_eq!(registers[0].webhooks[0].name, "crm");
        assert!(keys.get("jokkerit", "crm").is_some());

        let unset = EnvVars::fixed(Vec::<(String, String)>::new());
        let errors = load_with_keys(dir.path(), &unset, true, true).unwrap_err().to_string();
        assert!(
            errors.contains(
                "shop.toml: field `webhooks[0].secret_env`: environment variable `CRM_SECRET` is not set"
            ),
            "{errors}"
        );
        // In development it is a warning: the endpoint's deliveries fail until it is set.
        let (_, keys) = load_with_keys(dir.path(), &unset, false, true).unwrap();
        assert!(keys.get("jokkerit", "crm").is_none());

        let bad = EnvVars::fixed([("CRM_SECRET", "hunter2hunter2")]);
        let errors = load_with_keys(dir.path(), &bad, false, true).unwrap_err().to_string();
        assert!(errors.contains("field `webhooks[0].secret_env`: `CRM_SECRET` "), "{errors}");
        assert!(!errors.contains("hunter2"), "the secret is never printed: {errors}");
    }

    #[test]
    fn a_webhook_url_must_be_http_and_https_in_production_off_this_machine() {
        let ftp = jokkerit_with(&CRM.replace("https://", "ftp://"));
        let errors = load_dir(ftp.path()).unwrap_err().to_string();
        assert!(
            errors.contains("shop.toml: field `webhooks[0].url`: `ftp:` is not http or https"),
            "{errors}"
        );
        let plain = jokkerit_with(&CRM.replace("https://", "http://"));
        let env = EnvVars::fixed([("CRM_SECRET", SECRET)]);
        assert!(load_with_keys(plain.path(), &env, false, true).is_ok());
        let errors = load_with_keys(plain.path(), &env, true, true).unwrap_err().to_string();
        assert!(errors.contains("field `webhooks[0].url`: is plain http to another machine"), "{errors}");
    }

    #[test]
    fn a_register_with_webhooks_reads_back_from_its_stored_form() {
        let dir = jokkerit_with(&format!("{CRM}events = [\"objection.lifted\"]\n"));
        let r = load_dir(dir.path()).unwrap().remove(0);
        let stored = serde_json::to_value(&r).unwrap();
        assert_eq!(stored["webhooks"][0]["events"], serde_json::json!(["objection.lifted"]));
        let file: RegisterFile = serde_json::from_value(stored).unwrap();
        assert_eq!(Register::from_stored(file).unwrap(), r);
    }

    #[test]
    fn a_problem_names_the_file_and_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("config/registers/jokkerit.toml"),
        )
        .unwrap();
        let cut = text.find("[complaint_authority]").unwrap();
        std::fs::write(dir.path().join("shop.toml"), &text[..cut]).unwrap();
        let errors = load_dir(dir.path()).unwrap_err().to_string();
        assert!(errors.contains("shop.toml: field `complaint_authority`: is required"), "{errors}");
    }

    #[test]
    fn strong_identification_required_without_a_provider_stops_start_up_naming_file_and_field() {
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("config/registers/jokkerit.toml"),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("shop.toml"),
            format!("{text}\n[identification]\nrequired = {{ inspection = \"oidc\" }}\n"),
        )
        .unwrap();
        let errors = load(dir.path(), false).unwrap_err().to_string();
        assert!(
            errors.contains(
                "shop.toml: field `identification.required.inspection`: requires strong identification"
            ),
            "{errors}"
        );
        let loaded = load(dir.path(), true).unwrap();
        assert!(
            !loaded[0]
                .identification
                .accepts(crate::domain::RequestKind::Inspection, crate::domain::Proof::Email)
        );
    }
}
