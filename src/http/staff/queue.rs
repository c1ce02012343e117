//! `GET /staff/queue`: the requests of the staff member's registers by effective deadline, with
//! filters. A filter that does not parse brings the page back with 422, the filters as typed and
//! the field named.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::lifecycle::Status;
use crate::domain::{RequestId, RequestKind, deadline};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::fields::{parse, parse_optional};
use crate::http::form::query;
use crate::http::respond::html_page;
use crate::http::session::Staff;
use crate::i18n::Tr;
use crate::service::auth::StaffUser;
use crate::service::queue::{self, QueueFilter};

use super::{form_message, kind_name, state_name};

/// The filters as typed (echoed back, and carried to the next page).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Filters {
    #[serde(skip_serializing_if = "String::is_empty")]
    register: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    status: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    mine: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    overdue: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    due_within: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    q: String,
    #[serde(skip_serializing)]
    after_deadline: String,
    #[serde(skip_serializing)]
    after_id: String,
}

/// The longest "due within" filter, in days (ten years): deadlines lie months ahead at most, and
/// a larger number would overflow the date it is added to.
const MAX_DUE_WITHIN_DAYS: i64 = 3660;

/// Years a page cursor's deadline may fall in (the link to the next page only ever holds real
/// deadlines).
const CURSOR_YEARS: std::ops::RangeInclusive<i32> = 2000..=9999;

