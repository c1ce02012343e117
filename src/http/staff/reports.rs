//! `GET /staff/reports/deadlines?month=YYYY-MM[&register=KEY][&format=csv|json|html]`: the monthly
//! deadline report of the signed-in staff member's registers. Another register answers 404, like
//! every other staff route; a bad month or format answers 422 with the field named.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use serde::Deserialize;
use tokio::sync::mpsc;

use crate::domain::report::Month;
use crate::domain::{Jurisdiction, deadline};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::error_pages::wants_html;
use crate::http::fields::parse;
use crate::http::form::query;
use crate::http::respond::{back_to, html_page};
use crate::http::session::Staff;
use crate::service::report::{self, CsvWriter, Format, ReportError, Scope};

/// Bytes gathered before a chunk of the CSV is handed to the connection.
const CHUNK_BYTES: usize = 32 * 1024;
/// Chunks in flight between the database reader and a slow client: the back-pressure that keeps
/// the server's memory flat (at most about this many × [`CHUNK_BYTES`] per download).
const CHUNKS_IN_FLIGHT: usize = 4;

/// The report's query as typed.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct ReportQuery {
    month: String,
    register: String,
    format: String,
    /// CSV for Excel: a UTF-8 byte-order mark first, without which Excel reads the file as the
    /// system's legacy code page and mangles ä, ö and õ.
    bom: String,
}

fn given(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

/// `GET /staff/reports/deadlines`.
pub async fn deadlines(
    req: HttpRequest,
    state: web::Data<AppState>,
    Staff(user): Staff,
) -> Result<HttpResponse, AppError> {
    // An error page of a browser leads back to the report of the current month.
    back_to(&req, "/staff/reports/deadlines".into());
    let q: ReportQuery = query(&req)?;
    let now = state.ctx.clock.now();
    // The navigation link carries no month: it opens the current one.
    let month = given(&q.month)
        .map(str::to_owned)
        .unwrap_or_else(|| Month::containing(deadline::receipt_date(Jurisdiction::Fi, now)).to_string());
    let format: Format = parse("format", given(&q.format).unwrap_or("html"))?;
    let (scope, problem) = match Scope::new(&month, given(&q.register), &user.registers, now) {
        Ok(scope) => (scope, None),
        // A browser's form comes back with the month and format as typed and the current
        // month's report.
        Err(ReportError::Month(reason)) if wants_html(&req) => {
            let current = Month::containing(deadline::receipt_date(Jurisdiction::Fi, now)).to_string();
            (
                Scope::new(&current, given(&q.register), &user.registers, now)?,
                Some({
                    let t = user.tr();
                    format!("{}: {}", t.get("staff-report-month"), t.msg(&reason))
                }),
            )
        }
        Err(e) => return Err(e.into()),
    };
    let bom = given(&q.bom).is_some();
    let mut reader = report::Reader::open(&state.ctx.pool).await?;
    match format {
        Format::Csv if problem.is_none() => {
            let name = scope.file_name("csv");
            Ok(HttpResponse::Ok()
                .content_type("text/csv; charset=utf-8")
                .insert_header(header::ContentDisposition {
                    disposition: header::DispositionType::Attachment,
                    parameters: vec![header::DispositionParam::Filename(name)],
                })
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .streaming(csv_stream(reader, scope, now, bom)))
        }
        Format::Json if problem.is_none() => {
            let report = reader.collect(&scope, now).await?;
            drop(reader);
            Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(report))
        }
        Format::Csv | Format::Json | Format::Html => {
            let report = reader.collect(&scope, now).await?;
            drop(reader);
            let csrf = user.csrf_token(&state.ctx);
            let registers = user.registers.clone();
            let page = report::Page {
                t: user.tr(),
                user: Some(user),
                csrf,
                registers,
                month: if problem.is_some() { month } else { scope.month.to_string() },
                register: scope.register.clone().unwrap_or_default(),
                format: format.as_str().to_owned(),
                bom,
                report,
                problem,
            };
            let status =
                if page.problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
            html_page(status, &page)
        }
    }
}

type Chunk = Result<web::Bytes, std::io::Error>;

/// The CSV as a body stream: a task owns the connection, reads the rows as PostgreSQL sends them
/// and hands chunks over a bounded channel, so a slow client slows the reading instead of growing
/// a buffer. A failure after the first bytes can only cut the response short (the client sees an
/// incomplete transfer, never a complete-looking file).
fn csv_stream(
    mut reader: report::Reader,
    scope: Scope,
    now: chrono::DateTime<chrono::Utc>,
    bom: bool,
) -> impl futures_util::Stream<Item = Chunk> + 'static {
    let (tx, rx) = mpsc::channel::<Chunk>(CHUNKS_IN_FLIGHT);
    tokio::spawn(async move {
        let failed = |e: &dyn std::fmt::Display| std::io::Error::other(e.to_string());
        let result: Result<(), std::io::Error> = async {
            let mut csv = CsvWriter::new().map_err(|e| failed(&e))?;
            let mut rows = std::pin::pin!(reader.rows(&scope, now).await.map_err(|e| failed(&e))?);
            let mut pending = Vec::with_capacity(CHUNK_BYTES * 2);
            if bom {
                pending.extend_from_slice("\u{feff}".as_bytes());
            }
            while let Some(row) = rows.next().await {
                csv.push(&row.map_err(|e| failed(&e))?).map_err(|e| failed(&e))?;
                pending.extend(csv.take().map_err(|e| failed(&e))?);
                if pending.len() >= CHUNK_BYTES {
                    let chunk = std::mem::replace(&mut pending, Vec::with_capacity(CHUNK_BYTES * 2));
                    if tx.send(Ok(web::Bytes::from(chunk))).await.is_err() {
                        return Ok(()); // the client went away
                    }
                }
            }
            pending.extend(csv.take().map_err(|e| failed(&e))?);
            let _ = tx.send(Ok(web::Bytes::from(pending))).await;
            Ok(())
        }
        .await;
        if let Err(e) = result {
            tracing::error!(error = %e, month = %scope.month, "deadline report CSV cut short");
            let _ = tx.send(Err(e)).await;
        }
    });
    futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|chunk| (chunk, rx)) })
}
