//! The OpenAPI document of the JSON API (`GET /api/v1/openapi.json`), generated from the same
//! registration that serves the API (the `/api/v1` scope of `http::routes`): each handler's
//! `#[utoipa::path]` joins the document where it joins the route table, so a route cannot be
//! served undocumented or documented unserved. The error envelope's schema lives here too.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};
use utoipa_actix_web::OpenApiFactory;

/// An error: `code`, a human-readable `message`, and for invalid input the fields with reasons.
/// The same envelope as every error answer of `crate::error::AppError`; the OpenAPI test checks
/// real answers against this schema.
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// The inside of [`ErrorBody`].
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    code: ErrorCode,
    message: String,
    /// Present when `code` is `invalid_input`: each invalid field with the reason.
    #[serde(default)]
    fields: Vec<FieldBody>,
}

/// What went wrong, for programs (the HTTP status says the same, coarser).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    InvalidInput,
    NotFound,
    TooManyRequests,
    RequestTimeout,
    Conflict,
    Forbidden,
    Unauthorized,
    PayloadTooLarge,
    Unavailable,
    Internal,
}

/// One invalid field of an [`ErrorDetail`].
#[derive(Debug, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldBody {
    /// The field's name, e.g. `requester.email`.
    field: String,
    reason: String,
}

/// What the document says beside its paths: the title, the bearer scheme and the error schemas.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "dsr-desk",
        description = "Data-subject requests: intake and verification for integrations."
    ),
    modifiers(&BearerKey),
    components(schemas(ErrorBody, ErrorDetail, ErrorCode, FieldBody))
)]
pub struct ApiDoc;

/// Declares the `Authorization: Bearer KEY` scheme of the suppression API.
struct BearerKey;

impl utoipa::Modify for BearerKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An integration API key (dsrk_…), created by the admin"))
                    .build(),
            ),
        );
    }
}

/// The document of the API routes of `scope` (registered with `utoipa_actix_web`), as JSON.
pub fn document(scope: &impl OpenApiFactory) -> String {
    let mut doc = ApiDoc::openapi();
    doc.paths.paths.extend(scope.paths().paths);
    declare_common_answers(&mut doc);
    let mut schemas = Vec::new();
    scope.schemas(&mut schemas);
    doc.components.get_or_insert_with(Default::default).schemas.extend(schemas);
    let mut doc = serde_json::to_value(&doc).unwrap_or_default();
    constrain_request_body(&mut doc["components"]["schemas"]);
    doc.to_string()
}

/// The request body's closed vocabularies and lengths, from the domain that validates them, so
/// that the document cannot fall behind (a new request kind appears in it by itself).
fn constrain_request_body(schemas: &mut serde_json::Value) {
    use crate::domain::request::{
        MAX_CUSTOMER_NUMBER, MAX_EMAIL, MAX_ITEM_FIELD, MAX_ITEM_TEXT, MAX_ITEMS, MAX_NAME, MAX_PROCESSING,
        MAX_RECEIVING_CONTROLLER, MAX_SCOPE,
    };
    use crate::domain::{
        Language, ObjectionChannel, ObjectionPurpose, PortabilityFormat, RequestKind, RestrictionGround,
    };
    use serde_json::json;

    fn names<T: ToString>(all: &[T]) -> Vec<String> {
        all.iter().map(ToString::to_string).collect()
    }
    let body = &mut schemas["NewRequestBody"]["properties"];
    body["kind"]["enum"] = json!(names(RequestKind::ALL));
    body["language"]["enum"] =
        json!(names(Language::ALL).into_iter().map(Some).chain([None]).collect::<Vec<_>>());
    body["purposes"]["items"]["enum"] = json!(names(ObjectionPurpose::ALL));
    body["channels"]["items"]["enum"] = json!(names(ObjectionChannel::ALL));
    body["scope"]["maxLength"] = json!(MAX_SCOPE);
    body["items"]["maxItems"] = json!(MAX_ITEMS);
    body["grounds"]["items"]["enum"] = json!(names(RestrictionGround::ALL));
    body["explanation"]["maxLength"] = json!(MAX_SCOPE);
    body["processing"]["maxLength"] = json!(MAX_PROCESSING);
    body["situation"]["maxLength"] = json!(MAX_SCOPE);
    body["format"]["enum"] =
        json!(names(PortabilityFormat::ALL).into_iter().map(Some).chain([None]).collect::<Vec<_>>());
    body["receiving_controller"]["maxLength"] = json!(MAX_RECEIVING_CONTROLLER);
    let requester = &mut schemas["RequesterBody"]["properties"];
    requester["name"]["minLength"] = json!(1);
    requester["name"]["maxLength"] = json!(MAX_NAME);
    requester["email"]["format"] = json!("email");
    requester["email"]["maxLength"] = json!(MAX_EMAIL);
    requester["customer_number"]["maxLength"] = json!(MAX_CUSTOMER_NUMBER);
    let item = &mut schemas["ItemBody"]["properties"];
    item["field"]["minLength"] = json!(1);
    item["field"]["maxLength"] = json!(MAX_ITEM_FIELD);
    for text in ["current_value", "corrected_value", "reason"] {
        item[text]["maxLength"] = json!(MAX_ITEM_TEXT);
    }
    schemas["VerifyBody"]["properties"]["code"]["pattern"] = json!("^[0-9]{6}$");
}

/// `GET /api/v1/openapi.json`: the document, made once at start-up.
pub fn serve(document: String) -> actix_web::Route {
    web::get().to(move || {
        let document = document.clone();
        async move { HttpResponse::Ok().content_type("application/json").body(document) }
    })
}

/// Answers any API operation can give whatever its input, declared on each operation that does
/// not declare them itself: a body that is not JSON or holds control characters (400), a body
/// sent too slowly (408) or too large (413), a rate limit (429), a database that cannot be reached
/// (503) and an internal error (500).
fn declare_common_answers(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::response::ResponseBuilder;
    use utoipa::openapi::{ContentBuilder, Header, Ref, RefOr, Type};

    const COMMON: [(&str, &str, bool); 6] = [
        ("400", "The body or a parameter is malformed: not JSON, or text with control characters", false),
        ("408", "The request was not sent completely within the request deadline", false),
        ("413", "The body is larger than the service accepts", false),
        ("429", "Rate limit: try again after the number of seconds in Retry-After", true),
        ("500", "Internal error (logged with its cause)", false),
        ("503", "The database is unavailable for a moment: try again after Retry-After seconds", true),
    ];
    for item in doc.paths.paths.values_mut() {
        for operation in [&mut item.get, &mut item.post].into_iter().flatten() {
            for (status, description, retry_after) in COMMON {
                if operation.responses.responses.contains_key(status) {
                    continue;
                }
                let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
                let mut response =
                    ResponseBuilder::new().description(description).content("application/json", content);
                if retry_after {
                    let seconds =
                        utoipa::openapi::schema::ObjectBuilder::new().schema_type(Type::Integer).build();
                    let header = Header::builder()
                        .schema(seconds)
                        .description(Some("Seconds to wait before trying again"))
                        .build();
                    response = response.header("Retry-After", header);
                }
                operation.responses.responses.insert(status.to_owned(), RefOr::T(response.build()));
            }
        }
    }
}
