//! Collecting a requester's data from the company's systems (`domain::sources`) and carrying out
//! erasure there. Verification of an inspection, portability or erasure request queues a job
//! that runs every lookup of the register's sources in parallel (per-source timeout, retries of
//! transient failures) and stores each result; staff review it on the request page, re-run a
//! source, and leave rows or columns out (third parties' data) with a reason in the event. Nothing
//! leaves without a handler's answer: completing an inspection or portability request turns the
//! reviewed data into the answer's files (JSON, and CSV per lookup), and the printable copy is the
//! download's print view. An approved erasure runs each source's steps (one transaction per SQL
//! source) and records what each did.

use chrono::{DateTime, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde::Deserialize;
use serde_json::json;

use super::Context;
use super::auth::StaffUser;
use super::queue::{ActionError, lock_visible};
use crate::db::collections::{self as stored, CollectionRow};
use crate::db::requests::RequestRow;
use crate::db::sources::{Connections, SourceError};
use crate::db::{self, DbError};
use crate::domain::event::Actor;
use crate::domain::register::LocalizedText;
pub use crate::domain::sources::cell;
use crate::domain::sources::{COPY_JSON, CopiedLookup, DataCopy, DataSource, Erasure, Identifiers, Records};
use crate::domain::{CollectionStatus, Email, EventKind, Language, Msg, Register, RequestId, RequestKind};

/// The job that collects a request's data (payload `{"request_id", "source"}`).
pub const COLLECT_JOB: &str = "collect_data";
/// The job that runs a request's approved erasure steps (payload `{"request_id"}`).
pub const ERASE_JOB: &str = "erase_in_sources";

/// Whether a request of `kind` collects: inspection and erasure all lookups, portability those of
/// data the requester provided.
fn collects(kind: RequestKind, lookup_provided: bool) -> bool {
    match kind {
        RequestKind::Inspection | RequestKind::Erasure => true,
        RequestKind::Portability => lookup_provided,
        _ => false,
    }
}

/// The `(source, lookup)` pairs a request of `kind` collects.
fn plan(register: &Register, kind: RequestKind, only: Option<&str>) -> Vec<(String, String)> {
    register
        .data_sources
        .iter()
        .filter(|s| only.is_none_or(|o| o == s.name))
        .flat_map(|s| {
            s.lookups
                .iter()
                .filter(|l| collects(kind, l.provided_by_requester))
                .map(|l| (s.name.clone(), l.name.clone()))
        })
        .collect()
}

/// Queues the collection of a request just verified, in the verifying transaction (nothing when
/// the register has no data sources or the kind collects nothing).
pub(crate) async fn start_on_verification(
    conn: &mut AsyncPgConnection,
    request: &RequestRow,
    register: &Register,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    queue(conn, request.id, register, request.kind, None, now).await
}

async fn queue(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    register: &Register,
    kind: RequestKind,
    only: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let lookups = plan(register, kind, only);
    if lookups.is_empty() {
        return Ok(());
    }
    stored::start(conn, request_id, &lookups).await?;
    let payload = json!({ "request_id": request_id, "source": only });
    db::jobs::enqueue(conn, COLLECT_JOB, payload, None, now, now).await?;
    Ok(())
}

/// The identifiers a request's steps may use: the verified email address, and the phone number
/// and customer number as given (never enough alone).
fn identifiers(row: &RequestRow) -> Identifiers {
    let verified = row.verified_at.is_some();
    Identifiers {
        email: row
            .requester_email
            .as_deref()
            .filter(|_| verified)
            .map(|e| Email::parse(e).map(|e| e.normalised()).unwrap_or_else(|_| e.to_lowercase())),
        phone: row.requester_phone.clone(),
        customer_number: row.customer_number.clone(),
    }
}

/// The payload of a collection job.
#[derive(Debug, Deserialize)]
pub struct CollectJob {
    pub request_id: RequestId,
    #[serde(default)]
    pub source: Option<String>,
}

/// One lookup's outcome, before it is stored.
struct Outcome {
    source: String,
    lookup: String,
    status: CollectionStatus,
    reason: Option<String>,
    records: Option<Records>,
    attempts: i32,
}

/// Runs one lookup with the source's retries for transient failures.
async fn run_lookup(
    sources: &Connections,
    register: &str,
    source: &DataSource,
    lookup: &str,
    ids: &Identifiers,
) -> Outcome {
    let (status, reason, records, attempts) = lookup_attempts(sources, register, source, lookup, ids).await;
    Outcome { source: source.name.clone(), lookup: lookup.to_owned(), status, reason, records, attempts }
}

async fn lookup_attempts(
    sources: &Connections,
    register: &str,
    source: &DataSource,
    lookup: &str,
    ids: &Identifiers,
) -> (CollectionStatus, Option<String>, Option<Records>, i32) {
    let Some(step) = source.lookups.iter().find(|l| l.name == lookup).map(|l| l.step.clone()) else {
        return (CollectionStatus::NotRun, Some("the lookup is no longer configured".into()), None, 0);
    };
    if let Err(not_run) = step.runnable(ids) {
        return (CollectionStatus::NotRun, Some(not_run.to_string()), None, 0);
    }
    let retries = i32::try_from(source.retries).unwrap_or(0);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let result = sources.lookup(register, source, &step, ids).await;
        match result {
            Ok(records) if records.rows.is_empty() => {
                return (CollectionStatus::Empty, None, Some(records), attempts);
            }
            Ok(records) => return (CollectionStatus::Ok, None, Some(records), attempts),
            Err(e) if e.is_transient() && attempts <= retries => {
                tracing::info!(error = e.kind(), attempts, "lookup failed; retrying");
            }
            Err(e) => {
                tracing::warn!(error = e.kind(), attempts, "lookup failed");
                return (CollectionStatus::Failed, Some(e.to_string()), None, attempts);
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(200 << attempts.min(5))).await;
    }
}

/// The lookups of one source, one after another.
async fn run_source(
    sources: &Connections,
    register: &str,
    source: &DataSource,
    lookups: Vec<String>,
    ids: &Identifiers,
) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for lookup in lookups {
        outcomes.push(run_lookup(sources, register, source, &lookup, ids).await);
    }
    outcomes
}

