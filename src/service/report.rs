//! The monthly deadline report from the database: which requests, read as one stream in register,
//! receipt date and reference order, judged row by row by `domain::report`. The CSV is written
//! while the rows arrive, so its memory does not grow with the number of rows; JSON and HTML
//! collect the rows (they carry the summary first).

use askama::Template;
use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;
use futures_util::{Stream, StreamExt};
use serde::Serialize;

use super::auth::StaffUser;
use crate::db::DbError;
use crate::db::report::StoredRow;
use crate::domain::deadline::{self, Pause};
use crate::domain::report::{self, Month, Row, Stored, Summary, SummaryBuilder};
use crate::domain::{Jurisdiction, Register};
use crate::i18n::Tr;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Html,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| {
            format!("`{}` is not one of csv, json, html", s.chars().take(20).collect::<String>())
        })
    }
}

impl Format {
    const ALL: [Format; 3] = [Format::Csv, Format::Json, Format::Html];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

/// Why a report cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("month: {}", crate::i18n::english(.0))]
    Month(crate::domain::Msg),
    /// Not a register of the caller's (or not a register at all: the same answer).
    #[error("register: unknown register `{0}`")]
    UnknownRegister(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// What one report covers.
#[derive(Debug, Clone)]
pub struct Scope {
    pub month: Month,
    /// The register asked for, if one was.
    pub register: Option<String>,
    /// The registers read (the one asked for, or every register the caller sees).
    pub registers: Vec<String>,
}

impl Scope {
    /// Checks `month` (`YYYY-MM`, not after the current month) and `register` against the
    /// registers the caller may see.
    pub fn new(
        month: &str,
        register: Option<&str>,
        visible: &[String],
        now: DateTime<Utc>,
    ) -> Result<Self, ReportError> {
        let month = Month::parse(month.trim()).map_err(|e| {
            ReportError::Month(crate::domain::Msg::new("problem-month-format").text("month", e.0))
        })?;
        // The latest local date anywhere we serve: Helsinki and Tallinn share their offset.
        let today = deadline::receipt_date(Jurisdiction::Fi, now);
        if month > Month::containing(today) {
            return Err(ReportError::Month(
                crate::domain::Msg::new("problem-month-future").text("month", month),
            ));
        }
        let registers = match register {
            Some(key) if visible.iter().any(|v| v == key) => vec![key.to_owned()],
            Some(key) => return Err(ReportError::UnknownRegister(key.chars().take(40).collect())),
            None => {
                let mut all = visible.to_vec();
                all.sort();
                all
            }
        };
        Ok(Self { month, register: register.map(str::to_owned), registers })
    }

    /// The suggested file name, e.g. `deadline-report-2026-03-jokkerit.csv`.
    pub fn file_name(&self, extension: &str) -> String {
        match &self.register {
            Some(r) => format!("deadline-report-{}-{r}.{extension}", self.month),
            None => format!("deadline-report-{}.{extension}", self.month),
        }
    }
}

/// A stored row judged by the deadline rules as of `now` (or the month's end, if earlier).
fn judge(stored: StoredRow, month: Month, now: DateTime<Utc>) -> Row {
    let jurisdiction = stored.jurisdiction;
    let cutoff = month.last_day().min(deadline::receipt_date(jurisdiction, now));
    let pauses = stored
        .pause_asked
        .unwrap_or_default()
        .into_iter()
        .zip(stored.pause_answered.unwrap_or_default())
        .map(|(asked_on, answered_on)| Pause { asked_on, answered_on })
        .collect();
    report::judge(
        Stored {
            reference: stored.reference.to_string(),
            register: stored.register_key,
            jurisdiction,
            kind: stored.kind,
            channel: stored.channel,
            received_on: stored.received_on,
            deadline: stored.deadline,
            extended_deadline: stored.extended_deadline,
            extended: stored.extended,
            effective_deadline: stored.effective_deadline,
            closed_on: stored.closed_at.map(|at| deadline::receipt_date(jurisdiction, at)),
            status: stored.status,
            outcome: stored.outcome,
            handler: stored.handler,
            pauses,
        },
        cutoff,
    )
}

/// The report's rows as they arrive from PostgreSQL (rows are not buffered beyond the driver's
/// own read buffer, so a consumer that writes each row out keeps its memory flat).
pub async fn rows<'c>(
    conn: &'c mut AsyncPgConnection,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<impl Stream<Item = Result<Row, DbError>> + Send + 'c, DbError> {
    let month = scope.month;
    let stream = crate::db::report::rows(conn, &scope.registers, month.first_day(), month.last_day()).await?;
    Ok(stream.map(move |row| row.map(|r| judge(r, month, now))))
}

/// A connection reserved for reading one report (a CSV stream holds it until the last row).
pub struct Reader(crate::db::DbConn);

impl Reader {
    pub async fn open(pool: &crate::db::DbPool) -> Result<Self, DbError> {
        Ok(Self(crate::db::conn(pool).await?))
    }

    /// The report's rows as they arrive (see [`rows`]).
    pub async fn rows<'c>(
        &'c mut self,
        scope: &Scope,
        now: DateTime<Utc>,
    ) -> Result<impl Stream<Item = Result<Row, DbError>> + Send + 'c, DbError> {
        rows(&mut self.0, scope, now).await
    }

