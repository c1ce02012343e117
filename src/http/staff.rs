//! Staff pages: sign-in, sign-out, password change, the queue and the request page with its
//! actions. Every state-changing form carries the session's CSRF token; a request of a register the
//! user may not see answers 404, exactly like a request that does not exist.

use std::collections::HashMap;

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use futures_util::StreamExt;
use secrecy::{ExposeSecret, SecretString};

use super::{AppState, redirect};
use crate::domain::answer::AnswerInput;
use crate::domain::lifecycle::{Action, Status};
use crate::domain::request::{self, CorrectionItemInput, RequestDetails, RequestInput, RequesterInput};
use crate::domain::{
    AttachmentId, EntryChannel, IdentityMethod, Language, ObjectionChannel, ObjectionPurpose, RequestId,
    RequestKind, StaffId, deadline,
};
use crate::error::AppError;
use crate::service::Context;
use crate::service::auth::{self, Session, StaffUser};
use crate::service::decisions::{self, Upload};
use crate::service::entry;
use crate::service::queue::{self, ActionError, QueueFilter};

const COOKIE: &str = "dsr_session";

pub(super) fn form_pairs(body: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

pub(super) fn field<'a>(form: &'a HashMap<String, String>, key: &str) -> &'a str {
    form.get(key).map(String::as_str).unwrap_or("")
}

fn render(template: &impl Template) -> Result<HttpResponse, AppError> {
    super::html_page(StatusCode::OK, template)
}

fn session_cookie(ctx: &Context, session: &Session) -> Cookie<'static> {
    let max_age = (session.expires_at - ctx.clock.now()).num_seconds().max(0);
    Cookie::build(COOKIE, session.token.expose_secret().to_owned())
        .path("/staff")
        .http_only(true)
        .secure(ctx.settings.http.public_url.is_https())
        .same_site(SameSite::Strict)
        .max_age(time::Duration::seconds(max_age))
        .finish()
}

fn removal_cookie() -> Cookie<'static> {
    let mut cookie =
        Cookie::build(COOKIE, "").path("/staff").http_only(true).same_site(SameSite::Strict).finish();
    cookie.make_removal();
    cookie
}

/// The signed-in staff member, or a redirect to the sign-in page.
pub(super) async fn signed_in(req: &HttpRequest, state: &AppState) -> Result<StaffUser, AppError> {
    let Some(cookie) = req.cookie(COOKIE) else { return Err(AppError::SignInRequired) };
    auth::current(&state.ctx, cookie.value()).await?.ok_or(AppError::SignInRequired)
}

/// The signed-in staff member of a state-changing form with a valid CSRF token.
async fn signed_in_with_csrf(
    req: &HttpRequest,
    state: &AppState,
    form: &HashMap<String, String>,
) -> Result<StaffUser, AppError> {
    let user = signed_in(req, state).await?;
    check_csrf(state, &user, form)?;
    Ok(user)
}

/// 403 unless the form carries the CSRF token of `user`'s session.
pub(super) fn check_csrf(
    state: &AppState,
    user: &StaffUser,
    form: &HashMap<String, String>,
) -> Result<(), AppError> {
    if user.csrf_ok(&state.ctx, field(form, "csrf")) {
        return Ok(());
    }
    Err(AppError::Forbidden("the form has expired or did not come from this site; reload the page".into()))
}

#[derive(Template)]
#[template(path = "staff/login.html")]
struct LoginPage {
    user: Option<StaffUser>,
    csrf: String,
    email: String,
    message: Option<String>,
}

/// `GET /staff/login`.
pub async fn login_form() -> Result<HttpResponse, AppError> {
    render(&LoginPage { user: None, csrf: String::new(), email: String::new(), message: None })
}

