//! Delivery of an inspection answer: the emailed link (or the status page's) leads to a page that sends a one-time code to
//! the requester's address; the code opens the answer and its files for an hour. The link stops
//! working after `answers.download_link_days`. Every opening and file download is an event, so
//! the controller can show what was disclosed and when.

use chrono::{DateTime, TimeDelta, Utc};
use diesel_async::AsyncConnection;
use serde_json::json;

use super::Context;
use crate::db::answers::{self, AttachmentInfo};
use crate::db::{self, DbError, requests};
use crate::domain::event::Actor;
use crate::domain::lifecycle::Status;
use crate::domain::verification::{self, CodeCheck, Issued, Purpose};
use crate::domain::{AttachmentId, Email as Address, EventKind, Language, RequestId, RequestKind};
use crate::email::{self, Email};
use crate::outbox::{Outgoing, enqueue};

/// How long an opened answer's file links work.
const GRANT_MINUTES: i64 = 60;

/// The state of a download link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Valid: the requester may ask for a code.
    Open {
        reference: String,
        language: Language,
    },
    Expired {
        reference: String,
        language: Language,
    },
    NotFound,
}

struct Found {
    request_id: RequestId,
    reference: String,
    register_key: String,
    language: Language,
    email: Option<String>,
    kind: RequestKind,
    outcome: String,
    message: Option<String>,
    expires_at: Option<DateTime<Utc>>,
}

async fn find(
    conn: &mut diesel_async::AsyncPgConnection,
    ctx: &Context,
    token: &str,
) -> Result<Option<Found>, DbError> {
    if !verification::is_token_shaped(token) {
        return Ok(None);
    }
    let hash = ctx.hasher.hash(Purpose::DownloadToken, token);
    let answer = match answers::by_download_token(conn, &hash).await? {
        Some(answer) => answer,
        // The status page's token opens the same answer (with the same emailed code), so that the
        // answer stays one click away from the status page.
        None => {
            let hash = ctx.hasher.hash(Purpose::StatusToken, token);
            let Some(request) = requests::find_by_status_token(conn, &hash).await? else { return Ok(None) };
            let Some(answer) = answers::download_of_request(conn, request.id).await? else { return Ok(None) };
            answer
        }
    };
    let Some(row) = requests::lock_by_id(conn, answer.request_id).await? else { return Ok(None) };
    if row.status != Status::Completed {
        return Ok(None);
    }
    let (message, expires_at) = (answer.message, answer.download_expires_at);
    Ok(Some(Found {
        request_id: answer.request_id,
        language: row.language,
        reference: row.reference.to_string(),
        register_key: row.register_key,
        email: row.requester_email,
        kind: row.kind,
        outcome: answer.outcome,
        message,
        expires_at,
    }))
}

/// The stored outcome of an inspection answer that finds no personal data of the requester.
const NO_DATA_HELD: &str = crate::domain::answer::NO_DATA_HELD;

fn link_state(found: &Found, now: DateTime<Utc>) -> Link {
    let (reference, language) = (found.reference.clone(), found.language);
    match found.expires_at {
        Some(expires) if now < expires && found.email.is_some() => Link::Open { reference, language },
        _ => Link::Expired { reference, language },
    }
}

/// What the link currently allows.
pub async fn link(ctx: &Context, token: &str) -> Result<Link, DbError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        Ok(match find(conn, ctx, token).await? {
            Some(found) => link_state(&found, now),
            None => Link::NotFound,
        })
    })
    .await
}

/// The result of asking for a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeRequest {
    Sent(Link),
    TooMany(Link),
    Unavailable(Link),
}

/// Sends a one-time code to the requester's address (at most five a day).
pub async fn send_code(ctx: &Context, token: &str) -> Result<CodeRequest, DbError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let Some(found) = find(conn, ctx, token).await? else {
            return Ok(CodeRequest::Unavailable(Link::NotFound));
        };
        let state = link_state(&found, now);
        let (Link::Open { .. }, Some(register), Some(to)) = (
            &state,
            ctx.any_register(&found.register_key),
            found.email.as_deref().and_then(|e| Address::parse(e).ok()),
        ) else {
            return Ok(CodeRequest::Unavailable(state));
        };
        let issued_today =
            answers::codes_issued_since(conn, found.request_id, now - TimeDelta::hours(24)).await?;
        if !verification::may_issue(issued_today) {
            return Ok(CodeRequest::TooMany(state));
        }
        let code = verification::new_code();
        let issued = Issued::new(now);
        answers::insert_code(
            conn,
            found.request_id,
            &ctx.hasher.hash_code(found.request_id.0, &code),
            &issued,
        )
        .await?;
        enqueue(
            conn,
            &ctx.from,
            Outgoing {
                request_id: Some(found.request_id),
                register_key: Some(&register.key),
                to: &to,
                reply_to: ctx.reply_to(register).as_ref(),
                language: found.language,
                email: Email::DownloadCode(email::DownloadCode {
                    sender: ctx.sender(register, found.language),
                    reference: found.reference.clone(),
                    code,
                    expires_at: issued.expires_at,
                    jurisdiction: register.jurisdiction,
                }),
            },
            now,
        )
        .await?;
        Ok(CodeRequest::Sent(state))
    })
    .await
}

