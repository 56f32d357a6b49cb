//! Driver tests against a real server: history table, lock, failure and resume, query, reset.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flash_mysql::{connect, MysqlDriver};
use flash_schema::{ApplyOutcome, Driver, MigrationRun, LEDGER_TABLE};
use flash_testkit::TestDb;
use std::time::Duration;

fn run(id: &str, statements: &[&str]) -> MigrationRun {
    MigrationRun {
        id: id.into(),
        name: id.split_once('_').map(|(_, n)| n).unwrap_or(id).into(),
        checksum: format!("sum-{id}"),
        statements: statements.iter().map(|s| s.to_string()).collect(),
        transactional: true,
        resume_from: 0,
        snapshot: None,
    }
}

async fn scalar(drv: &mut MysqlDriver, sql: &str) -> Option<String> {
    let r = drv.query(sql).await.unwrap();
    r[0].rows.first().and_then(|row| row[0].clone())
}

async fn table_exists(drv: &mut MysqlDriver, name: &str) -> bool {
    scalar(
        drv,
        &format!(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{name}'"
        ),
    )
    .await
    .as_deref()
        == Some("1")
}

fn is_rfc3339_utc(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok() && s.ends_with('Z')
}

#[tokio::test]
async fn ledger_round_trip() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let mut drv = connect(&db.url).await.unwrap();
    assert!(
        drv.ledger().await.unwrap().is_empty(),
        "no table yet: empty"
    );
    drv.ensure_ledger().await.unwrap();
    drv.ensure_ledger().await.unwrap();
    assert!(drv.ledger().await.unwrap().is_empty());

    let mut first = run(
        "20240101120000_create_users",
        &["CREATE TABLE users (id INT PRIMARY KEY)"],
    );
    first.snapshot = Some("{\"version\":1}".into());
    assert_eq!(drv.apply(&first).await.unwrap(), ApplyOutcome::Applied);
    let second = run(
        "20240102120000_add_posts",
        &[
            "CREATE TABLE posts (id INT PRIMARY KEY)",
            "CREATE INDEX posts_id_idx ON posts (id)",
        ],
    );
    assert_eq!(drv.apply(&second).await.unwrap(), ApplyOutcome::Applied);

    let rows = drv.ledger().await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].id, "20240101120000_create_users");
    assert_eq!(rows[0].migration_name, "create_users");
    assert_eq!(rows[0].checksum, "sum-20240101120000_create_users");
    assert_eq!(rows[0].applied_steps_count, 1);
    assert_eq!(rows[1].applied_steps_count, 2);
    for r in &rows {
        assert!(r.is_applied());
        assert!(r.logs.is_none());
        assert!(r.rolled_back_at.is_none());
        assert!(is_rfc3339_utc(r.finished_at.as_deref().unwrap()), "{r:?}");
        assert!(is_rfc3339_utc(r.started_at.as_deref().unwrap()), "{r:?}");
    }
    assert_eq!(
        scalar(
            &mut drv,
            &format!(
                "SELECT snapshot FROM {LEDGER_TABLE} WHERE id = '20240101120000_create_users'"
            )
        )
        .await
        .as_deref(),
        Some("{\"version\":1}")
    );

    // Applying again runs nothing.
    assert_eq!(
        drv.apply(&first).await.unwrap(),
        ApplyOutcome::AlreadyApplied
    );

    drv.set_checksum("20240101120000_create_users", "edited")
        .await
        .unwrap();
    assert_eq!(drv.ledger().await.unwrap()[0].checksum, "edited");

    // Revert runs the Down statements and deletes the row.
    drv.revert(&run("20240102120000_add_posts", &["DROP TABLE posts"]))
        .await
        .unwrap();
    let ids: Vec<String> = drv
        .ledger()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, vec!["20240101120000_create_users"]);
    assert!(!table_exists(&mut drv, "posts").await);

    // The history table is not part of the inspected schema.
    let schema = drv.inspect().await.unwrap();
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, vec!["users"]);
}

#[tokio::test]
async fn ledger_made_by_the_go_tool_gets_the_snapshot_column() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let mut drv = connect(&db.url).await.unwrap();
    // The Go tool's table: no snapshot column (and here no applied_steps_count either).
    drv.query(&format!(
        "CREATE TABLE {LEDGER_TABLE} (
           id VARCHAR(255) PRIMARY KEY,
           checksum VARCHAR(64) NOT NULL,
           finished_at TIMESTAMP NULL,
           migration_name VARCHAR(255) NOT NULL,
           logs TEXT,
           rolled_back_at TIMESTAMP NULL,
           started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
         );
         INSERT INTO {LEDGER_TABLE} (id, checksum, finished_at, migration_name)
         VALUES ('20230101000000_init', 'abc', '2023-01-01 00:00:00', 'init');"
    ))
    .await
    .unwrap();
    drv.ensure_ledger().await.unwrap();
    let cols = drv
        .query(&format!(
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{LEDGER_TABLE}' ORDER BY ORDINAL_POSITION"
        ))
        .await
        .unwrap();
    let cols: Vec<String> = cols[0].rows.iter().map(|r| r[0].clone().unwrap()).collect();
    assert!(cols.contains(&"snapshot".to_string()), "{cols:?}");
    assert!(
        cols.contains(&"applied_steps_count".to_string()),
        "{cols:?}"
    );
    let rows = drv.ledger().await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].finished_at.as_deref(),
        Some("2023-01-01T00:00:00.000000Z")
    );
    assert_eq!(rows[0].applied_steps_count, 0);
    assert!(rows[0].is_applied());
    // Running it twice changes nothing.
    drv.ensure_ledger().await.unwrap();
    assert_eq!(drv.ledger().await.unwrap(), rows);
}