/// `POST /staff/login`: one message for every failure (wrong password, unknown or disabled
/// account, lock-out), so that the answer says nothing about which accounts exist.
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let email = field(&form, "email").to_owned();
    let password = SecretString::from(field(&form, "password").to_owned());
    let client = super::client_addr::client_addr(&req, &state.ctx.settings.http.trusted_proxies);
    match auth::sign_in(&state.ctx, &email, password, &client).await? {
        Ok(session) => {
            let mut response = redirect("/staff/queue");
            response.add_cookie(&session_cookie(&state.ctx, &session)).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Err(auth::SignInFailed) => {
            let page = LoginPage {
                user: None,
                csrf: String::new(),
                email,
                message: Some(format!(
                    "Sign-in failed: the email or password is incorrect, or sign-in is locked for up to {} minutes after repeated failures.",
                    auth::LOCKOUT_MINUTES
                )),
            };
            super::html_page(StatusCode::UNAUTHORIZED, &page)
        }
    }
}

/// `POST /staff/logout`.
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let user = signed_in_with_csrf(&req, &state, &form).await?;
    auth::sign_out(&state.ctx, &user).await?;
    let mut response = redirect("/staff/login");
    response.add_cookie(&removal_cookie()).map_err(anyhow::Error::from)?;
    Ok(response)
}

#[derive(Template)]
#[template(path = "staff/password.html")]
struct PasswordPage {
    user: Option<StaffUser>,
    csrf: String,
    must_change: bool,
    message: Option<String>,
    done: bool,
}

/// `GET /staff/password`.
pub async fn password_form(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = signed_in(&req, &state).await?;
    let csrf = user.csrf_token(&state.ctx);
    let must_change = user.must_change_password;
    render(&PasswordPage { user: Some(user), csrf, must_change, message: None, done: false })
}

