//! Data sources: the company's own systems a register's data live in (a shop's PostgreSQL or
//! MySQL/MariaDB database, a newsletter tool's HTTP API), declared in the register file under
//! `[[data_sources]]`. Each has named **lookups**, which collect a requester's data for an
//! inspection, portability or erasure request, and optional **erasure** steps, which delete or
//! anonymise them once a handler approves.
//!
//! Identity safety is decided here: a step runs only for identifiers that were verified (the
//! email address); a lookup that would select by an unverified phone number or customer number
//! alone is skipped, never run.

mod sql;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use sql::{Dialect, SqlTemplate};

/// Longest time a source may take for one step.
pub const MAX_TIMEOUT_SECS: u32 = 120;
/// Most retries of a failed step.
pub const MAX_RETRIES: u32 = 5;

/// An identifier of the requester a step may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Identifier {
    Email,
    Phone,
    CustomerNumber,
}

impl Identifier {
    pub const ALL: [Identifier; 3] = [Identifier::Email, Identifier::Phone, Identifier::CustomerNumber];

    /// The name in a step: `:email` in SQL, `{email}` in an HTTP path.
    pub fn name(self) -> &'static str {
        match self {
            Identifier::Email => "email",
            Identifier::Phone => "phone",
            Identifier::CustomerNumber => "customer_number",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Identifier::ALL.into_iter().find(|i| i.name() == name)
    }
}

/// The requester's identifiers for one run, each marked verified or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identifiers {
    /// The verified email address (normalised).
    pub email: Option<String>,
    /// As the requester gave them; not verified.
    pub phone: Option<String>,
    pub customer_number: Option<String>,
}

impl Identifiers {
    pub fn value(&self, identifier: Identifier) -> Option<&str> {
        match identifier {
            Identifier::Email => self.email.as_deref(),
            Identifier::Phone => self.phone.as_deref(),
            Identifier::CustomerNumber => self.customer_number.as_deref(),
        }
    }

    /// Only the email address is ever verified (by its code or link).
    pub fn is_verified(&self, identifier: Identifier) -> bool {
        identifier == Identifier::Email && self.email.is_some()
    }
}

/// Why a step does not run for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRun {
    /// It does not match the verified email address: an unverified identifier alone never
    /// selects anyone's data.
    Unverified,
    /// It uses an identifier the request does not have.
    Missing(Identifier),
}

impl std::fmt::Display for NotRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotRun::Unverified => f.write_str(
                "not run: it does not match the verified email address, and an unverified phone number or customer number alone never selects anyone's data",
            ),
            NotRun::Missing(i) => write!(f, "not run: the request has no {}", i.name().replace('_', " ")),
        }
    }
}

/// The kind of system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceSystem {
    Postgres,
    Mysql,
    Http,
}

/// An HTTP method a step may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum HttpMethod {
    Get,
    Post,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// A path with `{identifier}` placeholders, appended to the source's base URL; each value is
/// percent-encoded into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    text: String,
    uses: Vec<Identifier>,
}

impl PathTemplate {
    fn parse(text: &str) -> Result<Self, String> {
        if !text.starts_with('/') {
            return Err("must start with `/`".into());
        }
        let mut uses = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { return Err("has a `{` without `}`".into()) };
            let name = &rest[open + 1..open + close];
            let identifier = Identifier::parse(name).ok_or_else(|| {
                format!("uses `{{{name}}}`; the identifiers are {{email}}, {{phone}} and {{customer_number}}")
            })?;
            if !uses.contains(&identifier) {
                uses.push(identifier);
            }
            rest = &rest[open + close + 1..];
        }
        Ok(PathTemplate { text: text.to_owned(), uses })
    }

    /// The path with the identifiers filled in (percent-encoded).
    pub fn fill(&self, ids: &Identifiers) -> Result<String, NotRun> {
        check_identifiers(&self.uses, ids)?;
        let mut out = self.text.clone();
        for identifier in &self.uses {
            let value = ids.value(*identifier).unwrap_or_default();
            let encoded = percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC);
            out = out.replace(&format!("{{{}}}", identifier.name()), &encoded.to_string());
        }
        Ok(out)
    }

    pub fn uses(&self) -> &[Identifier] {
        &self.uses
    }
}

