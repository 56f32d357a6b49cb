//! The driver against a real PostgreSQL: history table, lock, failing migrations, raw queries,
//! reset.

// Tests may unwrap: a failure is a panic with the value shown.
#![allow(clippy::unwrap_used)]

use flash_postgres::{connect, PostgresDriver};
use flash_schema::{ApplyOutcome, Driver, MigrationRun};
use flash_testkit::TestDb;
use std::time::Duration;

fn run(id: &str, statements: &[&str]) -> MigrationRun {
    MigrationRun {
        id: id.to_string(),
        name: id.split_once('_').map(|(_, n)| n).unwrap_or(id).to_string(),
        checksum: format!("sum-{id}"),
        statements: statements.iter().map(|s| s.to_string()).collect(),
        transactional: true,
        resume_from: 0,
        snapshot: None,
    }
}

async fn driver(db: &TestDb) -> PostgresDriver {
    connect(&db.url).await.unwrap()
}

/// The single text cell of a one-row, one-column query.
async fn scalar(drv: &mut PostgresDriver, sql: &str) -> Option<String> {
    let r = drv.query(sql).await.unwrap();
    r.last().unwrap().rows[0][0].clone()
}

async fn table_exists(drv: &mut PostgresDriver, name: &str) -> bool {
    scalar(drv, &format!("SELECT to_regclass('{name}') IS NOT NULL"))
        .await
        .as_deref()
        == Some("true")
}

#[tokio::test]
async fn ledger_round_trip_rows_checksum_and_already_applied() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut drv = driver(&db).await;
    assert!(
        drv.ledger().await.unwrap().is_empty(),
        "no table yet: empty history"
    );
    drv.ensure_ledger().await.unwrap();
    drv.ensure_ledger().await.unwrap();
    assert!(drv.ledger().await.unwrap().is_empty());

    let mut first = run(
        "20240101000000_create_users",
        &["CREATE TABLE users (id integer PRIMARY KEY)"],
    );
    first.snapshot = Some("{\"version\":1}".into());
    assert_eq!(drv.apply(&first).await.unwrap(), ApplyOutcome::Applied);
    let second = run(
        "20240102000000_add_posts",
        &[
            "CREATE TABLE posts (id integer)",
            "CREATE INDEX ON posts (id)",
        ],
    );
    assert_eq!(drv.apply(&second).await.unwrap(), ApplyOutcome::Applied);

    let rows = drv.ledger().await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].id, "20240101000000_create_users");
    assert_eq!(rows[0].migration_name, "create_users");
    assert_eq!(rows[0].checksum, "sum-20240101000000_create_users");
    assert_eq!(rows[0].applied_steps_count, 1);
    assert_eq!(rows[1].applied_steps_count, 2);
    assert!(rows.iter().all(|r| r.is_applied() && r.logs.is_none()));
    for r in &rows {
        for t in [
            r.finished_at.as_deref().unwrap(),
            r.started_at.as_deref().unwrap(),
        ] {
            let parsed =
                chrono::DateTime::parse_from_rfc3339(t).unwrap_or_else(|e| panic!("{t}: {e}"));
            assert_eq!(parsed.offset().local_minus_utc(), 0, "UTC: {t}");
            let age = chrono::Utc::now().signed_duration_since(parsed);
            assert!(age.num_minutes().abs() < 5, "time is now-ish in UTC: {t}");
        }
    }
    assert_eq!(
        scalar(
            &mut drv,
            "SELECT snapshot FROM _flash_migrations WHERE id = '20240101000000_create_users'"
        )
        .await
        .as_deref(),
        Some("{\"version\":1}")
    );

    // Applied already (by "another process"): nothing runs.
    let again = run(
        "20240101000000_create_users",
        &["CREATE TABLE users (id integer PRIMARY KEY)"],
    );
    assert_eq!(
        drv.apply(&again).await.unwrap(),
        ApplyOutcome::AlreadyApplied
    );

    drv.set_checksum("20240101000000_create_users", "new-sum")
        .await
        .unwrap();
    assert_eq!(drv.ledger().await.unwrap()[0].checksum, "new-sum");
    assert!(
        drv.set_checksum("nope", "x").await.is_err(),
        "unknown id is an error"
    );

    // Revert deletes the row and runs the Down statements.
    drv.revert(&run("20240102000000_add_posts", &["DROP TABLE posts"]))
        .await
        .unwrap();
    assert_eq!(drv.ledger().await.unwrap().len(), 1);
    assert!(!table_exists(&mut drv, "posts").await);
}