/// `POST /staff/password`: changes the password and signs out every other session.
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let user = signed_in_with_csrf(&req, &state, &form).await?;
    let secret = |k: &str| SecretString::from(field(&form, k).to_owned());
    match auth::change_password(&state.ctx, &user, secret("current"), secret("new"), secret("confirm"))
        .await?
    {
        Ok(session) => {
            let user = auth::current(&state.ctx, session.token.expose_secret())
                .await?
                .ok_or(AppError::SignInRequired)?;
            let csrf = user.csrf_token(&state.ctx);
            let page = PasswordPage { user: Some(user), csrf, must_change: false, message: None, done: true };
            let mut response = render(&page)?;
            response.add_cookie(&session_cookie(&state.ctx, &session)).map_err(anyhow::Error::from)?;
            Ok(response)
        }
        Err(e) => {
            let csrf = user.csrf_token(&state.ctx);
            let must_change = user.must_change_password;
            let page = PasswordPage {
                user: Some(user),
                csrf,
                must_change,
                message: Some(e.to_string()),
                done: false,
            };
            super::html_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// A queue row as shown.
struct Row {
    reference: String,
    kind: String,
    register: String,
    received: String,
    deadline: String,
    days_left: String,
    urgency: &'static str,
    assignee: String,
    status: String,
}

#[derive(Template)]
#[template(path = "staff/queue.html")]
struct QueuePage {
    user: Option<StaffUser>,
    csrf: String,
    counts: Vec<(String, i64)>,
    rows: Vec<Row>,
    registers: Vec<String>,
    kinds: Vec<&'static str>,
    statuses: Vec<&'static str>,
    filter_register: String,
    filter_kind: String,
    filter_status: String,
    mine: bool,
    overdue: bool,
    due_within: String,
    q: String,
    next_link: Option<String>,
}

/// `GET /staff/queue`: the requests of the user's registers by effective deadline.
pub async fn queue_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let user = signed_in(&req, &state).await?;
    if user.must_change_password {
        return Ok(redirect("/staff/password"));
    }
    let q = |k: &str| query.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let bad = |field: &str, reason: &str| {
        AppError::Validation(vec![crate::error::FieldIssue { field: field.into(), reason: reason.into() }])
    };
    let filter = QueueFilter {
        register: q("register").map(str::to_owned),
        kind: q("kind")
            .map(|k| k.parse::<RequestKind>())
            .transpose()
            .map_err(|e| bad("kind", &e.to_string()))?,
        status: q("status")
            .map(|s| s.parse::<Status>())
            .transpose()
            .map_err(|e| bad("status", &e.to_string()))?,
        assignee: q("mine").map(|_| user.id),
        overdue: q("overdue").is_some(),
        due_within_days: q("due_within")
            .map(|d| d.parse::<i64>().map_err(|_| bad("due_within", "must be a number of days")))
            .transpose()?,
        search: q("q").map(str::to_owned),
        after: match (q("after_deadline"), q("after_id")) {
            (Some(d), Some(id)) => Some((
                d.parse::<NaiveDate>().map_err(|_| bad("after_deadline", "must be a date"))?,
                id.parse::<RequestId>().map_err(|_| bad("after_id", "must be a number"))?,
            )),
            _ => None,
        },
    };
    let page = queue::page(&state.ctx, &user, &filter).await?;
    let today = state.ctx.clock.now();
    let rows = page
        .rows
        .iter()
        .map(|r| {
            let jurisdiction = state.ctx.register(&r.register_key).map(|reg| reg.jurisdiction);
            let local_today =
                jurisdiction.map(|j| deadline::receipt_date(j, today)).unwrap_or(today.date_naive());
            let left = r.effective_deadline.map(|d| deadline::days_left(d, local_today));
            Row {
                reference: r.reference.to_string(),
                kind: r.kind.to_string(),
                register: r.register_key.clone(),
                received: r.received_on.to_string(),
                deadline: r.effective_deadline.map(|d| d.to_string()).unwrap_or_default(),
                days_left: left.map(|l| l.to_string()).unwrap_or_default(),
                urgency: match left {
                    Some(l) if l < 0 => "overdue",
                    Some(l) if l <= 7 => "soon",
                    _ => "fine",
                },
                assignee: r.assignee.clone().unwrap_or_default(),
                status: r.status.as_str().replace('_', " "),
            }
        })
        .collect();
    let mut next_query: Vec<(String, String)> =
        query.iter().filter(|(k, _)| !k.starts_with("after_")).map(|(k, v)| (k.clone(), v.clone())).collect();
    let next_link = page.next.map(|(d, id)| {
        next_query.push(("after_deadline".into(), d.to_string()));
        next_query.push(("after_id".into(), id.to_string()));
        let encoded: String =
            form_urlencoded::Serializer::new(String::new()).extend_pairs(&next_query).finish();
        format!("/staff/queue?{encoded}")
    });
    let csrf = user.csrf_token(&state.ctx);
    let registers = user.registers.clone();
    render(&QueuePage {
        user: Some(user),
        csrf,
        counts: page.counts.iter().map(|c| (c.status.as_str().to_owned(), c.n)).collect(),
        rows,
        registers,
        kinds: RequestKind::ALL.iter().map(|k| k.as_str()).collect(),
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        filter_register: q("register").unwrap_or("").to_owned(),
        filter_kind: q("kind").unwrap_or("").to_owned(),
        filter_status: q("status").unwrap_or("").to_owned(),
        mine: q("mine").is_some(),
        overdue: filter.overdue,
        due_within: q("due_within").unwrap_or("").to_owned(),
        q: q("q").unwrap_or("").to_owned(),
        next_link,
    })
}

#[derive(Template)]
#[template(path = "staff/request.html")]
struct RequestPage {
    user: Option<StaffUser>,
    csrf: String,
    v: queue::RequestView,
    details: String,
    /// Correction items: (index, field, current value, corrected value).
    items: Vec<(usize, String, String, String)>,
    can_claim: bool,
    open: bool,
    can_ask: bool,
    awaiting: bool,
    can_extend: bool,
    can_answer: bool,
    identity_methods: Vec<&'static str>,
    message: Option<String>,
}

async fn show_request(
    req: &HttpRequest,
    state: &AppState,
    reference: &str,
    message: Option<(StatusCode, String)>,
) -> Result<HttpResponse, AppError> {
    let user = signed_in(req, state).await?;
    let Some(v) = queue::request(&state.ctx, &user, reference).await? else { return Err(AppError::NotFound) };
    let details = serde_json::to_string_pretty(&v.details).unwrap_or_default();
    let items = match serde_json::from_value::<RequestDetails>(v.details.clone()) {
        Ok(RequestDetails::Correction { items }) => items
            .into_iter()
            .enumerate()
            .map(|(n, i)| (n, i.field, i.current_value.unwrap_or_default(), i.corrected_value))
            .collect(),
        _ => Vec::new(),
    };
    let can_claim = v.status.is_open() && v.assignee.as_ref().is_none_or(|a| a.id != user.id);
    let open = v.status.is_open();
    let can_ask = v.status.apply(Action::AskRequester).is_ok();
    let awaiting = v.status == Status::AwaitingRequester;
    let can_extend = v.extension.is_ok();
    let can_answer = v.status.apply(Action::Complete).is_ok();
    let csrf = user.csrf_token(&state.ctx);
    let (status, message) = match message {
        Some((status, m)) => (status, Some(m)),
        None => (StatusCode::OK, None),
    };
    let page = RequestPage {
        user: Some(user),
        csrf,
        v,
        details,
        items,
        can_claim,
        open,
        can_ask,
        awaiting,
        can_extend,
        can_answer,
        identity_methods: IdentityMethod::ALL.iter().map(|m| m.as_str()).collect(),
        message,
    };
    super::html_page(status, &page)
}

/// `GET /staff/requests/{reference}`.
pub async fn request_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    show_request(&req, &state, &path, None).await
}

