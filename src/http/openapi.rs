//! The OpenAPI document of the JSON API (`GET /api/v1/openapi.json`), generated from the same
//! registration that serves the API (the `/api/v1` scope of `http::routes`): each handler's
//! `#[utoipa::path]` joins the document where it joins the route table, so a route cannot be
//! served undocumented or documented unserved. The error envelope's schema lives here too.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};
use utoipa_actix_web::OpenApiFactory;

/// An error: `code`, a human-readable `message`, and for invalid input the fields with reasons.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// The inside of [`ErrorBody`].
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    code: String,
    message: String,
    fields: Vec<FieldBody>,
}

/// One invalid field of an [`ErrorDetail`].
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldBody {
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
    components(schemas(ErrorBody, ErrorDetail, FieldBody))
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
    let mut schemas = Vec::new();
    scope.schemas(&mut schemas);
    doc.components.get_or_insert_with(Default::default).schemas.extend(schemas);
    serde_json::to_string(&doc).unwrap_or_default()
}

/// `GET /api/v1/openapi.json`: the document, made once at start-up.
pub fn serve(document: String) -> actix_web::Route {
    web::get().to(move || {
        let document = document.clone();
        async move { HttpResponse::Ok().content_type("application/json").body(document) }
    })
}