#[tokio::test]
async fn lock_waits_for_another_connection_and_reports_it() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let mut a = connect(&db.url).await.unwrap();
    let mut b = connect(&db.url).await.unwrap();
    assert!(!a.lock().await.unwrap(), "free lock: no wait");
    let waiter = tokio::spawn(async move {
        let waited = b.lock().await.unwrap();
        b.unlock().await.unwrap();
        waited
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !waiter.is_finished(),
        "second connection must wait while the lock is held"
    );
    a.unlock().await.unwrap();
    let waited = tokio::time::timeout(Duration::from_secs(20), waiter)
        .await
        .expect("second lock() returns once the first is released")
        .unwrap();
    assert!(waited, "second lock() reports that it waited");
    // Free again.
    assert!(!a.lock().await.unwrap());
    a.unlock().await.unwrap();
}

#[tokio::test]
async fn failed_migration_records_exact_progress_and_resumes() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let mut drv = connect(&db.url).await.unwrap();
    drv.ensure_ledger().await.unwrap();
    let bad = run(
        "20240101000000_two_tables",
        &[
            "CREATE TABLE a (id INT PRIMARY KEY)",
            "CREATE TABLE b (id INT PRIMARY KEY, a_id INT REFERENCES nowhere_at_all (id), CONSTRAINT b_fk FOREIGN KEY (a_id) REFERENCES nowhere_at_all (id))",
            "CREATE TABLE c (id INT PRIMARY KEY)",
        ],
    );
    let err = drv.apply(&bad).await.unwrap_err();
    assert_eq!(err.statement_index, Some(1));
    assert_eq!(err.applied_steps, 1);
    assert!(!err.rolled_back, "MySQL DDL is not transactional");
    assert_eq!(err.statement.as_deref(), Some(bad.statements[1].as_str()));
    assert!(!err.error.message.is_empty());
    assert!(
        err.error.code.is_some(),
        "the server's error number is kept"
    );

    let row = drv.ledger().await.unwrap().remove(0);
    assert!(row.finished_at.is_none());
    assert!(!row.is_applied());
    assert_eq!(row.applied_steps_count, 1);
    assert!(
        row.logs.as_deref().unwrap().contains("statement 2"),
        "{row:?}"
    );
    assert!(table_exists(&mut drv, "a").await);
    assert!(!table_exists(&mut drv, "b").await);

    // The user fixes the statement; the rerun starts after the applied one.
    let mut fixed = run(
        "20240101000000_two_tables",
        &[
            "CREATE TABLE a (id INT PRIMARY KEY)",
            "CREATE TABLE b (id INT PRIMARY KEY, a_id INT, CONSTRAINT b_fk FOREIGN KEY (a_id) REFERENCES a (id))",
            "CREATE TABLE c (id INT PRIMARY KEY)",
        ],
    );
    fixed.checksum = "fixed".into();
    fixed.resume_from = usize::try_from(row.applied_steps_count).unwrap();
    assert_eq!(drv.apply(&fixed).await.unwrap(), ApplyOutcome::Applied);
    let row = drv.ledger().await.unwrap().remove(0);
    assert!(row.is_applied());
    assert_eq!(row.applied_steps_count, 3);
    assert_eq!(row.checksum, "fixed");
    assert!(row.logs.is_none());
    assert!(table_exists(&mut drv, "b").await);
    assert!(table_exists(&mut drv, "c").await);
}

#[tokio::test]
async fn failed_revert_keeps_the_row_and_says_why() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let mut drv = connect(&db.url).await.unwrap();
    drv.ensure_ledger().await.unwrap();
    drv.apply(&run(
        "20240101000000_t",
        &["CREATE TABLE t (id INT PRIMARY KEY)"],
    ))
    .await
    .unwrap();
    let err = drv
        .revert(&run(
            "20240101000000_t",
            &["DROP TABLE t", "DROP TABLE not_there"],
        ))
        .await
        .unwrap_err();
    assert_eq!(err.statement_index, Some(1));
    assert_eq!(err.applied_steps, 1);
    let row = drv.ledger().await.unwrap().remove(0);
    assert!(row.is_applied());
    assert!(row.logs.unwrap().contains("down statement 2"));
}

