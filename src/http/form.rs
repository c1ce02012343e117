//! Forms at the edge: the body of every state-changing staff form is read here, its CSRF token
//! checked against the session, and its fields deserialised into a `#[derive(Deserialize)]`
//! struct of the handler's (repeated keys such as `register` become a `Vec<String>`). A missing or
//! wrong token answers 403 before the handler runs, so nothing is written.

use std::marker::PhantomData;

use actix_multipart::{Field, Multipart};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::fields::reject_control_characters;
use super::session::{Role, Staff, app_state};
use crate::error::AppError;
use crate::service::auth::StaffUser;
use crate::service::decisions::Upload;

/// A form with a valid CSRF token, sent by a staff member whom `R` admits.
pub struct CsrfForm<T, R = Staff> {
    pub user: StaffUser,
    pub fields: T,
    role: PhantomData<R>,
}

/// A form of the token alone (a button).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NoFields {}

/// The token field every staff form carries.
#[derive(Deserialize)]
struct Token {
    csrf: String,
}

/// 403 unless `body` carries the CSRF token of `user`'s session.
fn check_csrf(req: &HttpRequest, user: &StaffUser, body: &[u8]) -> Result<(), AppError> {
    let state = app_state(req)?;
    let token = serde_html_form::from_bytes::<Token>(body).map(|t| t.csrf).unwrap_or_default();
    if user.csrf_ok(&state.ctx, &token) {
        return Ok(());
    }
    Err(AppError::Forbidden("the form has expired or did not come from this site; reload the page".into()))
}

/// The fields of an `application/x-www-form-urlencoded` body. A field with a control character
/// other than tab or newline is a 422 naming it (every form is read here, so every form refuses it).
pub(crate) fn fields<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    reject_control_characters(form_urlencoded::parse(body), true)?;
    serde_html_form::from_bytes(body)
        .map_err(|e| AppError::BadRequest(format!("the form could not be read: {e}")))
}

/// The fields of the query string.
pub(crate) fn query<T: DeserializeOwned>(req: &HttpRequest) -> Result<T, AppError> {
    serde_html_form::from_str(req.query_string())
        .map_err(|e| AppError::BadRequest(format!("the query could not be read: {e}")))
}

/// Reads a body of at most `limit` bytes; `None` when it is larger.
pub(crate) async fn read_body(payload: &mut Payload, limit: usize) -> Result<Option<web::Bytes>, AppError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| AppError::BadRequest(format!("the request body could not be read: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body.freeze()))
}

impl<T: DeserializeOwned + 'static, R: Role> FromRequest for CsrfForm<T, R> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            // Who asks comes first: a 404 or a sign-in redirect must not depend on the token.
            let user = R::admit(&req).await?;
            let limit = app_state(&req)?.ctx.settings.http.max_body_bytes;
            let body = read_body(&mut payload, limit).await?.ok_or(AppError::PayloadTooLarge { limit })?;
            check_csrf(&req, &user, &body)?;
            Ok(CsrfForm { user, fields: fields(&body)?, role: PhantomData })
        })
    }
}

/// A staff form that may carry files (`multipart/form-data`, or a plain form without files),
/// with a valid CSRF token. Its size limit is the attachments' limit plus room for the fields.
pub struct UploadForm<T> {
    pub user: StaffUser,
    pub sent: Sent<T>,
}

/// What an [`UploadForm`] carried.
pub enum Sent<T> {
    Form {
        fields: T,
        files: Vec<Upload>,
    },
    /// More than `limit` bytes: nothing was kept, and the CSRF token was not read.
    TooLarge {
        limit: usize,
    },
}

impl<T: DeserializeOwned + 'static> FromRequest for UploadForm<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let payload = payload.take();
        Box::pin(async move {
            let user = Staff::admit(&req).await?;
            let limit = app_state(&req)?.ctx.settings.answers.max_attachment_bytes.saturating_add(1 << 20);
            let Some((body, files)) = read_upload(&req, payload, limit).await? else {
                return Ok(UploadForm { user, sent: Sent::TooLarge { limit } });
            };
            check_csrf(&req, &user, &body)?;
            Ok(UploadForm { user, sent: Sent::Form { fields: fields(&body)?, files } })
        })
    }
}