#[tokio::test]
async fn ensure_ledger_adds_missing_columns_to_a_go_tool_table() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut drv = driver(&db).await;
    drv.query(
        "CREATE TABLE _flash_migrations (
           id varchar(255) PRIMARY KEY,
           checksum varchar(64) NOT NULL,
           finished_at timestamptz,
           migration_name varchar(255) NOT NULL,
           logs text,
           rolled_back_at timestamptz,
           started_at timestamptz NOT NULL DEFAULT now(),
           applied_steps_count integer NOT NULL DEFAULT 0
         );
         INSERT INTO _flash_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ('20230101000000_init', 'abc', '2023-01-01 00:00:00+00', 'init', 1);",
    )
    .await
    .unwrap();
    drv.ensure_ledger().await.unwrap();
    let cols = drv
        .query("SELECT column_name FROM information_schema.columns WHERE table_name = '_flash_migrations' ORDER BY ordinal_position")
        .await
        .unwrap();
    let names: Vec<String> = cols[0].rows.iter().map(|r| r[0].clone().unwrap()).collect();
    assert_eq!(names.last().map(String::as_str), Some("snapshot"));
    assert_eq!(names.len(), 9);
    // The Go tool's timestamptz column is kept (never altered) and reads back in UTC.
    let rows = drv.ledger().await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].finished_at.as_deref(),
        Some("2023-01-01T00:00:00.000000Z")
    );
    assert!(rows[0].is_applied());
    let mut next = run("20240101000000_next", &["CREATE TABLE t (id integer)"]);
    next.snapshot = Some("{}".into());
    assert_eq!(drv.apply(&next).await.unwrap(), ApplyOutcome::Applied);
    assert_eq!(drv.ledger().await.unwrap().len(), 2);
}

#[tokio::test]
async fn second_connection_waits_for_the_lock_and_reports_it() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut a = driver(&db).await;
    let mut b = driver(&db).await;
    assert!(!a.lock().await.unwrap(), "free lock: no wait");
    let waiter = tokio::spawn(async move {
        let waited = b.lock().await.unwrap();
        b.unlock().await.unwrap();
        waited
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !waiter.is_finished(),
        "the second lock must wait while the first is held"
    );
    a.unlock().await.unwrap();
    let waited = tokio::time::timeout(Duration::from_secs(10), waiter)
        .await
        .unwrap()
        .unwrap();
    assert!(waited, "lock() reports that it waited");
    assert!(
        !a.lock().await.unwrap(),
        "released again by the other session"
    );
    a.unlock().await.unwrap();
}

#[tokio::test]
async fn failing_statement_rolls_back_the_whole_migration() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut drv = driver(&db).await;
    drv.ensure_ledger().await.unwrap();
    let bad = run(
        "20240101000000_bad",
        &[
            "CREATE TABLE a (id integer)",
            "CREATE TABLE oops (id nosuchtype)",
            "CREATE TABLE b (id integer)",
        ],
    );
    let err = drv.apply(&bad).await.unwrap_err();
    assert_eq!(err.statement_index, Some(1));
    assert_eq!(
        err.statement.as_deref(),
        Some("CREATE TABLE oops (id nosuchtype)")
    );
    assert!(err.rolled_back);
    assert_eq!(err.applied_steps, 0);
    assert_eq!(err.error.code.as_deref(), Some("42704"), "{:?}", err.error);
    assert!(err.error.message.contains("nosuchtype"));
    assert!(!table_exists(&mut drv, "a").await, "nothing left behind");
    assert!(drv.ledger().await.unwrap().is_empty(), "no history row");

    let mut fixed = bad.clone();
    fixed.statements[1] = "CREATE TABLE oops (id integer)".into();
    assert_eq!(drv.apply(&fixed).await.unwrap(), ApplyOutcome::Applied);
    assert!(table_exists(&mut drv, "b").await);
}

#[tokio::test]
async fn non_transactional_failure_records_progress_and_resumes() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut drv = driver(&db).await;
    drv.ensure_ledger().await.unwrap();
    let mut bad = run(
        "20240101000000_concurrent",
        &[
            "CREATE TABLE a (id integer)",
            "CREATE INDEX CONCURRENTLY a_idx ON nosuch (id)",
            "CREATE TABLE b (id integer)",
        ],
    );
    bad.transactional = false;
    let err = drv.apply(&bad).await.unwrap_err();
    assert_eq!(err.statement_index, Some(1));
    assert!(!err.rolled_back);
    assert_eq!(err.applied_steps, 1);
    let rows = drv.ledger().await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].applied_steps_count, 1);
    assert!(rows[0].finished_at.is_none());
    assert!(
        rows[0].logs.as_deref().unwrap_or("").contains("nosuch"),
        "{:?}",
        rows[0].logs
    );
    assert!(
        table_exists(&mut drv, "a").await,
        "the first statement stays applied"
    );

    let mut fixed = bad.clone();
    fixed.statements[1] = "CREATE INDEX CONCURRENTLY a_idx ON a (id)".into();
    fixed.checksum = "fixed-sum".into();
    fixed.resume_from = 1;
    assert_eq!(drv.apply(&fixed).await.unwrap(), ApplyOutcome::Applied);
    let rows = drv.ledger().await.unwrap();
    assert_eq!(rows[0].applied_steps_count, 3);
    assert!(rows[0].is_applied());
    assert!(rows[0].logs.is_none());
    assert_eq!(rows[0].checksum, "fixed-sum");
    assert!(table_exists(&mut drv, "b").await);
}