/// The identity rule: the step must match the verified email address, and every identifier it
/// uses must be there.
fn check_identifiers(uses: &[Identifier], ids: &Identifiers) -> Result<(), NotRun> {
    if !uses.iter().any(|i| ids.is_verified(*i)) {
        return Err(NotRun::Unverified);
    }
    match uses.iter().find(|i| ids.value(**i).is_none()) {
        Some(missing) => Err(NotRun::Missing(*missing)),
        None => Ok(()),
    }
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Sql(SqlTemplate),
    Http {
        method: HttpMethod,
        path: PathTemplate,
        /// JSON pointer to the records in the answer (RFC 6901); empty = the whole answer.
        records: String,
    },
}

impl Step {
    /// Whether the step may run for these identifiers.
    pub fn runnable(&self, ids: &Identifiers) -> Result<(), NotRun> {
        match self {
            Step::Sql(sql) => check_identifiers(sql.uses(), ids),
            Step::Http { path, .. } => check_identifiers(path.uses(), ids),
        }
    }
}

/// A named lookup: what it collects and for which data category of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub name: String,
    /// Index into the register's `data_categories`.
    pub category: usize,
    /// Data the requester provided (their portability copy, GDPR Art 20).
    pub provided_by_requester: bool,
    pub step: Step,
}

/// What an erasure step leaves behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErasureEffect {
    Erased,
    Anonymised,
}

/// A named erasure step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    pub name: String,
    pub effect: ErasureEffect,
    pub step: Step,
}

/// A configured data source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSource {
    pub name: String,
    pub system: SourceSystem,
    /// The environment variable with the connection URL (SQL) or base URL (HTTP).
    pub url_env: String,
    /// HTTP headers whose values are taken from environment variables (e.g. a bearer token).
    pub headers_env: Vec<(String, String)>,
    pub timeout_secs: u32,
    pub retries: u32,
    pub lookups: Vec<Lookup>,
    pub erasures: Vec<Erasure>,
}

/// A `[[data_sources]]` entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSourceFile {
    pub name: String,
    pub kind: String,
    pub url_env: String,
    #[serde(default)]
    pub headers_env: BTreeMap<String, String>,
    #[serde(default)]
    pub timeout_secs: Option<u32>,
    #[serde(default)]
    pub retries: Option<u32>,
    #[serde(default)]
    pub lookups: Vec<StepFile>,
    #[serde(default)]
    pub erasure: Vec<StepFile>,
}

/// A lookup or erasure step as written: `query`/`statement` for SQL, `method` + `path` (+
/// `records`) for HTTP.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepFile {
    pub name: String,
    /// Lookups: the register data category (its text in the register's original language).
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub provided_by_requester: bool,
    /// SQL lookups.
    #[serde(default)]
    pub query: Option<String>,
    /// SQL erasure steps.
    #[serde(default)]
    pub statement: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub records: Option<String>,
    /// Erasure steps: `erased` or `anonymised`.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// A problem in `[[data_sources]]`: the field and why.
pub type Problem = (String, String);

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn is_env_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Validates the `[[data_sources]]` of a register whose data categories, in its original
/// language, are `categories`.
pub fn validate(files: &[DataSourceFile], categories: &[String]) -> Result<Vec<DataSource>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let at = |field: &str| format!("data_sources[{i}].{field}");
        let mut problem = |field: String, reason: String| problems.push((field, reason));
        if !is_name(&file.name) {
            problem(
                at("name"),
                "must be 1–40 characters of a–z, 0–9, '_' and '-', starting with a letter".into(),
            );
        } else if files[..i].iter().any(|f| f.name == file.name) {
            problem(at("name"), format!("`{}` is used by another data source", file.name));
        }
        let system = match file.kind.as_str() {
            "postgres" => Some(SourceSystem::Postgres),
            "mysql" => Some(SourceSystem::Mysql),
            "http" => Some(SourceSystem::Http),
            other => {
                problem(at("kind"), format!("unknown kind `{other}`; expected postgres, mysql or http"));
                None
            }
        };
        if !is_env_name(&file.url_env) {
            problem(at("url_env"), "must name an environment variable (A–Z, 0–9, '_')".into());
        }
        for (header, env) in &file.headers_env {
            let header_ok =
                !header.is_empty() && header.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !header_ok || !is_env_name(env) {
                problem(
                    at(&format!("headers_env.{header}")),
                    "maps a header name to an environment variable".into(),
                );
            }
        }
        if system.is_some_and(|s| s != SourceSystem::Http) && !file.headers_env.is_empty() {
            problem(at("headers_env"), "is for HTTP sources only".into());
        }
        let timeout_secs = file.timeout_secs.unwrap_or(10);
        if !(1..=MAX_TIMEOUT_SECS).contains(&timeout_secs) {
            problem(at("timeout_secs"), format!("must be 1–{MAX_TIMEOUT_SECS}"));
        }
        let retries = file.retries.unwrap_or(1);
        if retries > MAX_RETRIES {
            problem(at("retries"), format!("must be 0–{MAX_RETRIES}"));
        }
        if file.lookups.is_empty() {
            problem(at("lookups"), "must list at least one lookup".into());
        }
        let Some(system) = system else { continue };
        let mut lookups = Vec::new();
        for (j, raw) in file.lookups.iter().enumerate() {
            let field = format!("data_sources[{i}].lookups[{j}]");
            match lookup(system, raw, categories, &field, &file.lookups[..j]) {
                Ok(l) => lookups.push(l),
                Err(mut p) => problems.append(&mut p),
            }
        }
        let mut erasures = Vec::new();
        for (j, raw) in file.erasure.iter().enumerate() {
            let field = format!("data_sources[{i}].erasure[{j}]");
            match erasure(system, raw, &field, &file.erasure[..j]) {
                Ok(e) => erasures.push(e),
                Err(mut p) => problems.append(&mut p),
            }
        }
        sources.push(DataSource {
            name: file.name.clone(),
            system,
            url_env: file.url_env.clone(),
            headers_env: file.headers_env.iter().map(|(h, e)| (h.clone(), e.clone())).collect(),
            timeout_secs,
            retries,
            lookups,
            erasures,
        });
    }
    if problems.is_empty() { Ok(sources) } else { Err(problems) }
}