/// The collection job: runs the request's pending lookups, every source at once (the lookups of
/// one source one after another), and stores each outcome. Returns how many lookups ran.
pub async fn collect(
    ctx: &Context,
    conn: &mut AsyncPgConnection,
    job: &CollectJob,
) -> Result<usize, DbError> {
    let Some(row) = db::requests::lock_by_id(conn, job.request_id).await? else { return Ok(0) };
    let Some(register) = ctx.register(&row.register_key) else { return Ok(0) };
    let pending: Vec<CollectionRow> = stored::of_request(conn, row.id)
        .await?
        .into_iter()
        .filter(|c| c.status == CollectionStatus::Pending)
        .filter(|c| job.source.as_deref().is_none_or(|s| s == c.source))
        .collect();
    let ids = identifiers(&row);
    let mut by_source = Vec::new();
    for source in &register.data_sources {
        let lookups: Vec<String> =
            pending.iter().filter(|c| c.source == source.name).map(|c| c.lookup.clone()).collect();
        by_source.push(run_source(&ctx.sources, &register.key, source, lookups, &ids));
    }
    let outcomes: Vec<Outcome> =
        futures_util::future::join_all(by_source).await.into_iter().flatten().collect();
    let now = ctx.clock.now();
    for o in &outcomes {
        stored::record(
            conn,
            row.id,
            &o.source,
            &o.lookup,
            o.status,
            o.reason.as_deref(),
            o.records.as_ref(),
            o.attempts,
            now,
        )
        .await?;
    }
    let summary: Vec<_> = outcomes
        .iter()
        .map(|o| json!({ "source": o.source, "lookup": o.lookup, "status": o.status, "rows": o.records.as_ref().map(|r| r.rows.len()) }))
        .collect();
    db::events::append(
        conn,
        row.id,
        row.reference.as_str(),
        &Actor::System,
        EventKind::DataCollected,
        json!({ "lookups": summary }),
        now,
    )
    .await?;
    Ok(outcomes.len())
}