#[tokio::test]
async fn query_renders_every_type_as_text() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let mut drv = connect(&db.url).await.unwrap();
    let results = drv
        .query(
            "CREATE TABLE t (
               id INT PRIMARY KEY, big BIGINT UNSIGNED, price DECIMAL(10,2), ratio DOUBLE,
               name VARCHAR(20), bin_name VARCHAR(20) COLLATE utf8mb4_bin, ok BOOLEAN,
               born DATE, at DATETIME(3), t TIME, doc JSON, raw VARBINARY(4), flags BIT(4),
               kind ENUM('a','b'), n INT
             );
             INSERT INTO t VALUES (1, 18446744073709551615, 12.50, 0.25, 'Ann', 'Bin', TRUE,
               '2024-02-29', '2024-02-29 13:14:15.123', '01:02:03', '{\"a\": [1, 2]}',
               UNHEX('00FF10AB'), b'1010', 'b', NULL),
               (2, 0, 0, 0, '', '', FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
             SELECT * FROM t ORDER BY id;
             SELECT id FROM t WHERE id > 100;",
        )
        .await
        .unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(results[1].rows_affected, 2);
    let sel = &results[2];
    assert_eq!(
        sel.columns,
        vec![
            "id", "big", "price", "ratio", "name", "bin_name", "ok", "born", "at", "t", "doc",
            "raw", "flags", "kind", "n"
        ]
    );
    let row: Vec<Option<&str>> = sel.rows[0].iter().map(|c| c.as_deref()).collect();
    let doc = row[10].unwrap();
    assert!(doc.contains("\"a\""), "{doc}");
    assert_eq!(
        row,
        vec![
            Some("1"),
            Some("18446744073709551615"),
            Some("12.50"),
            Some("0.25"),
            Some("Ann"),
            Some("Bin"),
            Some("1"),
            Some("2024-02-29"),
            Some("2024-02-29 13:14:15.123"),
            Some("01:02:03"),
            Some(doc),
            Some("0x00ff10ab"),
            Some("10"),
            Some("b"),
            None,
        ]
    );
    assert_eq!(sel.rows[1][7], None);
    assert_eq!(sel.rows[1][4].as_deref(), Some(""));
    // A query without rows still names its columns.
    assert!(results[3].rows.is_empty());
    assert_eq!(results[3].columns, vec!["id"]);
    // Errors carry the server's message.
    let err = drv.query("SELECT * FROM missing_table").await.unwrap_err();
    assert!(err.message.contains("missing_table"), "{err:?}");
}

#[tokio::test]
async fn reset_leaves_nothing_behind() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let mut drv = connect(&db.url).await.unwrap();
    drv.ensure_ledger().await.unwrap();
    drv.query(
        "CREATE TABLE a (id INT PRIMARY KEY, b_id INT);
         CREATE TABLE b (id INT PRIMARY KEY, a_id INT, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));
         ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id);
         CREATE VIEW v AS SELECT id FROM a;
         CREATE TRIGGER a_bi BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.b_id = NULL; END;
         CREATE PROCEDURE p() BEGIN SELECT 1; END;
         CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1;
         CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM a;",
    )
    .await
    .unwrap();
    let mut dropped = drv.reset().await.unwrap();
    dropped.sort();
    assert_eq!(
        dropped,
        vec![
            "event e",
            "function f",
            "procedure p",
            "table _flash_migrations",
            "table a",
            "table b",
            "trigger a_bi",
            "view v",
        ]
    );
    let left = scalar(
        &mut drv,
        "SELECT (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE())
              + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE())
              + (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE())
              + (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE())",
    )
    .await;
    assert_eq!(left.as_deref(), Some("0"));
    assert!(drv.inspect().await.unwrap().is_empty());
    assert!(drv.ledger().await.unwrap().is_empty());
    // Foreign key checks are back on.
    assert_eq!(
        scalar(&mut drv, "SELECT @@SESSION.foreign_key_checks")
            .await
            .as_deref(),
        Some("1")
    );
}

#[tokio::test]
async fn connect_reports_the_server_and_needs_a_database() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let drv = connect(&db.url).await.unwrap();
    assert_eq!(drv.database(), db.name());
    assert!(!drv.server_version().is_empty());
    let no_db = db
        .url
        .rsplit_once('/')
        .map(|(base, _)| format!("{base}/"))
        .unwrap();
    let err = connect(&no_db)
        .await
        .err()
        .expect("a URL without a database is refused");
    assert!(err.message.contains("names no database"), "{err:?}");
    // The mariadb:// scheme is accepted too.
    let alias = db.url.replacen("mysql://", "mariadb://", 1);
    assert!(connect(&alias).await.is_ok());
}
