//! The requester's download of an inspection answer: the emailed link, a one-time code sent to
//! the request's address, then the message and the files (LAW.md §6.3; DESIGN.md "Request kinds").
//! A rate-limited step answers with the error page, which leads back to the link.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::art15::Art15Block;
use super::{AroundReference, Footer, MessagePage, ProviderButton, buttons, failure_message};
use crate::db::answers::AttachmentInfo;
use crate::domain::{AttachmentId, Language, RequestKind};
use crate::error::AppError;
use crate::http::AppState;
use crate::http::form::fields;
use crate::http::lang::{self, LangLink};
use crate::http::limits::{self, Limit};
use crate::http::respond::{back_to, file_response, html_page};
use crate::i18n::Tr;
use crate::service::download::{self, CodeRequest, Link, Unlock};
use crate::service::identify;

#[derive(Template)]
#[template(path = "public/download.html")]
struct DownloadPage {
    t: Tr,
    languages: Vec<LangLink>,
    footer: Footer,
    token: String,
    reference: String,
    /// `None` while the answer is closed; then the code form is shown.
    opened: Option<download::Opened>,
    /// The opened answer's Art 15 information (rendered HTML).
    art15: String,
    code_sent: bool,
    message: Option<String>,
    /// Providers with which identifying again as the request's person opens the answer.
    providers: Vec<ProviderButton>,
}

impl DownloadPage {
    /// The heading, around the reference.
    fn heading(&self) -> AroundReference {
        AroundReference::new(&self.t, "download-title", &self.reference)
    }

    fn file_link(&self, file: &AttachmentInfo) -> String {
        let grant = self.opened.as_ref().map(|o| o.grant.as_str()).unwrap_or("");
        format!("/download/{}/files/{}?grant={grant}", self.token, file.id)
    }

    fn size(&self, file: &AttachmentInfo) -> String {
        match file.size_bytes {
            n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / f64::from(1u32 << 20)),
            n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
            n => format!("{n} B"),
        }
    }
}

/// The page's language: `explicit` (the language switch, a form's hidden field), else the
/// request's, whatever the browser prefers; for an unknown link, the browser's.
fn language_of(req: &HttpRequest, explicit: Option<&str>, link: &Link) -> Language {
    let explicit = explicit.filter(|l| !l.is_empty());
    match link {
        Link::Open { language, .. } | Link::Expired { language, .. } => lang::of_request(explicit, *language),
        Link::NotFound => lang::choose(req, explicit, Language::Fi),
    }
}

/// The page for a link that cannot be used: 410 when expired, 404 when unknown.
fn unusable(req: &HttpRequest, explicit: Option<&str>, link: &Link) -> Result<HttpResponse, AppError> {
    let t = Tr::new(language_of(req, explicit, link));
    let (status, key) = match link {
        Link::Expired { .. } => (StatusCode::GONE, "download-expired"),
        _ => (StatusCode::NOT_FOUND, "download-not-found"),
    };
    let page = MessagePage::new(req, t, "download-heading", key);
    html_page(status, &page)
}

fn page(
    req: &HttpRequest,
    explicit: Option<&str>,
    link: &Link,
    token: &str,
    status: StatusCode,
    code_sent: bool,
    message: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let Link::Open { reference, .. } = link else { return unusable(req, explicit, link) };
    let language = language_of(req, explicit, link);
    let t = Tr::new(language);
    let page = DownloadPage {
        languages: lang::links(&format!("/download/{token}"), language),
        footer: Footer::for_request(req, None, language),
        token: token.to_owned(),
        reference: reference.clone(),
        opened: None,
        art15: String::new(),
        code_sent,
        message: message.map(|key| t.get(key)),
        providers: Vec::new(),
        t,
    };
    html_page(status, &page)
}

/// `GET /download/{token}` (`identify` names why an identification failed).
pub async fn page_get(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<IdentifyQuery>,
) -> Result<HttpResponse, AppError> {
    let link = download::link(&state.ctx, &path).await?;
    let explicit = query.lang.as_deref();
    let Link::Open { reference, .. } = &link else { return unusable(&req, explicit, &link) };
    let language = language_of(&req, explicit, &link);
    let t = Tr::new(language);
    let providers = identify::download_offers(&state.ctx, &path).await?;
    let failed = query.identify.is_some();
    let page = DownloadPage {
        languages: lang::links(&format!("/download/{path}"), language),
        footer: Footer::for_request(&req, None, language),
        token: path.to_string(),
        reference: reference.clone(),
        opened: None,
        art15: String::new(),
        code_sent: false,
        message: failure_message(&t, query.identify.as_deref()),
        providers: buttons(&providers, language),
        t,
    };
    html_page(if failed { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK }, &page)
}

/// `?identify=` of a page an identification returned to: why it failed.
#[derive(Deserialize)]
pub struct IdentifyQuery {
    identify: Option<String>,
    lang: Option<String>,
}