/// Re-runs one source's lookups for a request (after the system was down, or its configuration
/// was fixed).
pub async fn rerun(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    source: &str,
) -> Result<(), ActionError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, ActionError, _>(async |conn| {
        let row = lock_visible(conn, user, reference).await?;
        if !row.status.is_open() {
            return Err(ActionError::Refused(Msg::new("refused-collect-closed").state("state", row.status)));
        }
        let register = ctx.register(&row.register_key).ok_or(ActionError::NotFound)?;
        if !register.data_sources.iter().any(|s| s.name == source) {
            return Err(ActionError::invalid(
                "source",
                Msg::new("problem-unknown-source").text("source", source),
            ));
        }
        queue(conn, row.id, register, row.kind, Some(source), now).await?;
        db::events::append(
            conn,
            row.id,
            row.reference.as_str(),
            &Actor::Staff(user.id),
            EventKind::DataCollectionRequested,
            json!({ "source": source }),
            now,
        )
        .await?;
        Ok(())
    })
    .await
}

/// Leaves rows (by their number in the lookup, from 1) and columns of a lookup out of the answer,
/// with the reason (e.g. another person's data, GDPR Art 15(4)) recorded in the event.
pub async fn exclude(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    target: &Exclusion,
) -> Result<(), ActionError> {
    let reason = target.reason.trim();
    if reason.is_empty() {
        return Err(ActionError::invalid("reason", Msg::new("problem-exclusion-reason")));
    }
    if target.rows.is_empty() && target.columns.is_empty() {
        return Err(ActionError::invalid("rows", Msg::new("problem-exclusion-nothing")));
    }
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, ActionError, _>(async |conn| {
        let row = lock_visible(conn, user, reference).await?;
        if !row.status.is_open() {
            return Err(ActionError::Refused(
                Msg::new("refused-transition").state("state", row.status).term("action", "action-changed"),
            ));
        }
        let current = stored::of_request(conn, row.id)
            .await?
            .into_iter()
            .find(|c| c.source == target.source && c.lookup == target.lookup)
            .ok_or_else(|| ActionError::invalid("lookup", Msg::new("problem-unknown-lookup")))?;
        let records = current.records()?.unwrap_or_default();
        let mut indexes = Vec::new();
        for n in &target.rows {
            let index = n.checked_sub(1).filter(|i| *i < records.rows.len());
            let index = index.and_then(|i| i32::try_from(i).ok()).ok_or_else(|| {
                ActionError::invalid(
                    "rows",
                    Msg::new("problem-no-such-row").text("row", n).text("rows", records.rows.len()),
                )
            })?;
            indexes.push(index);
        }
        if let Some(unknown) = target.columns.iter().find(|c| !records.columns.contains(c)) {
            return Err(ActionError::invalid(
                "columns",
                Msg::new("problem-no-such-column").text("column", unknown),
            ));
        }
        stored::exclude(conn, row.id, &target.source, &target.lookup, &indexes, &target.columns).await?;
        // The reason may describe people: it is kept as a note (anonymised with the request), the
        // event (kept for good) says what was left out.
        let note = format!("Left out of the answer ({} / {}): {reason}", target.source, target.lookup);
        db::notes::add(conn, row.id, user.id, &note, now).await?;
        db::events::append(
            conn,
            row.id,
            row.reference.as_str(),
            &Actor::Staff(user.id),
            EventKind::DataExcluded,
            json!({
                "source": target.source,
                "lookup": target.lookup,
                "rows": target.rows,
                "columns": target.columns,
            }),
            now,
        )
        .await?;
        Ok(())
    })
    .await
}

/// What a handler leaves out of the answer.
#[derive(Debug, Clone, Default)]
pub struct Exclusion {
    pub source: String,
    pub lookup: String,
    /// Row numbers as shown (from 1).
    pub rows: Vec<usize>,
    pub columns: Vec<String>,
    pub reason: String,
}

/// One lookup as the request page shows it.
#[derive(Debug, Clone)]
pub struct LookupView {
    pub source: String,
    pub lookup: String,
    /// The data category, in the register's original language.
    pub category: String,
    pub status: CollectionStatus,
    pub reason: Option<String>,
    pub records: Records,
    pub excluded_rows: Vec<usize>,
    pub excluded_columns: Vec<String>,
    pub collected_at: Option<DateTime<Utc>>,
}

/// One erasure step as the request page shows it.
#[derive(Debug, Clone)]
pub struct ErasureView {
    pub source: String,
    pub step: String,
    pub effect: String,
    /// `pending` (not run yet), `done` or `failed`.
    pub status: String,
    pub rows_affected: Option<i64>,
    pub reason: Option<String>,
}