/// Reads a request body of at most `limit` bytes.
async fn read_body(mut payload: web::Payload, limit: usize) -> Result<Option<web::Bytes>, AppError> {
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

/// A staff form: its fields and, for `multipart/form-data`, its files.
async fn read_form(
    req: &HttpRequest,
    body: web::Bytes,
) -> Result<(HashMap<String, String>, Vec<Upload>), AppError> {
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Ok(boundary) = multer::parse_boundary(content_type) else {
        return Ok((form_pairs(&body), Vec::new()));
    };
    let bad = |e: multer::Error| AppError::BadRequest(format!("the form could not be read: {e}"));
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let (mut fields, mut files) = (HashMap::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let content_type = field
                    .content_type()
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "application/octet-stream".into());
                let content = field.bytes().await.map_err(bad)?;
                // A file input left empty still sends a part without a name or content.
                if !file_name.is_empty() || !content.is_empty() {
                    files.push(Upload {
                        file_name: clean_file_name(&file_name),
                        content_type,
                        content: content.to_vec(),
                    });
                }
            }
            None => {
                fields.insert(name, field.text().await.map_err(bad)?);
            }
        }
    }
    Ok((fields, files))
}

/// The last path segment of an uploaded file's name, without control characters.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let clean: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect();
    if clean.is_empty() { "attachment".into() } else { clean }
}