    /// The whole report (see [`collect`]).
    pub async fn collect(&mut self, scope: &Scope, now: DateTime<Utc>) -> Result<Report, DbError> {
        collect(&mut self.0, scope, now).await
    }

    /// Every register ever synced, active or not (the command line reports on all of them).
    pub async fn all_registers(&mut self) -> Result<Vec<String>, DbError> {
        crate::db::registers::all_keys(&mut self.0).await
    }
}

/// A whole report: the summary first, then every row.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub month: String,
    pub register: Option<String>,
    pub generated_at: DateTime<Utc>,
    pub summary: Summary,
    pub rows: Vec<Row>,
}

/// Reads the whole report (JSON and HTML).
pub async fn collect(
    conn: &mut AsyncPgConnection,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<Report, DbError> {
    let mut summary = SummaryBuilder::new(scope.month);
    let mut rows = Vec::new();
    let mut stream = std::pin::pin!(self::rows(conn, scope, now).await?);
    while let Some(row) = stream.next().await {
        let row = row?;
        summary.add(&row);
        rows.push(row);
    }
    Ok(Report {
        month: scope.month.to_string(),
        register: scope.register.clone(),
        generated_at: now,
        summary: summary.finish(&scope.registers),
        rows,
    })
}

/// The CSV (RFC 4180: CRLF line ends, a header row, UTF-8), written into a buffer that the caller
/// empties as it goes ([`CsvWriter::take`]).
pub struct CsvWriter {
    inner: csv::Writer<Shared>,
    buffer: Shared,
}

/// The buffer the CSV writer writes into and [`CsvWriter::take`] empties (csv's writer does not
/// lend its inner writer out, so both hold it).
#[derive(Clone, Default)]
struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl std::io::Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.lock().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CsvWriter {
    /// A writer that has written the header row.
    pub fn new() -> Result<Self, csv::Error> {
        let buffer = Shared::default();
        let mut inner =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(buffer.clone());
        inner.write_record(report::CSV_HEADER)?;
        Ok(Self { inner, buffer })
    }

    pub fn push(&mut self, row: &Row) -> Result<(), csv::Error> {
        self.inner.write_record(report::csv_record(row))
    }

    /// The bytes written since the last call.
    pub fn take(&mut self) -> Result<Vec<u8>, csv::Error> {
        self.inner.flush()?;
        Ok(std::mem::take(&mut *self.buffer.lock()))
    }
}

/// A whole report's CSV and summary in memory (the monthly email of one register).
pub async fn csv_with_summary(
    conn: &mut AsyncPgConnection,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<(String, Summary), anyhow::Error> {
    let mut summary = SummaryBuilder::new(scope.month);
    let mut csv = CsvWriter::new()?;
    let mut out = Vec::new();
    let mut stream = std::pin::pin!(rows(conn, scope, now).await?);
    while let Some(row) = stream.next().await {
        let row = row?;
        summary.add(&row);
        csv.push(&row)?;
    }
    out.extend(csv.take()?);
    Ok((String::from_utf8(out)?, summary.finish(&scope.registers)))
}

/// The HTML page (staff page and `dsr-desk report --format html`).
#[derive(Template)]
#[template(path = "staff/report.html")]
pub struct Page {
    /// The reader's language.
    pub t: Tr,
    pub user: Option<StaffUser>,
    pub csrf: String,
    /// The registers the form offers.
    pub registers: Vec<String>,
    /// The month as typed (it may be the bad one a problem names).
    pub month: String,
    pub register: String,
    /// The format chosen (`html`, `csv` or `json`), kept when the form comes back.
    pub format: String,
    /// The CSV-for-Excel checkbox, kept likewise.
    pub bom: bool,
    pub report: Report,
    /// What was wrong with the form's values ("month: ..."), shown above the form.
    pub problem: Option<String>,
}

/// The registers of the configuration by key, for the CLI (which sees every register).
pub fn register_keys(registers: &[Register]) -> Vec<String> {
    registers.iter().map(|r| r.key.clone()).collect()
}