/// The data collected for a request, and its erasure steps (configured, and run so far).
pub struct Collected {
    pub lookups: Vec<LookupView>,
    pub erasures: Vec<ErasureView>,
}

impl Collected {
    pub fn is_empty(&self) -> bool {
        self.lookups.is_empty() && self.erasures.is_empty()
    }
}

/// What has been collected for a request the user may see (`None` for others' requests).
pub async fn view(ctx: &Context, user: &StaffUser, reference: &str) -> Result<Option<Collected>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(row) = super::queue::find_visible(&mut conn, user, reference).await? else { return Ok(None) };
    let Some(register) = ctx.register(&row.register_key) else { return Ok(None) };
    collected(&mut conn, register, &row).await.map(Some)
}

/// The register data category a lookup's rows belong to.
fn category_of<'r>(register: &'r Register, source: &str, lookup: &str) -> Option<&'r LocalizedText> {
    let lookup =
        register.data_sources.iter().find(|s| s.name == source)?.lookups.iter().find(|l| l.name == lookup)?;
    register.sections.data_categories.as_ref()?.get(lookup.category)
}

/// What has been collected for `row` and what its erasure would run.
pub async fn collected(
    conn: &mut AsyncPgConnection,
    register: &Register,
    row: &RequestRow,
) -> Result<Collected, DbError> {
    let category = |source: &str, lookup: &str| {
        category_of(register, source, lookup).map(|c| c.original().to_owned()).unwrap_or_default()
    };
    let mut lookups = Vec::new();
    for c in stored::of_request(conn, row.id).await? {
        lookups.push(LookupView {
            category: category(&c.source, &c.lookup),
            records: c.records()?.unwrap_or_default(),
            excluded_rows: c.excluded_rows(),
            excluded_columns: c.excluded_columns(),
            source: c.source,
            lookup: c.lookup,
            status: c.status,
            reason: c.reason,
            collected_at: c.collected_at,
        });
    }
    let mut erasures = Vec::new();
    if row.kind == RequestKind::Erasure {
        let done = stored::erasures_of(conn, row.id).await?;
        for source in &register.data_sources {
            for step in &source.erasures {
                let run = done.iter().find(|d| d.source == source.name && d.step == step.name);
                erasures.push(ErasureView {
                    source: source.name.clone(),
                    step: step.name.clone(),
                    effect: match step.effect {
                        crate::domain::sources::ErasureEffect::Erased => "erased".into(),
                        crate::domain::sources::ErasureEffect::Anonymised => "anonymised".into(),
                    },
                    status: run.map_or_else(|| "pending".into(), |r| r.status.clone()),
                    rows_affected: run.and_then(|r| r.rows_affected),
                    reason: run.and_then(|r| r.reason.clone()),
                });
            }
        }
    }
    Ok(Collected { lookups, erasures })
}

