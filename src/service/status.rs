//! The requester's private status page (opened with the token from the receipt email) and
//! withdrawal of a request, confirmed to the requester by email.

use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncConnection;
use serde_json::json;

use super::Context;
use super::decisions;
use super::letters;
use super::queue::ActionError;
use super::staff_notices::{self, Notice, To};
use crate::db::{self, DbError, requests, suppressions};
use crate::domain::deadline;
use crate::domain::event::Actor;
use crate::domain::lifecycle::{Action, Status};
use crate::domain::verification::{self, Purpose};
use crate::domain::{EventKind, Language, RequestKind, WebhookEvent};
use crate::email::StaffNoticeEvent;
use crate::email::{self, Email};

/// Events the requester sees on the status page; internal work (notes, assignment) stays hidden.
const VISIBLE_EVENTS: &[EventKind] = &[
    EventKind::Submitted,
    EventKind::Verified,
    EventKind::SuppressionRecorded,
    EventKind::RequesterAsked,
    EventKind::RequesterAnswered,
    EventKind::DeadlineExtended,
    EventKind::Completed,
    EventKind::Refused,
    EventKind::Withdrawn,
    EventKind::SuppressionLifted,
    EventKind::AnswerOpened,
    EventKind::AttachmentDownloaded,
];

/// What the status page shows.
#[derive(Debug, Clone)]
pub struct StatusView {
    pub reference: String,
    pub register_key: String,
    pub kind: RequestKind,
    pub status: Status,
    pub language: Language,
    pub received_on: NaiveDate,
    /// The deadline in force while the request is open and verified, computed today: during a
    /// pause, the projection "if the answer came today" (never a stale stored date).
    pub deadline: Option<NaiveDate>,
    /// Since when the deadline has been paused, waiting for the requester.
    pub paused_since: Option<NaiveDate>,
    /// Each visible event: when, the day in the register's time zone, and what.
    pub timeline: Vec<(DateTime<Utc>, NaiveDate, String)>,
    /// The unanswered question of the handler, if the request waits for the requester.
    pub question: Option<String>,
    /// The day the request was closed (answered, refused, withdrawn or expired).
    pub closed_on: Option<NaiveDate>,
    /// What came of a closed request.
    pub outcome: Option<Outcome>,
}

/// What came of a closed request, as its status page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Answered. `download`: the answer is behind a download link (the status token opens it
    /// too), with the last day it opens, or `None` once it has closed.
    Completed { download: Option<Option<NaiveDate>> },
    /// Refused, with the handler's reasons; the page names the supervisory authority.
    Refused { reasons: String },
}

impl StatusView {
    pub fn can_withdraw(&self) -> bool {
        self.status.apply(Action::Withdraw).is_ok()
    }
}

/// The request behind a status token, if the token is valid.
pub async fn view(ctx: &Context, token: &str) -> Result<Option<StatusView>, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(None);
    }
    let mut conn = db::conn(&ctx.pool).await?;
    let hash = ctx.hasher.hash(Purpose::StatusToken, token);
    let Some(request) = requests::find_by_status_token(&mut conn, &hash).await? else { return Ok(None) };
    let (kind, status) = (request.kind, request.status);
    let jurisdiction = ctx
        .any_register(&request.register_key)
        .ok_or_else(|| {
            DbError::corrupt(format!("request of unconfigured register {}", request.register_key))
        })?
        .jurisdiction;
    let timeline = db::events::chain(&mut conn, request.id)
        .await?
        .into_iter()
        .filter(|e| VISIBLE_EVENTS.iter().any(|k| k.as_str() == e.kind))
        .map(|e| {
            // Confirmed by strong electronic identification, not by the emailed code or link.
            let kind = if e.kind == EventKind::Verified.as_str() && e.payload["method"] == "oidc" {
                "verified-identified".to_owned()
            } else {
                e.kind
            };
            (e.occurred_at, deadline::receipt_date(jurisdiction, e.occurred_at), kind)
        })
        .collect();
    let deadlines = if status.is_open() && request.verified_at.is_some() {
        let pauses = db::requests::pauses(&mut conn, request.id).await?;
        let today = deadline::receipt_date(jurisdiction, ctx.clock.now());
        Some(deadline::compute(jurisdiction, request.received_on, &pauses, today))
    } else {
        None
    };
    let question = if status == Status::AwaitingRequester {
        db::requests::questions(&mut conn, request.id)
            .await?
            .into_iter()
            .rev()
            .find(|q| q.answered_on.is_none())
            .and_then(|q| q.question)
    } else {
        None
    };
    let now = ctx.clock.now();
    let outcome = match status {
        Status::Completed => {
            let download = db::answers::download_of_request(&mut conn, request.id).await?.map(|a| {
                a.download_expires_at.filter(|at| *at > now).map(|at| {
                    // The link works until the moment it expires: its last whole day is the day before.
                    let day = deadline::receipt_date(jurisdiction, at);
                    day.pred_opt().unwrap_or(day)
                })
            });
            Some(Outcome::Completed { download })
        }
        Status::Refused => db::answers::of_request(&mut conn, request.id)
            .await?
            .map(|a| Outcome::Refused { reasons: a.message.unwrap_or_default() }),
        _ => None,
    };
    Ok(Some(StatusView {
        closed_on: request.closed_at.map(|at| deadline::receipt_date(jurisdiction, at)),
        outcome,
        question,
        reference: request.reference.to_string(),
        register_key: request.register_key,
        kind,
        status,
        language: request.language,
        received_on: request.received_on,
        deadline: deadlines.map(|d| d.due(request.extended)),
        paused_since: deadlines.and_then(|d| d.paused_since),
        timeline,
    }))
}

