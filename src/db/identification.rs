//! The `oidc_flows` table (OpenID Connect sign-ins in flight, shared by every instance) and the
//! `request_identifications` table (what a requester's strong identification proved).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::DbError;
use super::schema::{oidc_flows as flows, request_identifications as ids, requests};
use crate::domain::{Language, Reference, RequestId};

/// A sign-in in flight.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = flows)]
pub struct Flow {
    pub state_hash: Vec<u8>,
    pub browser_hash: Vec<u8>,
    /// `verify`, `download` or `staff`.
    pub purpose: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub request_id: Option<RequestId>,
    pub language: Language,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Stores a new flow, dropping the expired ones of every instance on the way.
pub async fn insert_flow(conn: &mut AsyncPgConnection, flow: &Flow) -> Result<(), DbError> {
    diesel::delete(flows::table.filter(flows::expires_at.lt(flow.created_at))).execute(conn).await?;
    diesel::insert_into(flows::table).values(flow).execute(conn).await?;
    Ok(())
}

/// Takes the flow of `state_hash` out of the table: each state is answered once, whatever the
/// answer (an expired one is returned too; the caller refuses it).
pub async fn take_flow(conn: &mut AsyncPgConnection, state_hash: &[u8]) -> Result<Option<Flow>, DbError> {
    Ok(diesel::delete(flows::table.find(state_hash))
        .returning(Flow::as_returning())
        .get_result(conn)
        .await
        .optional()?)
}

/// What an identification proved (personal data: the name and the hash).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ids)]
pub struct Identification {
    pub request_id: RequestId,
    pub provider: String,
    pub acr: String,
    pub person_name: Option<String>,
    pub person_hash: Option<Vec<u8>>,
    pub identified_at: DateTime<Utc>,
}

pub async fn insert(conn: &mut AsyncPgConnection, identification: &Identification) -> Result<(), DbError> {
    diesel::insert_into(ids::table).values(identification).execute(conn).await?;
    Ok(())
}

pub async fn of_request(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
) -> Result<Option<Identification>, DbError> {
    Ok(ids::table.find(request_id).select(Identification::as_select()).first(conn).await.optional()?)
}

/// Other requests identified as the same person, in `registers`, newest first.
pub async fn same_person(
    conn: &mut AsyncPgConnection,
    request_id: RequestId,
    person_hash: &[u8],
    registers: &[String],
) -> Result<Vec<Reference>, DbError> {
    Ok(ids::table
        .inner_join(requests::table)
        .filter(ids::person_hash.eq(person_hash))
        .filter(ids::request_id.ne(request_id))
        .filter(requests::register_key.eq_any(registers))
        .order(ids::identified_at.desc())
        .select(requests::reference)
        .limit(50)
        .load(conn)
        .await?)
}

/// Erases the personal data of a request's identification and any sign-in in flight for it; the
/// provider, the level and the time stay as the record of how the request was confirmed.
pub async fn erase(conn: &mut AsyncPgConnection, request_id: RequestId) -> Result<(), DbError> {
    diesel::update(ids::table.find(request_id))
        .set((ids::person_name.eq(None::<String>), ids::person_hash.eq(None::<Vec<u8>>)))
        .execute(conn)
        .await?;
    diesel::delete(flows::table.filter(flows::request_id.eq(request_id))).execute(conn).await?;
    Ok(())
}