/// An opened answer.
#[derive(Debug, Clone)]
pub struct Opened {
    pub reference: String,
    /// The register, whose description gives the answer's Art 15 information.
    pub register_key: String,
    /// The answer is that no personal data of the requester are held.
    pub no_data_held: bool,
    /// Inspection or portability: only an inspection answer opens with the Art 15 information.
    pub kind: RequestKind,
    pub language: Language,
    pub message: String,
    pub files: Vec<AttachmentInfo>,
    /// Proof for the file links, valid for [`GRANT_MINUTES`].
    pub grant: String,
}

/// The result of entering a code.
#[derive(Debug, Clone)]
pub enum Unlock {
    Opened(Opened),
    Wrong {
        attempts_left: i32,
        link: Link,
    },
    /// Locked, expired or already used: ask for a new code.
    NewCodeNeeded(Link),
    Unavailable(Link),
}

fn grant_value(token: &str, until: i64) -> String {
    format!("download-grant:{token}:{until}")
}

fn new_grant(ctx: &Context, token: &str, now: DateTime<Utc>) -> String {
    let until = (now + TimeDelta::minutes(GRANT_MINUTES)).timestamp();
    format!("{until}.{}", hex::encode(ctx.hasher.hash(Purpose::DownloadToken, &grant_value(token, until))))
}

fn grant_ok(ctx: &Context, token: &str, grant: &str, now: DateTime<Utc>) -> bool {
    let Some((until, mac)) = grant.split_once('.') else { return false };
    let (Ok(until), Ok(mac)) = (until.parse::<i64>(), hex::decode(mac)) else { return false };
    now.timestamp() < until && ctx.hasher.verify(Purpose::DownloadToken, &grant_value(token, until), &mac)
}

/// Checks a code; on success the answer is shown and the opening recorded.
pub async fn unlock(ctx: &Context, token: &str, code: &str) -> Result<Unlock, DbError> {
    let now = ctx.clock.now();
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let Some(found) = find(conn, ctx, token).await? else {
            return Ok(Unlock::Unavailable(Link::NotFound));
        };
        let state = link_state(&found, now);
        if !matches!(state, Link::Open { .. }) {
            return Ok(Unlock::Unavailable(state));
        }
        let Some(row) = answers::lock_latest_code(conn, found.request_id).await? else {
            return Ok(Unlock::NewCodeNeeded(state));
        };
        let matched = verification::normalise_code(code)
            .is_some_and(|code| ctx.hasher.verify_code(found.request_id.0, &code, &row.code_hash));
        match verification::check(&row.issued(), now, matched) {
            CodeCheck::Accepted => {}
            CodeCheck::Wrong { attempts_left } => {
                answers::record_wrong_code(conn, row.id, (attempts_left == 0).then_some(now)).await?;
                return Ok(if attempts_left == 0 {
                    Unlock::NewCodeNeeded(state)
                } else {
                    Unlock::Wrong { attempts_left, link: state }
                });
            }
            CodeCheck::Locked | CodeCheck::Expired | CodeCheck::Used => {
                return Ok(Unlock::NewCodeNeeded(state));
            }
        }
        answers::mark_code_used(conn, row.id, now).await?;
        Ok(Unlock::Opened(open(conn, ctx, token, found, json!({}), now).await?))
    })
    .await
}

/// Opens the answer of `token` for a requester who identified again as the person of the request
/// (the caller compared the keyed hashes); `None` when the link is no longer open.
pub async fn open_by_identification(
    ctx: &Context,
    token: &str,
    request_id: RequestId,
    now: DateTime<Utc>,
) -> Result<Option<Opened>, DbError> {
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let Some(found) = granted(conn, ctx, token, now).await? else { return Ok(None) };
        if found.request_id != request_id {
            return Ok(None);
        }
        Ok(Some(open(conn, ctx, token, found, json!({ "by": "identification" }), now).await?))
    })
    .await
}