/// The step of a lookup or erasure entry, checked for its system.
fn step(
    system: SourceSystem,
    raw: &StepFile,
    sql: Option<&str>,
    sql_field: &str,
    field: &str,
) -> Result<Step, Vec<Problem>> {
    let mut problems = Vec::new();
    let at = |name: &str| format!("{field}.{name}");
    match system {
        SourceSystem::Postgres | SourceSystem::Mysql => {
            if raw.method.is_some() || raw.path.is_some() || raw.records.is_some() {
                problems.push((at("method"), "method, path and records are for HTTP sources".into()));
            }
            match sql.map(str::trim).filter(|s| !s.is_empty()) {
                None => problems.push((at(sql_field), "is required for an SQL source".into())),
                Some(text) => match SqlTemplate::parse(text) {
                    Ok(t) => {
                        let keyword = t.first_keyword();
                        let allowed: &[&str] =
                            if sql_field == "query" { &["SELECT", "WITH"] } else { &["DELETE", "UPDATE"] };
                        if !allowed.contains(&keyword.as_str()) {
                            problems.push((
                                at(sql_field),
                                format!("must be a {} statement, not `{keyword}`", allowed.join(" or ")),
                            ));
                        }
                        if problems.is_empty() {
                            return Ok(Step::Sql(t));
                        }
                    }
                    Err(reason) => problems.push((at(sql_field), reason)),
                },
            }
        }
        SourceSystem::Http => {
            if sql.is_some() {
                problems.push((
                    at(sql_field),
                    format!("{sql_field} is for SQL sources; an HTTP step has method and path"),
                ));
            }
            let method = match raw.method.as_deref().unwrap_or("GET").to_ascii_uppercase().as_str() {
                "GET" => Some(HttpMethod::Get),
                "POST" => Some(HttpMethod::Post),
                "DELETE" => Some(HttpMethod::Delete),
                other => {
                    problems.push((
                        at("method"),
                        format!("unknown method `{other}`; expected GET, POST or DELETE"),
                    ));
                    None
                }
            };
            let path = match raw.path.as_deref() {
                None => {
                    problems.push((at("path"), "is required for an HTTP step".into()));
                    None
                }
                Some(p) => PathTemplate::parse(p).map_err(|reason| problems.push((at("path"), reason))).ok(),
            };
            let records = raw.records.clone().unwrap_or_default();
            if !records.is_empty() && !records.starts_with('/') {
                problems.push((at("records"), "must be a JSON pointer such as `/members` (or empty)".into()));
            }
            if let (Some(method), Some(path), true) = (method, path, problems.is_empty()) {
                return Ok(Step::Http { method, path, records });
            }
        }
    }
    Err(problems)
}

fn name_problems(name: &str, earlier: &[StepFile], field: &str) -> Vec<Problem> {
    if !is_name(name) {
        vec![(
            format!("{field}.name"),
            "must be 1–40 characters of a–z, 0–9, '_' and '-', starting with a letter".into(),
        )]
    } else if earlier.iter().any(|e| e.name == name) {
        vec![(format!("{field}.name"), format!("`{name}` is used twice in this source"))]
    } else {
        Vec::new()
    }
}