fn given(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

impl Filters {
    /// "Assigned to me" is ticked.
    fn mine(&self) -> bool {
        given(&self.mine).is_some()
    }

    /// "Overdue" is ticked.
    fn overdue(&self) -> bool {
        given(&self.overdue).is_some()
    }

    /// The filter for the service; a 422 naming the first field that does not parse.
    fn parse(&self, user: &StaffUser) -> Result<QueueFilter, AppError> {
        let t = user.tr();
        let after = match (given(&self.after_deadline), given(&self.after_id)) {
            (Some(d), Some(id)) => Some((
                parse::<NaiveDate>("after_deadline", d)
                    .ok()
                    .filter(|d| CURSOR_YEARS.contains(&d.year()))
                    .ok_or_else(|| AppError::invalid("after_deadline", t.get("staff-queue-must-be-date")))?,
                parse::<i64>("after_id", id)
                    .ok()
                    .filter(|id| *id >= 0)
                    .map(RequestId)
                    .ok_or_else(|| AppError::invalid("after_id", t.get("staff-queue-must-be-number")))?,
            )),
            _ => None,
        };
        let due_within = parse_optional::<i64>("due_within", Some(&self.due_within))
            .ok()
            .filter(|days| days.is_none_or(|days| (0..=MAX_DUE_WITHIN_DAYS).contains(&days)))
            .ok_or_else(|| {
                let max = MAX_DUE_WITHIN_DAYS.to_string();
                AppError::invalid("due_within", t.fmt("staff-queue-must-be-days", &[("max", &max)]))
            })?;
        Ok(QueueFilter {
            register: given(&self.register).map(str::to_owned),
            kind: parse_optional::<RequestKind>("kind", Some(&self.kind))?,
            status: parse_optional::<Status>("status", Some(&self.status))?,
            assignee: self.mine().then_some(user.id),
            overdue: self.overdue(),
            due_within_days: due_within,
            search: given(&self.q).map(str::to_owned),
            after,
        })
    }

    /// The link to the page after the row (`deadline`, `id`) with the same filters.
    fn next_link(&self, (deadline, id): (NaiveDate, RequestId)) -> String {
        let filters = serde_html_form::to_string(self).unwrap_or_default();
        let mut query = form_urlencoded::Serializer::new(filters);
        query.append_pair("after_deadline", &deadline.to_string()).append_pair("after_id", &id.to_string());
        format!("/staff/queue?{}", query.finish())
    }
}

/// A queue row as shown.
struct Row {
    reference: String,
    kind: String,
    register: String,
    received: String,
    deadline: String,
    /// The dates as `YYYY-MM-DD`, for the `datetime` attribute.
    received_iso: String,
    deadline_iso: String,
    days_left: String,
    urgency: &'static str,
    assignee: String,
    status: String,
}

#[derive(Template)]
#[template(path = "staff/queue.html")]
struct QueuePage {
    t: Tr,
    user: Option<StaffUser>,
    csrf: String,
    /// Open requests per state: (code, name, count).
    counts: Vec<(String, String, i64)>,
    rows: Vec<Row>,
    registers: Vec<String>,
    /// (code, name) of each kind and state, for the filters.
    kinds: Vec<(&'static str, String)>,
    statuses: Vec<(&'static str, String)>,
    /// Whether the filters as typed name a known kind and state (else they are echoed as typed).
    kind_known: bool,
    status_known: bool,
    f: Filters,
    next_link: Option<String>,
    message: Option<String>,
}

/// `GET /staff/queue`.
pub async fn queue_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    Staff(user): Staff,
) -> Result<HttpResponse, AppError> {
    let f: Filters = query(&req)?;
    let t = user.tr();
    let mut page = QueuePage {
        csrf: user.csrf_token(&state.ctx),
        registers: user.registers.clone(),
        kinds: RequestKind::ALL.iter().map(|k| (k.as_str(), kind_name(&t, *k))).collect(),
        statuses: Status::ALL.iter().map(|s| (s.as_str(), state_name(&t, *s))).collect(),
        kind_known: RequestKind::ALL.iter().any(|k| k.as_str() == f.kind),
        status_known: Status::ALL.iter().any(|s| s.as_str() == f.status),
        counts: Vec::new(),
        rows: Vec::new(),
        next_link: None,
        message: None,
        user: None,
        f,
        t,
    };
    let filter = match page.f.parse(&user) {
        Ok(filter) => filter,
        Err(e) => {
            page.message = form_message(&page.t, &e);
            page.user = Some(user);
            return html_page(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let found = queue::page(&state.ctx, &user, &filter).await?;
    let now = state.ctx.clock.now();
    let t = &page.t;
    page.rows = found
        .rows
        .iter()
        .map(|r| {
            let jurisdiction = state.ctx.any_register(&r.register_key).map(|reg| reg.jurisdiction);
            let local_today =
                jurisdiction.map(|j| deadline::receipt_date(j, now)).unwrap_or(now.date_naive());
            // A paused request's stored date is only a projection that moves daily: no count.
            let paused = r.status == Status::AwaitingRequester;
            let left = r.effective_deadline.filter(|_| !paused).map(|d| deadline::days_left(d, local_today));
            Row {
                reference: r.reference.to_string(),
                kind: kind_name(t, r.kind),
                register: match state.ctx.register(&r.register_key) {
                    Some(_) => r.register_key.clone(),
                    None => t.fmt("staff-queue-inactive-register", &[("register", &r.register_key)]),
                },
                received: t.date(r.received_on),
                received_iso: r.received_on.to_string(),
                deadline_iso: r.effective_deadline.map(|d| d.to_string()).unwrap_or_default(),
                deadline: r.effective_deadline.map(|d| t.date(d)).unwrap_or_default(),
                days_left: if paused {
                    t.get("staff-queue-paused")
                } else {
                    left.map(|l| l.to_string()).unwrap_or_default()
                },
                urgency: match left {
                    _ if paused => "paused",
                    Some(l) if l < 0 => "overdue",
                    Some(l) if l <= 7 => "soon",
                    _ => "fine",
                },
                assignee: r.assignee.clone().unwrap_or_default(),
                status: state_name(t, r.status),
            }
        })
        .collect();
    page.counts = found
        .counts
        .iter()
        .map(|c| (c.status.as_str().to_owned(), state_name(&page.t, c.status), c.n))
        .collect();
    page.next_link = found.next.map(|after| page.f.next_link(after));
    page.user = Some(user);
    html_page(StatusCode::OK, &page)
}

/// `GET /staff`: the queue is the staff's front page.
pub async fn home(_: Staff) -> HttpResponse {
    crate::http::respond::redirect("/staff/queue")
}
