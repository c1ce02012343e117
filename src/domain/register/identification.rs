//! Which proofs of identity confirm a request of a register: possession of the email address
//! (the emailed link or code) and strong electronic identification through an OpenID Connect
//! provider (`oidc`), per request kind. By default both are accepted for every kind and none is
//! required; a register may demand strong identification, e.g. for inspections and erasures.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::FieldError;
use crate::domain::vocab::{Proof, RequestKind};

/// The `[identification]` section as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentificationFile {
    /// Proofs that confirm a request of any kind not listed in `required`; default: every proof.
    #[serde(default)]
    pub accepted: Option<Vec<String>>,
    /// Request kind → the one proof that confirms it.
    #[serde(default)]
    pub required: BTreeMap<String, String>,
}

/// The validated policy; serialises in the shape of the file (the stored copy reads back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identification {
    pub accepted: Vec<Proof>,
    pub required: BTreeMap<RequestKind, Proof>,
}

impl Default for Identification {
    fn default() -> Self {
        Self { accepted: Proof::ALL.to_vec(), required: BTreeMap::new() }
    }
}

impl Identification {
    /// Whether `proof` confirms a request of `kind`.
    pub fn accepts(&self, kind: RequestKind, proof: Proof) -> bool {
        match self.required.get(&kind) {
            Some(required) => *required == proof,
            None => self.accepted.contains(&proof),
        }
    }

    /// The fields that make strong identification the only way to confirm some kind: the deployer
    /// must configure an identity provider for them.
    pub fn oidc_only_fields(&self) -> Vec<String> {
        let mut fields: Vec<String> = self
            .required
            .iter()
            .filter(|(_, p)| **p == Proof::Oidc)
            .map(|(k, _)| format!("identification.required.{k}"))
            .collect();
        if !self.accepted.contains(&Proof::Email) {
            fields.insert(0, "identification.accepted".to_owned());
        }
        fields
    }

    pub(super) fn parse(file: Option<&IdentificationFile>) -> Result<Self, Vec<FieldError>> {
        let Some(file) = file else { return Ok(Self::default()) };
        let mut errors = Vec::new();
        let accepted = match &file.accepted {
            None => Proof::ALL.to_vec(),
            Some(names) => {
                let mut accepted = Vec::new();
                for (i, name) in names.iter().enumerate() {
                    match name.parse::<Proof>() {
                        Ok(p) if !accepted.contains(&p) => accepted.push(p),
                        Ok(_) => errors.push(FieldError::new(
                            format!("identification.accepted[{i}]"),
                            "is listed twice",
                        )),
                        Err(e) => errors
                            .push(FieldError::new(format!("identification.accepted[{i}]"), e.to_string())),
                    }
                }
                if names.is_empty() {
                    errors.push(FieldError::new(
                        "identification.accepted",
                        "needs at least one proof (email, oidc)",
                    ));
                }
                accepted
            }
        };
        let mut required = BTreeMap::new();
        for (kind, proof) in &file.required {
            let field = format!("identification.required.{kind}");
            match (kind.parse::<RequestKind>(), proof.parse::<Proof>()) {
                (Ok(kind), Ok(proof)) => {
                    required.insert(kind, proof);
                }
                (Err(e), _) | (_, Err(e)) => errors.push(FieldError::new(field, e.to_string())),
            }
        }
        if errors.is_empty() { Ok(Self { accepted, required }) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(accepted: Option<&[&str]>, required: &[(&str, &str)]) -> IdentificationFile {
        IdentificationFile {
            accepted: accepted.map(|a| a.iter().map(|s| (*s).to_owned()).collect()),
            required: required.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        }
    }

    #[test]
    fn by_default_every_proof_confirms_every_kind() {
        let policy = Identification::parse(None).unwrap();
        for kind in RequestKind::ALL {
            assert!(policy.accepts(*kind, Proof::Email) && policy.accepts(*kind, Proof::Oidc));
        }
        assert!(policy.oidc_only_fields().is_empty());
    }

    #[test]
    fn a_required_proof_is_the_only_one_for_its_kind() {
        let policy =
            Identification::parse(Some(&file(None, &[("inspection", "oidc"), ("erasure", "oidc")]))).unwrap();
        assert!(!policy.accepts(RequestKind::Inspection, Proof::Email));
        assert!(policy.accepts(RequestKind::Inspection, Proof::Oidc));
        assert!(policy.accepts(RequestKind::Objection, Proof::Email));
        assert_eq!(
            policy.oidc_only_fields(),
            ["identification.required.inspection", "identification.required.erasure"]
        );
        let email_only = Identification::parse(Some(&file(Some(&["email"]), &[]))).unwrap();
        assert!(!email_only.accepts(RequestKind::Correction, Proof::Oidc));
    }

    #[test]
    fn bad_values_name_their_field() {
        let errors =
            Identification::parse(Some(&file(Some(&["email", "letter"]), &[("inspektion", "oidc")])))
                .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["identification.accepted[1]", "identification.required.inspektion"]);
        let errors = Identification::parse(Some(&file(Some(&[]), &[]))).unwrap_err();
        assert_eq!(errors[0].field, "identification.accepted");
    }
}
