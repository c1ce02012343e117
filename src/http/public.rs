//! Public pages.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::AppState;
use crate::domain::Register;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "public/index.html")]
struct IndexPage<'a> {
    registers: &'a [Register],
}

/// `GET /`: the registers whose data subjects may make requests here.
pub async fn index(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let html = IndexPage { registers: &state.registers }.render().map_err(anyhow::Error::from)?;
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html))
}