/// `POST /staff/requests/{reference}/{action}`: claim, assign, notes, identity, ask, resume,
/// extend, complete or refuse.
pub async fn request_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (reference, action) = path.into_inner();
    let settings = &state.ctx.settings;
    let limit = if action == "complete" {
        settings.answers.max_attachment_bytes.saturating_add(1 << 20)
    } else {
        settings.http.max_body_bytes
    };
    let Some(body) = read_body(payload, limit).await? else {
        signed_in(&req, &state).await?;
        let message = format!("attachments: the upload is larger than {limit} bytes");
        return show_request(&req, &state, &reference, Some((StatusCode::PAYLOAD_TOO_LARGE, message))).await;
    };
    let (form, uploads) = read_form(&req, body).await?;
    let user = signed_in_with_csrf(&req, &state, &form).await?;
    let ctx = &state.ctx;
    let f = |k: &str| field(&form, k);
    let result = match action.as_str() {
        "claim" => queue::claim(ctx, &user, &reference).await,
        "notes" => queue::add_note(ctx, &user, &reference, f("body")).await,
        "assign" => match f("assignee").trim() {
            "" => decisions::assign(ctx, &user, &reference, None).await,
            id => match id.parse::<StaffId>() {
                Ok(id) => decisions::assign(ctx, &user, &reference, Some(id)).await,
                Err(_) => Err(ActionError::Invalid("assignee: choose a staff member".into())),
            },
        },
        "identity" => decisions::record_identity(ctx, &user, &reference, f("method"), f("note")).await,
        "ask" => decisions::ask_requester(ctx, &user, &reference, f("reason"), f("question")).await,
        "resume" => decisions::record_answer(ctx, &user, &reference, f("note")).await,
        "extend" => decisions::extend(ctx, &user, &reference, f("reasons")).await,
        "complete" => {
            let input = AnswerInput {
                message: f("message").to_owned(),
                items: (0..MAX_ITEMS)
                    .map(|n| {
                        (f(&format!("item{n}_outcome")).to_owned(), f(&format!("item{n}_reason")).to_owned())
                    })
                    .collect(),
                recipients: f("recipients").to_owned(),
                erasure_outcome: f("erasure_outcome").to_owned(),
                retention_duty: f("retention_duty").to_owned(),
            };
            decisions::complete(ctx, &user, &reference, &input, uploads).await
        }
        "refuse" => decisions::refuse(ctx, &user, &reference, f("reasons")).await,
        _ => return Err(AppError::NotFound),
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/staff/requests/{}", reference.trim().to_uppercase()))),
        Err(ActionError::NotFound) => Err(AppError::NotFound),
        Err(ActionError::Refused(message)) => {
            show_request(&req, &state, &reference, Some((StatusCode::CONFLICT, message))).await
        }
        Err(ActionError::Invalid(message)) => {
            show_request(&req, &state, &reference, Some((StatusCode::UNPROCESSABLE_ENTITY, message))).await
        }
        Err(ActionError::Db(e)) => Err(e.into()),
    }
}

/// Correction items a request can carry (the public form offers fewer).
const MAX_ITEMS: usize = 20;

/// `GET /staff/requests/{reference}/attachments/{id}`: a file of the answer, while it is kept.
pub async fn attachment(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, AttachmentId)>,
) -> Result<HttpResponse, AppError> {
    let user = signed_in(&req, &state).await?;
    let (reference, id) = path.into_inner();
    let Some(file) = queue::attachment(&state.ctx, &user, &reference, id).await? else {
        return Err(AppError::NotFound);
    };
    Ok(super::file_response(&file.name, &file.content_type, file.content))
}

/// Rows of correction items on the entry form.
const ENTRY_ITEMS: usize = 5;

#[derive(Template)]
#[template(path = "staff/new_request.html")]
struct NewRequestPage {
    user: Option<StaffUser>,
    csrf: String,
    registers: Vec<(String, String)>,
    kinds: Vec<&'static str>,
    languages: Vec<&'static str>,
    channels: Vec<&'static str>,
    purposes: Vec<&'static str>,
    objection_channels: Vec<&'static str>,
    items: Vec<usize>,
    /// The values typed in, echoed back after an error.
    values: HashMap<String, String>,
    chosen: Vec<String>,
    today: String,
    message: Option<String>,
}

