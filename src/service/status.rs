//! The requester's private status page (opened with the token from the receipt email) and
//! withdrawal of a request.

use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::AsyncConnection;
use serde_json::json;

use super::Context;
use crate::db::{self, DbError, requests, suppressions};
use crate::domain::event::Actor;
use crate::domain::lifecycle::{Action, Status};
use crate::domain::verification::{self, Purpose};
use crate::domain::{Language, RequestKind};

/// Events the requester sees on the status page; internal work (notes, assignment) stays hidden.
const VISIBLE_EVENTS: &[&str] = &[
    "submitted",
    "verified",
    "suppression_recorded",
    "requester_asked",
    "requester_answered",
    "deadline_extended",
    "completed",
    "refused",
    "withdrawn",
    "suppression_lifted",
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
    pub deadline: Option<NaiveDate>,
    pub timeline: Vec<(DateTime<Utc>, String)>,
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
    let (Ok(kind), Ok(status)) = (request.kind.parse::<RequestKind>(), request.status.parse::<Status>())
    else {
        return Ok(None);
    };
    let timeline = db::events::chain(&mut conn, request.id)
        .await?
        .into_iter()
        .filter(|e| VISIBLE_EVENTS.contains(&e.kind.as_str()))
        .map(|e| (e.occurred_at, e.kind))
        .collect();
    Ok(Some(StatusView {
        reference: request.reference,
        register_key: request.register_key,
        kind,
        status,
        language: request.language.parse().unwrap_or(Language::En),
        received_on: request.received_on,
        deadline: request.effective_deadline,
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
        let Ok(status) = request.status.parse::<Status>() else { return Ok(Withdrawal::NotFound) };
        let Ok(next) = status.apply(Action::Withdraw) else { return Ok(Withdrawal::NotAllowed { status }) };
        requests::set_status(conn, request.id, next.as_str(), Some(now), now).await?;
        db::events::append(
            conn,
            request.id,
            &request.reference,
            &Actor::Requester,
            "withdrawn",
            json!({}),
            now,
        )
        .await?;
        let lifted = suppressions::lift_for_request(conn, request.id, now).await?;
        if lifted > 0 {
            db::events::append(
                conn,
                request.id,
                &request.reference,
                &Actor::System,
                "suppression_lifted",
                json!({ "entries": lifted }),
                now,
            )
            .await?;
        }
        tracing::info!(reference = %request.reference, "request withdrawn");
        Ok(Withdrawal::Withdrawn { reference: request.reference })
    })
    .await
}