/// A generated file of the answer.
pub struct CopyFile {
    pub file_name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// The reviewed data of a request as the answer's files, for an inspection or portability answer
/// (`format` limits a portability copy to the requested one). Refused while a lookup is still
/// pending or failed: an answer must not silently miss a system.
pub async fn copy_files(
    conn: &mut AsyncPgConnection,
    register: &Register,
    row: &RequestRow,
    language: Language,
    portability_format: Option<crate::domain::PortabilityFormat>,
) -> Result<Option<(Vec<CopyFile>, usize)>, ActionError> {
    let rows = stored::of_request(conn, row.id).await?;
    if rows.is_empty() {
        return Ok(None);
    }
    if let Some(open) =
        rows.iter().find(|c| matches!(c.status, CollectionStatus::Pending | CollectionStatus::Failed))
    {
        let key = if open.status == CollectionStatus::Pending {
            "refused-collection-pending"
        } else {
            "refused-collection-failed"
        };
        return Err(ActionError::Refused(
            Msg::new(key).text("source", &open.source).text("lookup", &open.lookup),
        ));
    }
    let mut copy = DataCopy { reference: row.reference.to_string(), collected_at: None, lookups: Vec::new() };
    for c in &rows {
        copy.collected_at = copy.collected_at.max(c.collected_at);
        let Some(records) = c.records()? else { continue };
        if records.rows.is_empty() {
            continue;
        }
        let (excluded_rows, excluded_columns) = (c.excluded_rows(), c.excluded_columns());
        let keep: Vec<usize> =
            (0..records.columns.len()).filter(|i| !excluded_columns.contains(&records.columns[*i])).collect();
        let columns: Vec<String> = keep.iter().map(|i| records.columns[*i].clone()).collect();
        let objects: Vec<serde_json::Map<String, serde_json::Value>> = records
            .rows
            .iter()
            .enumerate()
            .filter(|(i, _)| !excluded_rows.contains(i))
            .map(|(_, r)| {
                keep.iter()
                    .map(|i| (records.columns[*i].clone(), r.get(*i).cloned().unwrap_or_default()))
                    .collect()
            })
            .collect();
        if objects.is_empty() {
            continue;
        }
        let category = category_of(register, &c.source, &c.lookup)
            .map(|t| t.get(language).text.to_owned())
            .unwrap_or_default();
        copy.lookups.push(CopiedLookup {
            source: c.source.clone(),
            lookup: c.lookup.clone(),
            category,
            rows: objects,
            columns,
        });
    }
    let found: usize = copy.lookups.iter().map(|l| l.rows.len()).sum();
    if found == 0 {
        return Ok(Some((Vec::new(), 0)));
    }
    let mut files = Vec::new();
    let json_wanted = portability_format.is_none_or(|f| f == crate::domain::PortabilityFormat::Json);
    let csv_wanted = portability_format.is_none_or(|f| f == crate::domain::PortabilityFormat::Csv);
    if json_wanted {
        let content = serde_json::to_vec_pretty(&copy).map_err(|e| DbError::corrupt(format!("copy: {e}")))?;
        files.push(CopyFile {
            file_name: COPY_JSON.into(),
            content_type: "application/json".into(),
            content,
        });
    }
    if csv_wanted {
        for l in &copy.lookups {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let csv_error = |e: csv::Error| DbError::corrupt(format!("copy: {e}"));
            writer.write_record(&l.columns).map_err(csv_error)?;
            for object in &l.rows {
                let cells: Vec<String> = l.columns.iter().map(|c| cell(object.get(c))).collect();
                writer.write_record(&cells).map_err(csv_error)?;
            }
            let content = writer.into_inner().map_err(|e| DbError::corrupt(format!("copy: {e}")))?;
            files.push(CopyFile {
                file_name: format!("{}-{}.csv", l.source, l.lookup),
                content_type: "text/csv".into(),
                content,
            });
        }
    }
    Ok(Some((files, found)))
}

/// Approves and queues the erasure steps of every source for an erasure request.
pub async fn approve_erasure(ctx: &Context, user: &StaffUser, reference: &str) -> Result<(), ActionError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, ActionError, _>(async |conn| {
        let row = lock_visible(conn, user, reference).await?;
        if row.kind != RequestKind::Erasure || !row.status.is_open() {
            return Err(ActionError::Refused(Msg::new("refused-erase-not-erasure")));
        }
        let register = ctx.register(&row.register_key).ok_or(ActionError::NotFound)?;
        if !register.data_sources.iter().any(|s| !s.erasures.is_empty()) {
            return Err(ActionError::Refused(Msg::new("refused-no-erasure-steps")));
        }
        db::jobs::enqueue(conn, ERASE_JOB, json!({ "request_id": row.id }), None, now, now).await?;
        db::events::append(
            conn,
            row.id,
            row.reference.as_str(),
            &Actor::Staff(user.id),
            EventKind::ErasureApproved,
            json!({}),
            now,
        )
        .await?;
        Ok(())
    })
    .await
}