impl NewRequestPage {
    fn value(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    fn is_chosen(&self, key: &str, value: &str) -> bool {
        self.chosen.iter().any(|c| c == &format!("{key}={value}"))
    }
}

fn new_request_page(
    state: &AppState,
    user: StaffUser,
    values: HashMap<String, String>,
    chosen: Vec<String>,
    message: Option<String>,
) -> NewRequestPage {
    let ctx = &state.ctx;
    let registers = ctx
        .registers
        .iter()
        .filter(|r| user.sees(&r.key))
        .map(|r| (r.key.clone(), r.register_name.clone()))
        .collect();
    NewRequestPage {
        csrf: user.csrf_token(ctx),
        user: Some(user),
        registers,
        kinds: RequestKind::ALL.iter().map(|k| k.as_str()).collect(),
        languages: Language::ALL.iter().map(|l| l.as_str()).collect(),
        channels: EntryChannel::ALL.iter().map(|c| c.as_str()).collect(),
        purposes: ObjectionPurpose::ALL.iter().map(|p| p.as_str()).collect(),
        objection_channels: ObjectionChannel::ALL.iter().map(|c| c.as_str()).collect(),
        items: (0..ENTRY_ITEMS).collect(),
        values,
        chosen,
        today: ctx.clock.now().date_naive().to_string(),
        message,
    }
}

/// `GET /staff/requests/new`: the form for a request received by letter, phone, visit or email.
pub async fn new_request_form(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = signed_in(&req, &state).await?;
    render(&new_request_page(&state, user, HashMap::new(), Vec::new(), None))
}

/// `POST /staff/requests/new`.
pub async fn enter_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form_pairs(&body);
    let user = signed_in_with_csrf(&req, &state, &form).await?;
    let all = |key: &str| -> Vec<String> {
        form_urlencoded::parse(&body).filter(|(k, _)| k == key).map(|(_, v)| v.into_owned()).collect()
    };
    let chosen: Vec<String> = ["purposes", "channels"]
        .iter()
        .flat_map(|key| all(key).into_iter().map(move |v| format!("{key}={v}")))
        .collect();
    let f = |k: &str| form.get(k).cloned();
    let kind = field(&form, "kind").to_owned();
    let input = RequestInput {
        kind: f("kind"),
        language: f("language"),
        requester: Some(RequesterInput {
            name: f("name"),
            email: f("email"),
            phone: f("phone"),
            customer_number: f("customer_number"),
        }),
        scope: matches!(kind.as_str(), "inspection" | "erasure").then(|| field(&form, "scope").to_owned()),
        items: Some(
            (0..ENTRY_ITEMS)
                .filter(|n| !field(&form, &format!("item_field_{n}")).trim().is_empty())
                .map(|n| CorrectionItemInput {
                    field: f(&format!("item_field_{n}")),
                    current_value: f(&format!("item_current_{n}")),
                    corrected_value: f(&format!("item_corrected_{n}")),
                    reason: f(&format!("item_reason_{n}")),
                })
                .collect(),
        ),
        purposes: Some(all("purposes")),
        channels: Some(all("channels")),
    };
    let problem = |message: String| {
        let page = new_request_page(&state, user.clone(), form.clone(), chosen.clone(), Some(message));
        super::html_page(StatusCode::UNPROCESSABLE_ENTITY, &page)
    };
    let Some(register) = state.ctx.register(field(&form, "register")).filter(|r| user.sees(&r.key)) else {
        return problem("register: choose one of your registers".into());
    };
    let Ok(channel) = field(&form, "channel").parse::<EntryChannel>() else {
        return problem("channel: choose letter, phone, visit or email".into());
    };
    let Ok(received_on) = field(&form, "received_on").parse::<NaiveDate>() else {
        return problem("received_on: the date of receipt is required (YYYY-MM-DD)".into());
    };
    let country = register.jurisdiction.calling_code();
    let valid =
        match request::validate(&input, &register.objection_purposes, country, register.default_language()) {
            Ok(valid) => valid,
            Err(issues) => {
                let t = crate::i18n::Tr::new(Language::En);
                let text = issues
                    .iter()
                    .map(|i| format!("{}: {}", i.field, super::public::issue_message(&t, i)))
                    .collect::<Vec<_>>()
                    .join("; ");
                return problem(text);
            }
        };
    match entry::enter(&state.ctx, &user, &register.key, &valid, channel, received_on).await {
        Ok(reference) => Ok(redirect(&format!("/staff/requests/{reference}"))),
        Err(ActionError::Invalid(message) | ActionError::Refused(message)) => problem(message),
        Err(ActionError::NotFound) => Err(AppError::NotFound),
        Err(ActionError::Db(e)) => Err(e.into()),
    }
}
