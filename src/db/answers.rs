//! Answers sent to requesters, their attachments, the codes that open a download link, and the
//! reminders already sent.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{answer_attachments as att, download_codes as dc, reminders_sent, request_answers as ra};
use crate::domain::verification::Issued;
use crate::domain::{AttachmentId, RequestId, StaffId};

/// The answer of a request, as written when it is closed.
pub struct NewAnswer<'a> {
    pub request_id: RequestId,
    pub outcome: &'a str,
    pub message: Option<&'a str>,
    pub details: serde_json::Value,
    pub staff_id: StaffId,
    pub answered_at: DateTime<Utc>,
    pub download: Option<(&'a [u8], DateTime<Utc>)>,
}

pub async fn insert(conn: &mut AsyncPgConnection, a: NewAnswer<'_>) -> Result<(), DbError> {
    diesel::insert_into(ra::table)
        .values((
            ra::request_id.eq(a.request_id),
            ra::outcome.eq(a.outcome),
            ra::message.eq(a.message),
            ra::details.eq(a.details),
            ra::staff_id.eq(a.staff_id),
            ra::answered_at.eq(a.answered_at),
            ra::download_token_hash.eq(a.download.map(|(h, _)| h)),
            ra::download_expires_at.eq(a.download.map(|(_, e)| e)),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The answer sent: its outcome and the handler's message.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ra)]
pub struct AnswerSummary {
    pub outcome: String,
    pub message: Option<String>,
}

/// The answer of a request.
pub async fn of_request(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Option<AnswerSummary>, DbError> {
    Ok(ra::table.find(request_id).select(AnswerSummary::as_select()).first(conn).await.optional()?)
}

/// The answer behind a download link.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ra)]
pub struct DownloadAnswer {
    pub request_id: RequestId,
    /// `disclosed`, or `no_data_held`.
    pub outcome: String,
    pub message: Option<String>,
    /// When the link stops working.
    pub download_expires_at: Option<DateTime<Utc>>,
}

/// The downloadable answer of a request (an answer with a download link), for its status page.
pub async fn download_of_request(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Option<DownloadAnswer>, DbError> {
    Ok(ra::table
        .find(request_id)
        .filter(ra::download_token_hash.is_not_null())
        .select(DownloadAnswer::as_select())
        .first(conn)
        .await
        .optional()?)
}

pub async fn by_download_token(
    conn: &mut AsyncPgConnection,
    token_hash: &[u8],
) -> Result<Option<DownloadAnswer>, DbError> {
    Ok(ra::table
        .filter(ra::download_token_hash.eq(token_hash))
        .select(DownloadAnswer::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// An attachment's description (without its content).
#[derive(Debug, Clone, Queryable)]
pub struct AttachmentInfo {
    pub id: AttachmentId,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: Vec<u8>,
    /// `false` once the content was deleted (link expired, data anonymised).
    pub available: bool,
}

impl AttachmentInfo {
    pub fn sha256_hex(&self) -> String {
        hex::encode(&self.sha256)
    }
}

pub async fn add_attachment(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    file_name: &str,
    content_type: &str,
    content: &[u8],
    sha256: &[u8],
    now: DateTime<Utc>,
) -> Result<AttachmentId, DbError> {
    Ok(diesel::insert_into(att::table)
        .values((
            att::request_id.eq(request_id),
            att::file_name.eq(file_name),
            att::content_type.eq(content_type),
            att::size_bytes.eq(content.len() as i64),
            att::sha256.eq(sha256),
            att::content.eq(content),
            att::created_at.eq(now),
        ))
        .returning(att::id)
        .get_result(conn)
        .await?)
}

pub async fn attachments(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Vec<AttachmentInfo>, DbError> {
    Ok(att::table
        .filter(att::request_id.eq(request_id))
        .select((
            att::id,
            att::file_name,
            att::content_type,
            att::size_bytes,
            att::sha256,
            att::content.is_not_null(),
        ))
        .order(att::id)
        .load(conn)
        .await?)
}

/// An attachment with its content, if still kept.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = att)]
pub struct AttachmentFile {
    pub file_name: String,
    pub content_type: String,
    pub sha256: Vec<u8>,
    /// `None` once deleted (link expired, data anonymised).
    pub content: Option<Vec<u8>>,
}

/// One attachment of one request.
pub async fn attachment(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    id: AttachmentId,
) -> Result<Option<AttachmentFile>, DbError> {
    Ok(att::table
        .filter(att::request_id.eq(request_id))
        .filter(att::id.eq(id))
        .select(AttachmentFile::as_select())
        .first(conn)
        .await
        .optional()?)
}

/// Deletes the files of download links that expired before `now`; returns how many.
pub async fn purge_expired_files(conn: &mut AsyncPgConnection, now: DateTime<Utc>) -> Result<usize, DbError> {
    let expired = ra::table.filter(ra::download_expires_at.lt(now)).select(ra::request_id);
    Ok(diesel::update(att::table.filter(att::request_id.eq_any(expired)).filter(att::content.is_not_null()))
        .set(att::content.eq(None::<Vec<u8>>))
        .execute(conn)
        .await?)
}

/// A download code row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = dc)]
pub struct CodeRow {
    pub id: i64,
    pub code_hash: Vec<u8>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub wrong_attempts: i32,
    pub used_at: Option<DateTime<Utc>>,
    pub invalidated_at: Option<DateTime<Utc>>,
}

impl CodeRow {
    pub fn issued(&self) -> Issued {
        Issued {
            issued_at: self.issued_at,
            expires_at: self.expires_at,
            wrong_attempts: self.wrong_attempts,
            used_at: self.used_at,
            invalidated_at: self.invalidated_at,
        }
    }
}

pub async fn insert_code(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    code_hash: &[u8],
    issued: &Issued,
) -> Result<(), DbError> {
    diesel::insert_into(dc::table)
        .values((
            dc::request_id.eq(request_id),
            dc::code_hash.eq(code_hash),
            dc::issued_at.eq(issued.issued_at),
            dc::expires_at.eq(issued.expires_at),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn codes_issued_since(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    since: DateTime<Utc>,
) -> Result<i64, DbError> {
    Ok(dc::table
        .filter(dc::request_id.eq(request_id))
        .filter(dc::issued_at.ge(since))
        .count()
        .get_result(conn)
        .await?)
}

/// The latest code of a request, locked.
pub async fn lock_latest_code(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Option<CodeRow>, DbError> {
    Ok(dc::table
        .filter(dc::request_id.eq(request_id))
        .order(dc::issued_at.desc())
        .select(CodeRow::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?)
}

pub async fn record_wrong_code(
    conn: &mut AsyncPgConnection,
    id: i64,
    locked_at: Option<DateTime<Utc>>,
) -> Result<(), DbError> {
    diesel::update(dc::table.find(id))
        .set((dc::wrong_attempts.eq(dc::wrong_attempts + 1), dc::invalidated_at.eq(locked_at)))
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_code_used(
    conn: &mut AsyncPgConnection,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(dc::table.find(id)).set(dc::used_at.eq(now)).execute(conn).await?;
    Ok(())
}

/// Records that a reminder of `kind` was sent for a request on `on_date`; `false` when it had
/// already been (then nothing may be sent).
pub async fn claim_reminder(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    kind: &str,
    on_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let inserted = diesel::insert_into(reminders_sent::table)
        .values((
            reminders_sent::request_id.eq(request_id),
            reminders_sent::kind.eq(kind),
            reminders_sent::on_date.eq(on_date),
            reminders_sent::sent_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(inserted == 1)
}