#[tokio::test]
async fn query_renders_every_cell_as_text() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut drv = driver(&db).await;
    let results = drv
        .query(
            "CREATE TYPE mood AS ENUM ('ok');
             CREATE TABLE t (id serial PRIMARY KEY, name text);
             INSERT INTO t (name) VALUES ('a'), ('b'), (NULL);
             UPDATE t SET name = 'z' WHERE name IS NOT NULL;
             SELECT 1::int AS i, 9007199254740993::bigint AS big, 1.50::numeric(5,2) AS dec, 0.5::float8 AS f,
                    'x'::text AS s, true AS yes, false AS no, DATE '2024-02-03' AS d,
                    TIMESTAMPTZ '2024-02-03 04:05:06+00' AS ts, '{\"a\": [1, 2]}'::jsonb AS j,
                    '6d2d7b1e-1b3c-4f5a-9e2b-000000000001'::uuid AS u, '\\xdeadbeef'::bytea AS b,
                    NULL::text AS nothing, ARRAY[1, 2] AS arr, 'ok'::mood AS m, interval '1 day' AS iv;
             SELECT id FROM t WHERE false;
             DELETE FROM t RETURNING id",
        )
        .await
        .unwrap();
    assert_eq!(results.len(), 7);
    assert_eq!(results[2].rows_affected, 3);
    assert_eq!(results[3].rows_affected, 2);
    let sel = &results[4];
    assert_eq!(
        sel.columns,
        [
            "i", "big", "dec", "f", "s", "yes", "no", "d", "ts", "j", "u", "b", "nothing", "arr",
            "m", "iv"
        ]
    );
    let row: Vec<Option<&str>> = sel.rows[0].iter().map(|c| c.as_deref()).collect();
    assert_eq!(
        row,
        [
            Some("1"),
            Some("9007199254740993"),
            Some("1.50"),
            Some("0.5"),
            Some("x"),
            Some("true"),
            Some("false"),
            Some("2024-02-03"),
            Some("2024-02-03 04:05:06+00"),
            Some("{\"a\": [1, 2]}"),
            Some("6d2d7b1e-1b3c-4f5a-9e2b-000000000001"),
            Some("\\xdeadbeef"),
            None,
            Some("{1,2}"),
            Some("ok"),
            Some("1 day"),
        ]
    );
    assert_eq!(
        results[5].columns,
        ["id"],
        "an empty result still names its columns"
    );
    assert!(results[5].rows.is_empty());
    assert_eq!(results[6].rows.len(), 3);
    assert_eq!(results[6].rows_affected, 3);
    assert!(drv.query("SELECT * FROM nosuch").await.is_err());
}

#[tokio::test]
async fn reset_drops_everything_in_the_schema() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut drv = driver(&db).await;
    drv.ensure_ledger().await.unwrap();
    drv.query(
        "CREATE TYPE mood AS ENUM ('a', 'b');
         CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
         CREATE TYPE pair AS (x integer, y integer);
         CREATE SEQUENCE standalone_seq;
         CREATE TABLE parent (id serial PRIMARY KEY, m mood, p positive);
         CREATE TABLE child (id integer REFERENCES parent (id));
         CREATE VIEW v AS SELECT id FROM parent;
         CREATE MATERIALIZED VIEW mv AS SELECT id FROM v;
         CREATE FUNCTION f(a integer) RETURNS integer AS $$ SELECT a $$ LANGUAGE sql;
         CREATE FUNCTION trg() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER t BEFORE INSERT ON parent FOR EACH ROW EXECUTE FUNCTION trg();
         CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;",
    )
    .await
    .unwrap();
    let dropped = drv.reset().await.unwrap();
    for want in [
        "view v",
        "materialized view mv",
        "table parent",
        "table child",
        "table _flash_migrations",
        "sequence standalone_seq",
        "function f(integer)",
        "function trg()",
        "procedure p()",
        "type mood",
        "type pair",
        "domain positive",
    ] {
        assert!(
            dropped.iter().any(|d| d == want),
            "{want} missing from {dropped:?}"
        );
    }
    let schema = drv.inspect().await.unwrap();
    assert!(schema.is_empty(), "{schema:?}");
    assert!(drv.ledger().await.unwrap().is_empty());
    let left = scalar(
        &mut drv,
        "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')
              + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public')
              + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public')",
    )
    .await;
    assert_eq!(left.as_deref(), Some("0"));
    assert!(
        drv.reset().await.unwrap().is_empty(),
        "a second reset has nothing to do"
    );
}

#[tokio::test]
async fn inspect_leaves_out_the_history_table() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let mut drv = driver(&db).await;
    drv.ensure_ledger().await.unwrap();
    drv.query("CREATE TABLE kept (id integer)").await.unwrap();
    let schema = drv.inspect().await.unwrap();
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["kept"]);
}
