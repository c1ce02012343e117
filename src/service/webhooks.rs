//! Objection webhooks: an objection to direct marketing that takes effect (or is lifted) queues one
//! delivery per endpoint of the register that wants the event, in the transaction of the
//! suppression change, so that a rolled-back change tells no one. The job `deliver_webhook`
//! (`jobs::webhooks`) sends them; the body is built when sent, from the suppression entries, so that
//! the queue holds no personal data.

use chrono::{DateTime, Utc};
use diesel_async::AsyncPgConnection;
use serde_json::json;

use crate::db::webhooks::{Delivery, NewDelivery};
use crate::db::{DbError, jobs, suppressions, webhooks};
use crate::domain::webhook::{Event, ObjectionData, new_event_id};
use crate::domain::{Register, RequestId, WebhookEvent};

/// Job kind of one delivery (payload `{"delivery": id}`).
pub const DELIVER_WEBHOOK: &str = "deliver_webhook";

/// Queues `event` of `request_id` to every endpoint of `register` that wants it; returns how many.
/// Call inside the transaction that records or lifts the suppression entries.
pub(crate) async fn enqueue(
    conn: &mut AsyncPgConnection,
    register: &Register,
    request_id: RequestId,
    event: WebhookEvent,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    // A register whose file was removed keeps no endpoints: its secrets are no longer read.
    if !register.active {
        return Ok(0);
    }
    let event_id = new_event_id();
    let mut queued = 0;
    for hook in register.webhooks.iter().filter(|h| h.wants(event)) {
        let id = webhooks::insert(
            conn,
            &NewDelivery {
                request_id,
                register_key: &register.key,
                endpoint: &hook.name,
                event_id: &event_id,
                event_type: event,
                occurred_at: now,
            },
        )
        .await?;
        let key = format!("webhook:{id}");
        jobs::enqueue(conn, DELIVER_WEBHOOK, json!({ "delivery": id }), Some(&key), now, now).await?;
        queued += 1;
    }
    Ok(queued)
}

/// The JSON body of a delivery, from its request's suppression entries as they stand (the lifted
/// ones for a lifting event); `None` when there are none left (the request was anonymised after
/// the objection was lifted).
pub async fn body(conn: &mut AsyncPgConnection, delivery: &Delivery) -> Result<Option<String>, DbError> {
    let entries: Vec<_> = suppressions::of_request(conn, delivery.request_id)
        .await?
        .into_iter()
        .filter(|e| delivery.event_type == WebhookEvent::ObjectionRecorded || e.lifted_at.is_some())
        .collect();
    let Some(first) = entries.first() else { return Ok(None) };
    let identifier =
        |kind: &str| entries.iter().find(|e| e.identifier_kind == kind).map(|e| e.identifier.clone());
    let mut purposes: Vec<_> = entries.iter().map(|e| e.purpose).collect();
    purposes.sort();
    purposes.dedup();
    let mut channels: Vec<_> = entries.iter().map(|e| e.channel).collect();
    channels.sort();
    channels.dedup();
    let event = Event {
        kind: delivery.event_type,
        timestamp: delivery.occurred_at,
        data: ObjectionData {
            register: delivery.register_key.clone(),
            reference: first.reference.to_string(),
            email: identifier("email"),
            phone: identifier("phone"),
            purposes,
            channels,
        },
    };
    serde_json::to_string(&event).map(Some).map_err(|e| DbError::corrupt(format!("webhook body: {e}")))
}
