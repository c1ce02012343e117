//! What goes to the requester, by email or, for a requester without email (a request received by
//! letter, phone or visit), as a letter: the same message, stored for staff to print and post, and
//! recorded as posted with the date.

use chrono::{DateTime, NaiveDate, Utc};
use diesel_async::{AsyncConnection, AsyncPgConnection};
use serde_json::json;

use super::Context;
use super::auth::StaffUser;
use super::queue::{ActionError, find_visible, lock_visible};
use crate::db::requests::RequestRow;
use crate::db::{self, DbError, letters};
use crate::domain::event::Actor;
use crate::domain::{
    Email as Address, EventKind, Language, LetterId, Msg, PostalAddress, Register, RequestKind,
};
use crate::email::Email;
use crate::outbox::{Outgoing, enqueue};

/// How a message reached (or will reach) the requester.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Queued in the outbox.
    Email,
    /// Written as a letter to print and post.
    Letter(LetterId),
}

/// Where the request's messages go: its email address, else its postal address.
pub(crate) enum Recipient {
    Email(Address),
    Post,
}

/// The request's recipient (`None` when it has neither address, e.g. once anonymised).
pub(crate) fn recipient(row: &RequestRow) -> Option<Recipient> {
    if let Some(email) = row.requester_email.as_deref().and_then(|e| Address::parse(e).ok()) {
        return Some(Recipient::Email(email));
    }
    row.requester_postal_address
        .as_deref()
        .and_then(|a| PostalAddress::parse(a).ok())
        .map(|_| Recipient::Post)
}

/// Sends `email` to the requester of `row` in the caller's transaction: to the outbox when the
/// request has an email address, else as a letter. `None` when it has no address at all.
pub(crate) async fn to_requester(
    conn: &mut AsyncPgConnection,
    ctx: &Context,
    row: &RequestRow,
    register: &Register,
    email: Email,
    now: DateTime<Utc>,
) -> Result<Option<Delivery>, DbError> {
    match recipient(row) {
        Some(Recipient::Email(to)) => {
            enqueue(
                conn,
                &ctx.from,
                Outgoing {
                    request_id: Some(row.id),
                    register_key: Some(&register.key),
                    to: &to,
                    reply_to: ctx.reply_to(register).as_ref(),
                    language: row.language,
                    email,
                },
                now,
            )
            .await?;
            Ok(Some(Delivery::Email))
        }
        Some(Recipient::Post) => {
            let payload = serde_json::to_value(&email).map_err(|e| {
                DbError::corrupt(format!("letter {} not serialisable: {e}", email.template()))
            })?;
            let id = letters::insert(
                conn,
                &letters::NewLetter {
                    request_id: row.id,
                    template: email.template(),
                    language: row.language,
                    payload,
                    created_at: now,
                },
            )
            .await?;
            tracing::info!(reference = %row.reference, template = email.template(), letter = %id, "letter written");
            Ok(Some(Delivery::Letter(id)))
        }
        None => Ok(None),
    }
}

/// A letter ready to print: the message rendered in the request's language, the requester's name
/// and postal address for the letter head, the sender's for the return address.
#[derive(Debug, Clone)]
pub struct PrintLetter {
    pub id: LetterId,
    pub reference: String,
    pub language: Language,
    pub subject: String,
    /// The HTML body of the email this letter replaces (escaped by its template).
    pub body_html: String,
    pub requester_name: String,
    pub address_lines: Vec<String>,
    pub controller: String,
    pub sender_lines: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// The day it was written, in the register's time zone (the letter's date).
    pub written_on: NaiveDate,
    pub posted_on: Option<NaiveDate>,
    /// The register of the request.
    pub register_key: String,
    /// An answer to an inspection: whether it is that no personal data are held. The print view
    /// adds the Art 15 information, as the download page does for an email answer.
    pub inspection_answer: Option<bool>,
}

/// The letter `id` of the request `reference` of `user`'s registers (`None` for another
/// register's, another request's or an unknown letter).
pub async fn letter(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    id: LetterId,
) -> Result<Option<PrintLetter>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(row) = find_visible(&mut conn, user, reference).await? else { return Ok(None) };
    let Some(letter) = letters::find(&mut conn, row.id, id).await? else { return Ok(None) };
    // Printed, not emailed: the footer says nothing of replying.
    let mut payload = letter.payload;
    // The payload is `{"<template>": {"sender": {...}, ...}}`.
    for message in payload.as_object_mut().into_iter().flat_map(|m| m.values_mut()) {
        if let Some(sender) = message.get_mut("sender").and_then(serde_json::Value::as_object_mut) {
            sender.insert("on_paper".into(), serde_json::Value::Bool(true));
        }
    }
    let email: Email = serde_json::from_value(payload)
        .map_err(|e| DbError::corrupt(format!("letter {id} of {} unreadable: {e}", row.reference)))?;
    let inspection_answer = match &email {
        Email::Answer(m) if m.kind == RequestKind::Inspection && m.answer.is_some() => Some(m.no_data_held()),
        _ => None,
    };
    let rendered = email
        .render(letter.language)
        .map_err(|e| DbError::corrupt(format!("letter {id} of {} not renderable: {e}", row.reference)))?;
    let register = ctx.any_register(&row.register_key);
    let controller = register.map(|r| r.controller.name.clone()).unwrap_or_default();
    let sender_lines = register
        .and_then(|r| r.contact.address.clone().or_else(|| r.controller.address.clone()))
        .map(|a| a.split([',', '\n']).map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    Ok(Some(PrintLetter {
        id,
        reference: row.reference.to_string(),
        language: letter.language,
        subject: rendered.subject.clone(),
        body_html: rendered.html_body().to_owned(),
        requester_name: row.requester_name.clone().unwrap_or_default(),
        address_lines: row
            .requester_postal_address
            .as_deref()
            .map(|a| a.lines().map(str::to_owned).collect())
            .unwrap_or_default(),
        controller,
        sender_lines,
        created_at: letter.created_at,
        written_on: register
            .map(|r| crate::domain::deadline::receipt_date(r.jurisdiction, letter.created_at))
            .unwrap_or_else(|| letter.created_at.date_naive()),
        posted_on: letter.posted_on,
        register_key: row.register_key.clone(),
        inspection_answer,
    }))
}

/// Records the letter `id` as sent by post today, with a `letter_posted` event; refused when it
/// was recorded before.
pub async fn mark_posted(
    ctx: &Context,
    user: &StaffUser,
    reference: &str,
    id: LetterId,
) -> Result<(), ActionError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, ActionError, _>(async |conn| {
        let row = lock_visible(conn, user, reference).await?;
        let letter = letters::find(conn, row.id, id).await?.ok_or(ActionError::NotFound)?;
        if letter.posted_on.is_some() {
            return Err(ActionError::Refused(Msg::new("refused-letter-already-sent")));
        }
        let register = ctx.any_register(&row.register_key).ok_or_else(|| {
            DbError::corrupt(format!(
                "request {} of unconfigured register {}",
                row.reference, row.register_key
            ))
        })?;
        let today = crate::domain::deadline::receipt_date(register.jurisdiction, now);
        letters::mark_posted(conn, row.id, id, today, user.id).await?;
        db::events::append(
            conn,
            row.id,
            row.reference.as_str(),
            &Actor::Staff(user.id),
            EventKind::LetterPosted,
            json!({ "letter": id, "template": letter.template, "posted_on": today }),
            now,
        )
        .await?;
        Ok(())
    })
    .await
}