fn lookup(
    system: SourceSystem,
    raw: &StepFile,
    categories: &[String],
    field: &str,
    earlier: &[StepFile],
) -> Result<Lookup, Vec<Problem>> {
    let mut problems = name_problems(&raw.name, earlier, field);
    if raw.statement.is_some() || raw.outcome.is_some() {
        problems.push((format!("{field}.statement"), "statement and outcome are for erasure steps".into()));
    }
    let category = match raw.category.as_deref() {
        None => {
            problems.push((
                format!("{field}.category"),
                "is required: the register data category these data belong to".into(),
            ));
            None
        }
        Some(c) => {
            let found = categories.iter().position(|k| k.trim() == c.trim());
            if found.is_none() {
                problems.push((
                    format!("{field}.category"),
                    format!(
                        "`{c}` is not one of the register's data_categories (in its original language): {}",
                        categories.join("; ")
                    ),
                ));
            }
            found
        }
    };
    let step = step(system, raw, raw.query.as_deref(), "query", field);
    match (step, category) {
        (Ok(step), Some(category)) if problems.is_empty() => Ok(Lookup {
            name: raw.name.clone(),
            category,
            provided_by_requester: raw.provided_by_requester,
            step,
        }),
        (step, _) => {
            problems.extend(step.err().unwrap_or_default());
            Err(problems)
        }
    }
}

fn erasure(
    system: SourceSystem,
    raw: &StepFile,
    field: &str,
    earlier: &[StepFile],
) -> Result<Erasure, Vec<Problem>> {
    let mut problems = name_problems(&raw.name, earlier, field);
    if raw.query.is_some() || raw.category.is_some() || raw.provided_by_requester {
        problems.push((
            format!("{field}.query"),
            "query, category and provided_by_requester are for lookups".into(),
        ));
    }
    let effect = match raw.outcome.as_deref() {
        Some("erased") => Some(ErasureEffect::Erased),
        Some("anonymised") => Some(ErasureEffect::Anonymised),
        other => {
            problems.push((
                format!("{field}.outcome"),
                format!("`{}` is not an outcome; expected erased or anonymised", other.unwrap_or("")),
            ));
            None
        }
    };
    let step = step(system, raw, raw.statement.as_deref(), "statement", field);
    match (step, effect) {
        (Ok(step), Some(effect)) if problems.is_empty() => {
            Ok(Erasure { name: raw.name.clone(), effect, step })
        }
        (step, _) => {
            problems.extend(step.err().unwrap_or_default());
            Err(problems)
        }
    }
}

/// Most rows one lookup may collect: more is a misconfigured lookup, not one person's data.
pub const MAX_ROWS: usize = 100_000;

/// What one lookup collected: the columns in the lookup's order and each row's values in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

impl Records {
    /// Records from JSON objects (an HTTP answer): the columns in order of first appearance.
    pub fn from_objects(objects: &[serde_json::Map<String, serde_json::Value>]) -> Self {
        let mut columns: Vec<String> = Vec::new();
        for object in objects {
            for key in object.keys() {
                if !columns.contains(key) {
                    columns.push(key.clone());
                }
            }
        }
        let rows = objects
            .iter()
            .map(|o| columns.iter().map(|c| o.get(c).cloned().unwrap_or(serde_json::Value::Null)).collect())
            .collect();
        Records { columns, rows }
    }

    /// Each row as a JSON object (the machine-readable copy).
    pub fn objects(&self) -> Vec<serde_json::Map<String, serde_json::Value>> {
        self.rows.iter().map(|row| self.columns.iter().cloned().zip(row.iter().cloned()).collect()).collect()
    }
}

/// The name of the machine-readable copy among an answer's files.
pub const COPY_JSON: &str = "your-data.json";

/// The machine-readable copy: each source's lookups with their category and rows (what was left
/// out removed). Read back by the download's print view.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DataCopy {
    pub reference: String,
    pub collected_at: Option<chrono::DateTime<chrono::Utc>>,
    pub lookups: Vec<CopiedLookup>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CopiedLookup {
    pub source: String,
    pub lookup: String,
    /// The data category in the request's language.
    pub category: String,
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
    /// The columns in their order (a row object's keys are sorted).
    pub columns: Vec<String>,
}

/// A JSON value as a CSV cell: text as is, null empty, anything else as JSON.
pub fn cell(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}
