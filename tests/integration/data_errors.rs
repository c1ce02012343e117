//! The error policy at the database edge: a stored value the domain does not know is a data
//! error (500 with its cause logged), never replaced by a default; only an unreachable database
//! is 503 (see `health.rs` for the outage).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use dsr_desk::domain::StaffRole;

use crate::support::staff::{StaffClient, verified_request};
use crate::support::{logs, spawn_app};

#[tokio::test]
async fn a_request_with_an_unknown_status_answers_500_and_logs_the_cause() {
    logs::capture();
    let app = spawn_app().await;
    let reference = verified_request(&app, "jokkerit", "unknown-status@example.fi").await;
    let handler = StaffClient::ready(&app, "h@shop.fi", StaffRole::Handler, &["jokkerit"]).await;
    let page = format!("/staff/requests/{reference}");
    assert_eq!(handler.get(&page).await.status(), 200);

    // A state this version does not know, as a newer release (or a hand edit) could leave it.
    let unknown = format!("on_hold_{}", std::process::id());
    let mut conn = app.db.conn().await;
    diesel::sql_query("ALTER TABLE requests DROP CONSTRAINT requests_status_check")
        .execute(&mut conn)
        .await
        .unwrap();
    diesel::sql_query(format!("UPDATE requests SET status = '{unknown}' WHERE reference = '{reference}'"))
        .execute(&mut conn)
        .await
        .unwrap();

    let r = handler.get(&page).await;
    assert_eq!(r.status(), 500, "a corrupt row is a defect, not a temporary outage");
    assert!(r.headers().get("retry-after").is_none(), "nothing to retry");
    let body = r.text().await.unwrap();
    assert!(!body.contains(&unknown), "the cause stays in the log: {body}");
    let logged = logs::lines_with(&unknown);
    assert!(
        logged.iter().any(|l| l.contains("ERROR") && l.contains("unknown status")),
        "the cause is logged: {logged:?}"
    );
    // An action on it fails the same way and changes nothing.
    let r = handler.act(&reference, "notes", &[("body", "x")]).await;
    assert_eq!(r.status(), 500);
    let notes: i64 = dsr_desk::db::schema::request_notes::table.count().get_result(&mut conn).await.unwrap();
    assert_eq!(notes, 0, "the failed action wrote nothing");
}