/// Opens the answer found: records the opening (`how` it was unlocked) and grants its files.
async fn open(
    conn: &mut diesel_async::AsyncPgConnection,
    ctx: &Context,
    token: &str,
    found: Found,
    how: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<Opened, DbError> {
    let files = answers::attachments(conn, found.request_id).await?;
    db::events::append(
        conn,
        found.request_id,
        &found.reference,
        &Actor::Requester,
        EventKind::AnswerOpened,
        how,
        now,
    )
    .await?;
    Ok(Opened::of(found, files, new_grant(ctx, token, now)))
}

/// The opened answer again, for its printable form, while the grant of its opening holds.
pub async fn opened(ctx: &Context, token: &str, grant: &str) -> Result<Option<Opened>, DbError> {
    let now = ctx.clock.now();
    if !grant_ok(ctx, token, grant, now) {
        return Ok(None);
    }
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let Some(found) = granted(conn, ctx, token, now).await? else { return Ok(None) };
        let files = answers::attachments(conn, found.request_id).await?;
        Ok(Some(Opened::of(found, files, grant.to_owned())))
    })
    .await
}

/// The answer behind `token` while its link is open; the caller has checked the grant (without
/// a connection, so that forged grants cost no database work).
async fn granted(
    conn: &mut diesel_async::AsyncPgConnection,
    ctx: &Context,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Found>, DbError> {
    let Some(found) = find(conn, ctx, token).await? else { return Ok(None) };
    Ok(matches!(link_state(&found, now), Link::Open { .. }).then_some(found))
}

impl Opened {
    fn of(found: Found, files: Vec<AttachmentInfo>, grant: String) -> Self {
        Self {
            reference: found.reference,
            register_key: found.register_key,
            no_data_held: found.outcome == NO_DATA_HELD,
            kind: found.kind,
            language: found.language,
            message: found.message.unwrap_or_default(),
            files,
            grant,
        }
    }
}

/// A file to send.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

impl File {
    /// The file of a stored attachment, if its content is still kept.
    pub fn of(stored: answers::AttachmentFile) -> Option<Self> {
        let content = stored.content?;
        Some(Self { name: stored.file_name, content_type: stored.content_type, content })
    }
}

/// One file of an opened answer; `None` unless the grant is valid and the link still open.
pub async fn file(
    ctx: &Context,
    token: &str,
    id: AttachmentId,
    grant: &str,
) -> Result<Option<File>, DbError> {
    let now = ctx.clock.now();
    if !grant_ok(ctx, token, grant, now) {
        return Ok(None);
    }
    let mut conn = db::conn(&ctx.pool).await?;
    conn.transaction::<_, DbError, _>(async |conn| {
        let Some(found) = granted(conn, ctx, token, now).await? else { return Ok(None) };
        let Some(stored) = answers::attachment(conn, found.request_id, id).await? else { return Ok(None) };
        let sha256 = hex::encode(&stored.sha256);
        let Some(file) = File::of(stored) else { return Ok(None) };
        db::events::append(
            conn,
            found.request_id,
            &found.reference,
            &Actor::Requester,
            EventKind::AttachmentDownloaded,
            json!({ "sha256": sha256 }),
            now,
        )
        .await?;
        Ok(Some(file))
    })
    .await
}

/// The data collected from the company's systems that an opened answer carries (its
/// machine-readable copy), for the printable copy; `None` without a valid grant or such a file.
pub async fn data_copy(
    ctx: &Context,
    token: &str,
    grant: &str,
) -> Result<Option<crate::domain::sources::DataCopy>, DbError> {
    let now = ctx.clock.now();
    if !grant_ok(ctx, token, grant, now) {
        return Ok(None);
    }
    let mut conn = db::conn(&ctx.pool).await?;
    let Some(found) = granted(&mut conn, ctx, token, now).await? else { return Ok(None) };
    let copy = answers::attachments(&mut conn, found.request_id)
        .await?
        .into_iter()
        .find(|a| a.file_name == crate::domain::sources::COPY_JSON && a.available);
    let Some(copy) = copy else { return Ok(None) };
    let Some(stored) = answers::attachment(&mut conn, found.request_id, copy.id).await? else {
        return Ok(None);
    };
    let Some(content) = stored.content else { return Ok(None) };
    serde_json::from_slice(&content)
        .map(Some)
        .map_err(|e| DbError::corrupt(format!("the data copy of {} does not read: {e}", found.reference)))
}