/// Bytes read and thrown away after the limit was passed, so that a browser still sending gets
/// to read the answer instead of a reset connection.
const DRAIN_BYTES: usize = 64 << 20;

/// The text fields (as a form body) and the files of an upload; `None` when it is over `limit`.
async fn read_upload(
    req: &HttpRequest,
    mut payload: Payload,
    limit: usize,
) -> Result<Option<(Vec<u8>, Vec<Upload>)>, AppError> {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        let body = read_body(&mut payload, limit).await?;
        if body.is_none() {
            drain(&mut payload).await;
        }
        return Ok(body.map(|b| (b.to_vec(), Vec::new())));
    }
    let bad =
        |e: actix_multipart::MultipartError| AppError::BadRequest(format!("the form could not be read: {e}"));
    let mut multipart = Multipart::new(req.headers(), payload);
    let (mut text, mut files, mut read) = (form_urlencoded::Serializer::new(String::new()), Vec::new(), 0);
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(bad)?;
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.content_disposition().and_then(|d| d.get_filename()).map(str::to_owned);
        let content_type = field.content_type().map(|m| m.to_string());
        let mut content = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(bad)?;
            read += chunk.len();
            if read > limit {
                drain_upload(field, &mut multipart).await;
                return Ok(None);
            }
            content.extend_from_slice(&chunk);
        }
        match file_name {
            // A file input left empty still sends a part without a name or content.
            Some(file_name) if !file_name.is_empty() || !content.is_empty() => files.push(Upload {
                file_name: clean_file_name(&file_name),
                content_type: content_type.unwrap_or_else(|| "application/octet-stream".into()),
                content,
            }),
            Some(_) => {}
            None => {
                let value = String::from_utf8(content).map_err(|_| {
                    AppError::BadRequest(format!("the form field `{name}` is not UTF-8 text"))
                })?;
                text.append_pair(&name, &value);
            }
        }
    }
    Ok(Some((text.finish().into_bytes(), files)))
}

/// Reads and discards up to [`DRAIN_BYTES`] of the rest of an upload: this field's and the next.
async fn drain_upload(field: Field, multipart: &mut Multipart) {
    let mut drained = 0;
    let mut field = Some(field);
    while let Some(mut current) = field.take() {
        while let Some(Ok(chunk)) = current.next().await {
            drained += chunk.len();
            if drained > DRAIN_BYTES {
                return;
            }
        }
        // The multipart stream gives the next field only once this one is dropped.
        drop(current);
        field = multipart.next().await.and_then(Result::ok);
    }
}

/// Reads and discards up to [`DRAIN_BYTES`] of what is left of a body.
async fn drain(payload: &mut Payload) {
    let mut drained = 0;
    while let Some(Ok(chunk)) = payload.next().await {
        drained += chunk.len();
        if drained > DRAIN_BYTES {
            break;
        }
    }
}

/// The last path segment of an uploaded file's name, without control characters.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let clean: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect();
    if clean.is_empty() { "attachment".into() } else { clean }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Checked {
        #[serde(default)]
        name: String,
        #[serde(default)]
        register: Vec<String>,
    }

    #[test]
    fn repeated_keys_become_a_list_and_a_single_one_a_list_of_one() {
        let both: Checked =
            fields(b"name=A+B&register=jokkerit&register=jerone").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(both.register, ["jokkerit", "jerone"]);
        assert_eq!(both.name, "A B");
        let one: Checked = fields(b"register=jokkerit").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(one, Checked { name: String::new(), register: vec!["jokkerit".into()] });
    }

    #[test]
    fn an_uploaded_file_keeps_only_its_last_path_segment() {
        assert_eq!(clean_file_name("C:\\Users\\me\\orders.csv"), "orders.csv");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("  "), "attachment");
    }
}
