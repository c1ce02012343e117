//! Robustness at the edges: PostgreSQL restarts, control characters in input, numeric filters out
//! of range, and the HTTP server's limits.

use diesel_async::SimpleAsyncConnection;
use dsr_desk::domain::StaffRole;

use crate::support::spawn_app;
use crate::support::staff::StaffClient;

/// Ends every connection of the app to its database, as a PostgreSQL restart or an administrator's
/// `pg_terminate_backend` does.
async fn terminate_app_connections(app: &crate::support::app::TestApp) {
    let mut conn = app.db.conn().await;
    conn.batch_execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn requests_while_the_database_ends_the_apps_connections_answer_503_or_succeed_never_500() {
    let app = spawn_app().await;
    let staff = StaffClient::ready(&app, "restart@dsr-desk.test", StaffRole::Handler, &["jokkerit"]).await;
    for _ in 0..3 {
        // Several pages at once, so that the pool holds more than one connection to lose.
        let pages = futures_util::future::join_all((0..4).map(|_| staff.get("/staff/queue"))).await;
        assert!(pages.iter().all(|p| p.status() == 200));
        terminate_app_connections(&app).await;
        let mut statuses = Vec::new();
        for _ in 0..6 {
            statuses.push(staff.get("/staff/queue").await.status().as_u16());
            statuses.push(app.get("/readyz").await.status().as_u16());
        }
        assert!(statuses.iter().all(|s| *s == 200 || *s == 503), "answers after the restart: {statuses:?}");
        assert_eq!(staff.get("/staff/queue").await.status(), 200, "the next request succeeds");
    }
}