/// The result of a withdrawal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withdrawal {
    Withdrawn { reference: String },
    NotAllowed { status: Status },
    NotFound,
}

/// Withdraws the request behind a status token; an objection's suppression entries are lifted.
pub async fn withdraw(ctx: &Context, token: &str) -> Result<Withdrawal, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(Withdrawal::NotFound);
    }
    let now = ctx.clock.now();
    let hash = ctx.hasher.hash(Purpose::StatusToken, token);
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let Some(found) = requests::find_by_status_token(conn, &hash).await? else {
            return Ok(Withdrawal::NotFound);
        };
        let Some(request) = requests::lock_by_id(conn, found.id).await? else {
            return Ok(Withdrawal::NotFound);
        };
        let status = request.status;
        let Ok(next) = status.apply(Action::Withdraw) else { return Ok(Withdrawal::NotAllowed { status }) };
        requests::set_status(conn, request.id, next, Some(now), now).await?;
        db::events::append(
            conn,
            request.id,
            request.reference.as_str(),
            &Actor::Requester,
            EventKind::Withdrawn,
            json!({}),
            now,
        )
        .await?;
        let lifted = suppressions::lift_for_request(conn, request.id, now).await?;
        if let Some(register) = ctx.register(&request.register_key).filter(|_| lifted > 0) {
            super::webhooks::enqueue(conn, register, request.id, WebhookEvent::ObjectionLifted, now).await?;
        }
        if lifted > 0 {
            db::events::append(
                conn,
                request.id,
                request.reference.as_str(),
                &Actor::System,
                EventKind::SuppressionLifted,
                json!({ "entries": lifted }),
                now,
            )
            .await?;
        }
        // The requester is told what ended, in the request's language (by letter when there is
        // no email address; nowhere once there is no address at all), and whoever handles the
        // request that there is nothing more to do.
        if let Some(register) = ctx.any_register(&request.register_key) {
            let notice =
                Notice { event: StaffNoticeEvent::Withdrawn, to: To::Handler, by: None, deadline: None };
            staff_notices::notify(conn, ctx, register, &request, notice, now).await?;
            let language = request.language;
            let mail = Email::Withdrawal(email::WithdrawalMail {
                sender: ctx.sender(register, language),
                reference: request.reference.to_string(),
                name: request.requester_name.clone().unwrap_or_default(),
                kind: request.kind,
                withdrawn_on: deadline::receipt_date(register.jurisdiction, now),
                status_link: ctx.link(&format!("/status/{token}?lang={language}")),
            });
            letters::to_requester(conn, ctx, &request, register, mail, now).await?;
        }
        tracing::info!(reference = %request.reference, "request withdrawn");
        Ok(Withdrawal::Withdrawn { reference: request.reference.to_string() })
    })
    .await
}

/// The result of an answer sent from the status page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Received,
    /// The request does not wait for an answer (any more).
    NotAwaited,
    /// Empty or too long.
    Invalid,
    NotFound,
}

/// The requester answers the handler's question on the status page: the pause closes today and
/// the handler's work resumes (LAW.md §1.4).
pub async fn reply(ctx: &Context, token: &str, text: &str) -> Result<Reply, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(Reply::NotFound);
    }
    let Ok(text) =
        crate::domain::answer::required_text("answer", text, crate::domain::Msg::new("what-message"))
    else {
        return Ok(Reply::Invalid);
    };
    let now = ctx.clock.now();
    let hash = ctx.hasher.hash(Purpose::StatusToken, token);
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let Some(found) = requests::find_by_status_token(conn, &hash).await? else {
            return Ok(Reply::NotFound);
        };
        let Some(row) = requests::lock_by_id(conn, found.id).await? else { return Ok(Reply::NotFound) };
        let status = row.status;
        let register = ctx.any_register(&row.register_key).ok_or_else(|| {
            DbError::corrupt(format!(
                "request {} of unconfigured register {}",
                row.reference, row.register_key
            ))
        })?;
        if status != Status::AwaitingRequester {
            return Ok(Reply::NotAwaited);
        }
        let today = crate::domain::deadline::receipt_date(register.jurisdiction, now);
        let locked = decisions::Locked { row, status, register, today, now };
        match decisions::resume(conn, &locked, &Actor::Requester, locked.today, Some(&text)).await {
            Ok(d) => {
                let due = Some(d.due(locked.row.extended));
                let notice = Notice {
                    event: StaffNoticeEvent::RequesterAnswered,
                    to: To::Handler,
                    by: None,
                    deadline: due,
                };
                staff_notices::notify(conn, ctx, register, &locked.row, notice, now).await?;
                Ok(Reply::Received)
            }
            Err(ActionError::Db(e)) => Err(e),
            Err(_) => Ok(Reply::NotAwaited),
        }
    })
    .await
}
