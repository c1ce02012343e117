//! Migrations are reversible: up → down → up on an empty database.

use diesel::QueryableByName;
use diesel::sql_types::BigInt;
use diesel_async::RunQueryDsl;

use crate::support::db::TestDb;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

async fn table_count(db: &TestDb) -> i64 {
    let mut conn = db.conn().await;
    let rows: Vec<Count> = diesel::sql_query(
        "SELECT count(*) AS n FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
    )
    .load(&mut conn)
    .await
    .unwrap();
    rows[0].n
}

#[tokio::test]
async fn migrations_run_up_down_up() {
    let db = TestDb::empty().await;
    let embedded = dsr_desk::db::embedded_versions();
    let applied = dsr_desk::db::run_migrations(&db.url).await.unwrap();
    assert_eq!(applied.len(), embedded.len());
    let tables = table_count(&db).await;
    assert!(tables >= 5, "expected the tables to exist, found {tables}");

    let reverted = dsr_desk::db::revert_all_migrations(&db.url).await.unwrap();
    assert_eq!(reverted.len(), embedded.len());
    assert_eq!(table_count(&db).await, 0, "down.sql left tables behind");

    let again = dsr_desk::db::run_migrations(&db.url).await.unwrap();
    assert_eq!(again.len(), embedded.len());
    assert_eq!(table_count(&db).await, tables);
    let mut conn = db.conn().await;
    let pending = dsr_desk::db::pending_migrations(&mut conn, &embedded).await.unwrap();
    assert!(pending.is_empty());
}

#[tokio::test]
async fn request_events_are_append_only() {
    let db = TestDb::migrated().await;
    let mut conn = db.conn().await;
    diesel::sql_query(
        "INSERT INTO registers (key, register_name, controller_name, jurisdiction, languages, contact_email, config) \
         VALUES ('r', 'R', 'C', 'fi', '{fi}', 'c@r.fi', '{}');
         ",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    diesel::sql_query(
        "INSERT INTO requests (reference, register_key, kind, channel, language, status, submitted_at, received_on) \
         VALUES ('REF-1', 'r', 'inspection', 'web', 'fi', 'received', now(), current_date)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    diesel::sql_query(
        "INSERT INTO request_events (request_id, seq, occurred_at, actor_kind, kind, prev_hash, hash) \
         SELECT id, 1, now(), 'system', 'submitted', '\\x00', '\\x01' FROM requests",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    let update = diesel::sql_query("UPDATE request_events SET kind = 'forged'").execute(&mut conn).await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = diesel::sql_query("DELETE FROM request_events").execute(&mut conn).await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[tokio::test]
async fn each_test_database_is_dropped_when_its_test_ends() {
    let db = TestDb::migrated().await;
    let name = db.name.clone();
    assert!(TestDb::exists(&name).await);
    drop(db);
    assert!(!TestDb::exists(&name).await);
}
