//! `GET /staff/admin/audit` (administrators): the audit log newest first, filtered by person,
//! action and date, a page at a time; `format=csv|json` exports every matching record. A bad
//! filter brings the page back with 422, the filters as typed and the field named.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::Msg;
use crate::domain::StaffId;
use crate::domain::audit::AuditAction;
use crate::error::AppError;
use crate::http::AppState;
use crate::http::fields::parse_optional;
use crate::http::form::query;
use crate::http::respond::html_page;
use crate::http::session::Admin;
use crate::i18n::Tr;
use crate::service::admin::{self, Account};
use crate::service::audit::{self, AuditFilter, Listed};
use crate::service::auth::StaffUser;

/// Records per page.
const PAGE: i64 = 100;
/// Most records one export holds (narrow the dates for more).
const EXPORT_LIMIT: i64 = 100_000;

/// The filters as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    person: String,
    action: String,
    from: String,
    until: String,
    format: String,
    before: String,
}

/// One record as listed and exported.
#[derive(Debug, Clone, Serialize)]
struct Line {
    seq: i64,
    occurred_at: DateTime<Utc>,
    actor: String,
    actor_email: Option<String>,
    action: &'static str,
    subject: String,
    address: Option<String>,
    details: serde_json::Value,
    hash: String,
}

impl From<Listed> for Line {
    fn from(l: Listed) -> Self {
        let r = l.record;
        Line {
            seq: r.seq,
            occurred_at: r.occurred_at,
            actor: match (r.actor_staff_id, l.actor_name) {
                (Some(_), Some(name)) => name,
                _ => r.actor_kind,
            },
            actor_email: l.actor_email,
            action: r.action.as_str(),
            subject: r.subject,
            address: r.address,
            details: r.details,
            hash: hex::encode(&r.hash),
        }
    }
}

#[derive(Template)]
#[template(path = "staff/audit.html")]
struct AuditPage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    q: AuditQuery,
    accounts: Vec<Account>,
    actions: Vec<&'static str>,
    lines: Vec<Line>,
    next_link: Option<String>,
    problem: Option<String>,
}

impl AuditPage {
    fn person_is(&self, id: &StaffId) -> bool {
        self.q.person.trim() == id.to_string()
    }
}

/// A date filter: the start of that day (UTC).
fn day(field: &str, value: &str) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(parse_optional::<NaiveDate>(field, Some(value))
        .map_err(|_| AppError::invalid(field, Msg::new("problem-date")))?
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc()))
}

fn filter(q: &AuditQuery, limit: i64) -> Result<AuditFilter, AppError> {
    let until = day("until", &q.until)?.map(|d| d + chrono::Duration::days(1));
    Ok(AuditFilter {
        actor: parse_optional::<StaffId>("person", Some(&q.person))
            .map_err(|_| AppError::invalid("person", Msg::new("problem-staff-member")))?,
        action: parse_optional::<AuditAction>("action", Some(&q.action))?,
        from: day("from", &q.from)?,
        until,
        before_seq: parse_optional::<i64>("before", Some(&q.before))
            .map_err(|_| AppError::invalid("before", Msg::new("problem-number")))?,
        limit,
    })
}

/// `GET /staff/admin/audit`.
pub async fn audit_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    Admin(user): Admin,
) -> Result<HttpResponse, AppError> {
    let q: AuditQuery = query(&req)?;
    let format = q.format.trim();
    if !matches!(format, "" | "html" | "csv" | "json") {
        return Err(AppError::invalid("format", Msg::new("problem-audit-format")));
    }
    let export = format == "csv" || format == "json";
    let (filtered, problem) = match filter(&q, if export { EXPORT_LIMIT } else { PAGE + 1 }) {
        Ok(f) => (f, None),
        Err(e) if !export => {
            (AuditFilter { limit: PAGE + 1, ..AuditFilter::default() }, super::form_message(&user.tr(), &e))
        }
        Err(e) => return Err(e),
    };
    let listed = audit::list(&state.ctx, &filtered).await?;
    if export {
        let lines: Vec<Line> = listed.into_iter().map(Line::from).collect();
        return export_lines(format, &lines);
    }
    let more = listed.len() as i64 > PAGE;
    let lines: Vec<Line> = listed.into_iter().take(PAGE as usize).map(Line::from).collect();
    let next_link = more.then(|| lines.last().map(|l| next_link(&q, l.seq))).flatten();
    let page = AuditPage {
        t: user.tr(),
        csrf: user.csrf_token(&state.ctx),
        user: Some(user),
        accounts: admin::accounts(&state.ctx.pool).await?,
        actions: AuditAction::ALL.iter().map(|a| a.as_str()).collect(),
        q,
        lines,
        next_link,
        problem,
    };
    let status = if page.problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    html_page(status, &page)
}

fn next_link(q: &AuditQuery, last_seq: i64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in [("person", &q.person), ("action", &q.action), ("from", &q.from), ("until", &q.until)]
    {
        if !value.trim().is_empty() {
            query.append_pair(key, value.trim());
        }
    }
    query.append_pair("before", &last_seq.to_string());
    format!("/staff/admin/audit?{}", query.finish())
}

fn export_lines(format: &str, lines: &[Line]) -> Result<HttpResponse, AppError> {
    let (content_type, body) = if format == "json" {
        ("application/json", serde_json::to_vec(lines).map_err(anyhow::Error::from)?)
    } else {
        let mut csv = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        csv.write_record([
            "seq",
            "occurred_at",
            "actor",
            "actor_email",
            "action",
            "subject",
            "address",
            "details",
            "hash",
        ])
        .map_err(anyhow::Error::from)?;
        for l in lines {
            csv.write_record([
                l.seq.to_string(),
                l.occurred_at.to_rfc3339(),
                l.actor.clone(),
                l.actor_email.clone().unwrap_or_default(),
                l.action.to_owned(),
                l.subject.clone(),
                l.address.clone().unwrap_or_default(),
                l.details.to_string(),
                l.hash.clone(),
            ])
            .map_err(anyhow::Error::from)?;
        }
        ("text/csv; charset=utf-8", csv.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(header::ContentDisposition {
            disposition: header::DispositionType::Attachment,
            parameters: vec![header::DispositionParam::Filename(format!("audit.{format}"))],
        })
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}
