//! The `webhook_deliveries` and `webhook_attempts` tables: one row per objection event and
//! endpoint, and one per attempt to deliver it (status code or error).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{webhook_attempts, webhook_deliveries};
use crate::domain::{DeliveryId, DeliveryStatus, RequestId, WebhookEvent};

/// A delivery to queue.
pub struct NewDelivery<'a> {
    pub request_id: RequestId,
    pub register_key: &'a str,
    pub endpoint: &'a str,
    pub event_id: &'a str,
    pub event_type: WebhookEvent,
    pub occurred_at: DateTime<Utc>,
}

pub async fn insert(conn: &mut AsyncPgConnection, d: &NewDelivery<'_>) -> Result<DeliveryId, DbError> {
    Ok(diesel::insert_into(webhook_deliveries::table)
        .values((
            webhook_deliveries::request_id.eq(d.request_id),
            webhook_deliveries::register_key.eq(d.register_key),
            webhook_deliveries::endpoint.eq(d.endpoint),
            webhook_deliveries::event_id.eq(d.event_id),
            webhook_deliveries::event_type.eq(d.event_type),
            webhook_deliveries::occurred_at.eq(d.occurred_at),
        ))
        .returning(webhook_deliveries::id)
        .get_result(conn)
        .await?)
}

/// One event to one endpoint, and where its delivery stands.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries, check_for_backend(diesel::pg::Pg))]
pub struct Delivery {
    pub id: DeliveryId,
    pub request_id: RequestId,
    pub register_key: String,
    pub endpoint: String,
    pub event_id: String,
    pub event_type: WebhookEvent,
    pub occurred_at: DateTime<Utc>,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
}

pub async fn find(conn: &mut AsyncPgConnection, id: DeliveryId) -> Result<Option<Delivery>, DbError> {
    Ok(webhook_deliveries::table.find(id).select(Delivery::as_select()).first(conn).await.optional()?)
}

/// The deliveries of a request's events, oldest first.
pub async fn of_request(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Vec<Delivery>, DbError> {
    Ok(webhook_deliveries::table
        .filter(webhook_deliveries::request_id.eq(request_id))
        .select(Delivery::as_select())
        .order(webhook_deliveries::id)
        .load(conn)
        .await?)
}

/// One attempt: the endpoint's HTTP status, or why there was none (or why it failed).
pub struct Attempt<'a> {
    pub number: i32,
    pub status_code: Option<u16>,
    pub error: Option<&'a str>,
    pub at: DateTime<Utc>,
}

/// Records an attempt and where the delivery stands after it: `Delivered`, `Failing` (retried at
/// `next_attempt_at`) or `Failed` (given up).
pub async fn record(
    conn: &mut AsyncPgConnection,
    id: DeliveryId,
    attempt: &Attempt<'_>,
    status: DeliveryStatus,
    next_attempt_at: Option<DateTime<Utc>>,
) -> Result<(), DbError> {
    let status_code = attempt.status_code.map(i32::from);
    diesel::insert_into(webhook_attempts::table)
        .values((
            webhook_attempts::delivery_id.eq(id.0),
            webhook_attempts::attempt.eq(attempt.number),
            webhook_attempts::status_code.eq(status_code),
            webhook_attempts::error.eq(attempt.error),
            webhook_attempts::attempted_at.eq(attempt.at),
        ))
        .execute(conn)
        .await?;
    let delivered = status == DeliveryStatus::Delivered;
    let delivered_at = delivered.then_some(attempt.at);
    let last_error = match (delivered, attempt.error, attempt.status_code) {
        (true, _, _) => None,
        (false, Some(error), _) => Some(error.to_owned()),
        (false, None, code) => Some(format!("HTTP {}", code.unwrap_or_default())),
    };
    diesel::update(webhook_deliveries::table.find(id))
        .set((
            webhook_deliveries::status.eq(status),
            webhook_deliveries::attempts.eq(attempt.number),
            webhook_deliveries::last_error.eq(last_error),
            webhook_deliveries::next_attempt_at.eq(next_attempt_at),
            webhook_deliveries::delivered_at.eq(delivered_at),
        ))
        .execute(conn)
        .await?;
    Ok(())
}