/// An opened answer, in the request's language whatever the browser prefers.
pub(super) fn opened_page(
    req: &HttpRequest,
    state: &AppState,
    token: &str,
    opened: download::Opened,
) -> Result<HttpResponse, AppError> {
    let language = opened.language;
    let art15 = art15(state, &opened)?;
    let page = DownloadPage {
        t: Tr::new(language),
        languages: Vec::new(),
        footer: Footer::for_request(req, None, language),
        token: token.to_owned(),
        reference: opened.reference.clone(),
        opened: Some(opened),
        art15,
        code_sent: false,
        message: None,
        providers: Vec::new(),
    };
    html_page(StatusCode::OK, &page)
}

/// `POST /download/{token}/code`: sends a one-time code to the request's address.
pub async fn send_code(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    back_to(&req, format!("/download/{path}"));
    limits::check(&state.ctx, &req, Limit::Resend).await?;
    let CodeField { lang, .. } = fields(&body)?;
    let explicit = Some(lang.as_str());
    match download::send_code(&state.ctx, &path).await? {
        CodeRequest::Sent(link) => page(&req, explicit, &link, &path, StatusCode::OK, true, None),
        CodeRequest::TooMany(link) => page(
            &req,
            explicit,
            &link,
            &path,
            StatusCode::TOO_MANY_REQUESTS,
            false,
            Some("download-too-many"),
        ),
        CodeRequest::Unavailable(link) => unusable(&req, explicit, &link),
    }
}

/// The code form of a download (and the page's language, on both of its forms).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeField {
    code: String,
    lang: String,
}

/// `POST /download/{token}` with `code`: opens the answer.
pub async fn unlock(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    back_to(&req, format!("/download/{path}"));
    limits::check(&state.ctx, &req, Limit::Verify).await?;
    let CodeField { code, lang } = fields(&body)?;
    let explicit = Some(lang.as_str());
    match download::unlock(&state.ctx, &path, &code).await? {
        Unlock::Opened(opened) => opened_page(&req, &state, &path, opened),
        Unlock::Wrong { attempts_left, link } => {
            let t = Tr::new(language_of(&req, explicit, &link));
            let message = t.fmt("download-wrong", &[("left", &attempts_left.to_string())]);
            let Link::Open { reference, .. } = &link else { return unusable(&req, explicit, &link) };
            let page = DownloadPage {
                languages: lang::links(&format!("/download/{path}"), t.language()),
                footer: Footer::for_request(&req, None, t.language()),
                token: path.to_string(),
                reference: reference.clone(),
                opened: None,
                art15: String::new(),
                code_sent: true,
                message: Some(message),
                providers: Vec::new(),
                t,
            };
            html_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Unlock::NewCodeNeeded(link) => page(
            &req,
            explicit,
            &link,
            &path,
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
            Some("download-new-code"),
        ),
        Unlock::Unavailable(link) => unusable(&req, explicit, &link),
    }
}

/// The grant of an opened answer, on its file links.
#[derive(serde::Deserialize)]
pub struct GrantQuery {
    grant: Option<String>,
}

/// `GET /download/{token}/files/{id}?grant=…`: one file of an opened answer.
pub async fn file(
    state: web::Data<AppState>,
    path: web::Path<(String, AttachmentId)>,
    query: web::Query<GrantQuery>,
) -> Result<HttpResponse, AppError> {
    let (token, id) = path.into_inner();
    match download::file(&state.ctx, &token, id, query.grant.as_deref().unwrap_or("")).await? {
        Some(f) => Ok(file_response(&f.name, &f.content_type, f.content)),
        None => Err(AppError::NotFound),
    }
}

#[derive(Template)]
#[template(path = "public/download_print.html")]
struct PrintPage {
    t: Tr,
    reference: String,
    opened: download::Opened,
    art15: String,
    /// The data collected from the company's systems, by category.
    copy: Option<crate::domain::sources::DataCopy>,
}

/// `GET /download/{token}/print?grant=…`: the opened answer as one printable document (the Art
/// 15 information, the message, the list of files), while the grant of its opening holds.
pub async fn print(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<GrantQuery>,
) -> Result<HttpResponse, AppError> {
    let grant = query.grant.as_deref().unwrap_or("");
    let Some(opened) = download::opened(&state.ctx, &path, grant).await? else {
        return Err(AppError::NotFound);
    };
    let art15 = art15(&state, &opened)?;
    let copy = download::data_copy(&state.ctx, &path, grant).await?;
    html_page(
        StatusCode::OK,
        &PrintPage { t: Tr::new(opened.language), reference: opened.reference.clone(), opened, art15, copy },
    )
}

/// The Art 15 information an opened inspection answer begins with (rendered HTML); nothing for a
/// portability answer, which hands over the data the requester provided.
fn art15(state: &AppState, opened: &download::Opened) -> Result<String, AppError> {
    if opened.kind != RequestKind::Inspection {
        return Ok(String::new());
    }
    let register = state.ctx.any_register(&opened.register_key).ok_or(AppError::NotFound)?;
    Art15Block::new(register, opened.language, opened.no_data_held)
        .render()
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("render the Art 15 information")))
}
