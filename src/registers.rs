//! Loads the register files of `config/registers/` and validates them; any problem stops start-up
//! with the file and the field named.

use std::fmt;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Format, Toml};

use crate::domain::Register;
use crate::domain::register::RegisterFile;

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
        match Register::try_from(raw) {
            Ok(register) => {
                if let Some((first, _)) = registers.iter().find(|(_, r)| r.key == register.key) {
                    problems.push(problem(
                        &file,
                        "key",
                        format!("duplicate key `{}` (already used by {})", register.key, first.display()),
                    ));
                } else {
                    registers.push((file, register));
                }
            }
            Err(errors) => {
                problems.extend(errors.into_iter().map(|e| problem(&file, e.field, e.reason)));
            }
        }
    }
    if registers.is_empty() && problems.is_empty() {
        problems.push(problem(dir, "", "no register files (*.toml) found".into()));
    }
    if problems.is_empty() {
        Ok(registers.into_iter().map(|(_, r)| r).collect())
    } else {
        Err(RegisterErrors(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_seed_registers_load() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/registers");
        let registers = load_dir(&dir).unwrap();
        let keys: Vec<&str> = registers.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["jaccara", "jerone", "jokkerit", "konekesko", "webstrella"]);
        let jerone = registers.iter().find(|r| r.key == "jerone").unwrap();
        assert_eq!(jerone.jurisdiction, crate::domain::Jurisdiction::Fi);
        assert_eq!(jerone.default_language(), crate::domain::Language::Et);
        let konekesko = registers.iter().find(|r| r.key == "konekesko").unwrap();
        assert_eq!(konekesko.objection_purposes.len(), 7);
    }
}