/// The erasure job: each source's steps not yet done, every source at once; one transaction per
/// SQL source. Returns how many steps ran.
pub async fn erase(
    ctx: &Context,
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<usize, DbError> {
    let Some(row) = db::requests::lock_by_id(conn, request_id).await? else { return Ok(0) };
    let Some(register) = ctx.register(&row.register_key) else { return Ok(0) };
    if !row.status.is_open() {
        return Ok(0);
    }
    let done = stored::erasures_of(conn, row.id).await?;
    let ids = identifiers(&row);
    let runs: Vec<_> = register
        .data_sources
        .iter()
        .filter(|s| !s.erasures.is_empty())
        .map(|source| {
            let steps: Vec<&Erasure> = source
                .erasures
                .iter()
                .filter(|e| {
                    !done.iter().any(|d| d.source == source.name && d.step == e.name && d.status == "done")
                })
                .collect();
            erase_source(ctx, &register.key, source, steps, &ids)
        })
        .collect();
    let results = futures_util::future::join_all(runs).await;
    let now = ctx.clock.now();
    let mut ran = 0;
    let mut summary = Vec::new();
    for (source, steps, result) in results {
        for (i, step) in steps.iter().enumerate() {
            ran += 1;
            let outcome = match &result {
                Ok(affected) => Ok(affected.get(i).copied().flatten()),
                Err(e) => Err(e.to_string()),
            };
            if let Err(e) = &result {
                tracing::warn!(source = %source.name, step = %step.name, error = e.kind(), "erasure step failed");
            }
            stored::record_erasure(
                conn,
                row.id,
                &source.name,
                &step.name,
                step.effect,
                outcome.as_ref().map(|r| *r).map_err(String::as_str),
                now,
            )
            .await?;
            summary.push(json!({
                "source": source.name,
                "step": step.name,
                "effect": step.effect,
                "done": outcome.is_ok(),
                "rows": outcome.as_ref().ok().copied().flatten(),
            }));
        }
    }
    db::events::append(
        conn,
        row.id,
        row.reference.as_str(),
        &Actor::System,
        EventKind::ErasedInSources,
        json!({ "steps": summary }),
        now,
    )
    .await?;
    Ok(ran)
}

/// The erasure steps of one source, retried while the failure is transient.
async fn erase_source<'a>(
    ctx: &Context,
    register: &str,
    source: &'a DataSource,
    steps: Vec<&'a Erasure>,
    ids: &Identifiers,
) -> (&'a DataSource, Vec<&'a Erasure>, Result<Vec<Option<u64>>, SourceError>) {
    if steps.is_empty() {
        return (source, steps, Ok(Vec::new()));
    }
    if let Some(not_run) = steps.iter().find_map(|s| s.step.runnable(ids).err()) {
        return (source, steps, Err(SourceError::NotConfigured(not_run.to_string())));
    }
    let mut attempts = 0;
    loop {
        attempts += 1;
        match ctx.sources.erase(register, source, &steps, ids).await {
            Err(e) if e.is_transient() && attempts <= source.retries => {
                tokio::time::sleep(std::time::Duration::from_millis(200 << attempts.min(5))).await;
            }
            result => return (source, steps, result),
        }
    }
}

/// Whether every erasure step of the request's sources is done (`Err` names one that is not).
pub async fn erasure_finished(
    conn: &mut AsyncPgConnection,
    register: &Register,
    row: &RequestRow,
) -> Result<(), ActionError> {
    let done = stored::erasures_of(conn, row.id).await?;
    for source in &register.data_sources {
        for step in &source.erasures {
            match done.iter().find(|d| d.source == source.name && d.step == step.name) {
                Some(d) if d.status == "done" => {}
                Some(_) => {
                    return Err(ActionError::Refused(
                        Msg::new("refused-erasure-failed")
                            .text("source", &source.name)
                            .text("step", &step.name),
                    ));
                }
                None => {
                    return Err(ActionError::Refused(
                        Msg::new("refused-erasure-not-run")
                            .text("source", &source.name)
                            .text("step", &step.name),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A dry run of every lookup of `register` for `ids` (`dsr-desk sources lookup`): what a request
/// would collect, as JSON; nothing is stored.
pub async fn dry_run(sources: &Connections, register: &Register, ids: &Identifiers) -> serde_json::Value {
    let runs: Vec<_> = register
        .data_sources
        .iter()
        .map(|source| {
            run_source(
                sources,
                &register.key,
                source,
                source.lookups.iter().map(|l| l.name.clone()).collect(),
                ids,
            )
        })
        .collect();
    let outcomes: Vec<Outcome> = futures_util::future::join_all(runs).await.into_iter().flatten().collect();
    let lookups: Vec<_> = outcomes
        .into_iter()
        .map(|o| {
            json!({
                "source": o.source,
                "lookup": o.lookup,
                "status": o.status,
                "reason": o.reason,
                "rows": o.records.map(|r| r.objects()).unwrap_or_default(),
            })
        })
        .collect();
    json!({ "register": register.key, "lookups": lookups })
}
