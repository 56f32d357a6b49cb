//! The driver against real SQLite files: history table, lock, failures, query, reset, inspect
//! edge cases, and many processes migrating the same database at once.

// Test helpers may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used)]

use flash_diff::{diff, Dialect, DiffOptions};
use flash_schema::{ApplyOutcome, Driver, MigrationRun, Provider};
use flash_sql::{parse_schema, SourceFile};
use flash_sqlite::{connect, SqliteDialect};
use flash_testkit::TestDb;
use sqlx::{Connection, Executor};
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

async fn table_names(d: &mut flash_sqlite::SqliteDriver) -> Vec<String> {
    let r = d
        .query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")
        .await
        .unwrap();
    r[0].rows
        .iter()
        .map(|row| row[0].clone().unwrap())
        .collect()
}

fn is_rfc3339_utc(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok() && s.ends_with('Z')
}

#[tokio::test]
async fn ledger_round_trip_ensure_twice_apply_set_checksum() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    assert!(
        d.ledger().await.unwrap().is_empty(),
        "no table yet: empty ledger"
    );
    d.ensure_ledger().await.unwrap();
    d.ensure_ledger().await.unwrap();
    assert!(d.ledger().await.unwrap().is_empty());

    let mut r1 = run(
        "20240101000000_users",
        &["CREATE TABLE users (id INTEGER PRIMARY KEY)"],
    );
    r1.snapshot = Some("{\"version\":1}".into());
    assert_eq!(d.apply(&r1).await.unwrap(), ApplyOutcome::Applied);
    let r2 = run(
        "20240102000000_posts",
        &[
            "CREATE TABLE posts (id INTEGER PRIMARY KEY)",
            "CREATE INDEX posts_id ON posts (id)",
        ],
    );
    assert_eq!(d.apply(&r2).await.unwrap(), ApplyOutcome::Applied);
    // Applying again (another process did it while we waited) runs nothing.
    assert_eq!(d.apply(&r1).await.unwrap(), ApplyOutcome::AlreadyApplied);

    let rows = d.ledger().await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].id, "20240101000000_users");
    assert_eq!(rows[0].migration_name, "users");
    assert_eq!(rows[0].checksum, "sum-20240101000000_users");
    assert_eq!(rows[1].applied_steps_count, 2);
    assert!(rows.iter().all(|r| r.is_applied()));
    assert!(
        is_rfc3339_utc(rows[0].finished_at.as_deref().unwrap()),
        "{:?}",
        rows[0].finished_at
    );
    assert!(
        is_rfc3339_utc(rows[0].started_at.as_deref().unwrap()),
        "{:?}",
        rows[0].started_at
    );
    let snap = d
        .query("SELECT snapshot FROM _flash_migrations WHERE id = '20240101000000_users'")
        .await
        .unwrap();
    assert_eq!(snap[0].rows[0][0].as_deref(), Some("{\"version\":1}"));

    d.set_checksum("20240101000000_users", "new-sum")
        .await
        .unwrap();
    assert_eq!(d.ledger().await.unwrap()[0].checksum, "new-sum");
    assert!(
        d.set_checksum("nope", "x").await.is_err(),
        "unknown id is an error"
    );

    d.revert(&run("20240102000000_posts", &["DROP TABLE posts"]))
        .await
        .unwrap();
    let ids: Vec<String> = d
        .ledger()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, ["20240101000000_users"]);
    assert_eq!(table_names(&mut d).await, ["_flash_migrations", "users"]);
}

#[tokio::test]
async fn ledger_made_by_the_go_tool_gets_the_snapshot_column_and_keeps_its_rows() {
    let db = TestDb::sqlite();
    {
        let mut c = sqlx::SqliteConnection::connect(&format!("{}?mode=rwc", db.url))
            .await
            .unwrap();
        c.execute(
            "CREATE TABLE _flash_migrations (
                id VARCHAR(255) PRIMARY KEY,
                checksum VARCHAR(64) NOT NULL,
                finished_at TIMESTAMP,
                migration_name VARCHAR(255) NOT NULL,
                logs TEXT,
                rolled_back_at TIMESTAMP,
                started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
                applied_steps_count INTEGER NOT NULL DEFAULT 0
            );
            INSERT INTO _flash_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
            VALUES ('20230101000000_init', 'abc', '2023-01-01 10:00:00.123456+02:00', 'init', '2023-01-01 08:00:00', 1);",
        )
        .await
        .unwrap();
    }
    let mut d = connect(&db.url).await.unwrap();
    d.ensure_ledger().await.unwrap();
    let cols = d
        .query("SELECT name FROM pragma_table_info('_flash_migrations') ORDER BY cid")
        .await
        .unwrap();
    let cols: Vec<String> = cols[0].rows.iter().map(|r| r[0].clone().unwrap()).collect();
    assert_eq!(cols.last().map(String::as_str), Some("snapshot"));
    assert_eq!(cols.len(), 9);
    let rows = d.ledger().await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].finished_at.as_deref(),
        Some("2023-01-01T08:00:00.123456Z")
    );
    assert_eq!(
        rows[0].started_at.as_deref(),
        Some("2023-01-01T08:00:00.000000Z")
    );
    assert!(rows[0].is_applied());
    // And it works as a ledger.
    d.apply(&run("20240101000000_next", &["CREATE TABLE t (x)"]))
        .await
        .unwrap();
    assert_eq!(d.ledger().await.unwrap().len(), 2);
}

#[tokio::test]
async fn second_connection_waits_for_the_lock_and_reports_it() {
    let db = TestDb::sqlite();
    let mut first = connect(&db.url).await.unwrap();
    let mut second = connect(&db.url).await.unwrap();
    first.ensure_ledger().await.unwrap();
    assert!(
        !first.lock().await.unwrap(),
        "a free lock is taken without waiting"
    );
    let waiter = tokio::spawn(async move {
        let waited = second.lock().await.unwrap();
        second.unlock().await.unwrap();
        waited
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(
        !waiter.is_finished(),
        "the second lock must wait while the first is held"
    );
    first.unlock().await.unwrap();
    assert!(
        waiter.await.unwrap(),
        "the second lock reports that it waited"
    );
}

#[tokio::test]
async fn failing_statement_rolls_back_the_whole_migration() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    d.ensure_ledger().await.unwrap();
    d.lock().await.unwrap();
    d.apply(&run("0001_ok", &["CREATE TABLE kept (x)"]))
        .await
        .unwrap();
    let bad = run(
        "0002_bad",
        &[
            "CREATE TABLE gone (x)",
            "CREATE TABLE broken (",
            "CREATE TABLE never (x)",
        ],
    );
    let f = d.apply(&bad).await.unwrap_err();
    assert_eq!(f.statement_index, Some(1));
    assert_eq!(f.statement.as_deref(), Some("CREATE TABLE broken ("));
    assert!(f.rolled_back);
    assert_eq!(f.applied_steps, 0);
    d.unlock().await.unwrap();
    // The earlier migration of the same lock is kept; nothing of the failed one is.
    assert_eq!(table_names(&mut d).await, ["_flash_migrations", "kept"]);
    let ids: Vec<String> = d
        .ledger()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, ["0001_ok"]);
    // Without lock() the same holds.
    assert!(d.apply(&bad).await.is_err());
    assert_eq!(table_names(&mut d).await, ["_flash_migrations", "kept"]);
}

#[tokio::test]
async fn foreign_key_violation_fails_the_migration_and_names_the_table() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    d.ensure_ledger().await.unwrap();
    d.apply(&run(
        "0001_tables",
        &[
            "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id))",
        ],
    ))
    .await
    .unwrap();
    // Foreign keys are off while migrating (table rebuilds need that), so the orphan row
    // goes in; the check at the end catches it.
    let f = d
        .apply(&run(
            "0002_orphan",
            &["INSERT INTO child (id, parent_id) VALUES (1, 42)"],
        ))
        .await
        .unwrap_err();
    assert!(f.error.message.contains("child"), "{}", f.error.message);
    assert!(f.rolled_back);
    let r = d.query("SELECT count(*) FROM child").await.unwrap();
    assert_eq!(r[0].rows[0][0].as_deref(), Some("0"));
    // Foreign keys are enforced again outside migrations.
    assert!(d
        .query("INSERT INTO child (id, parent_id) VALUES (1, 42)")
        .await
        .is_err());
}

#[tokio::test]
async fn non_transactional_migration_records_progress_and_resumes() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    d.ensure_ledger().await.unwrap();
    d.lock().await.unwrap();
    let mut bad = run(
        "0001_steps",
        &[
            "CREATE TABLE a (x)",
            "INSERT INTO missing VALUES (1)",
            "CREATE TABLE b (y)",
        ],
    );
    bad.transactional = false;
    let f = d.apply(&bad).await.unwrap_err();
    assert!(!f.rolled_back);
    assert_eq!(f.applied_steps, 1);
    assert_eq!(f.statement_index, Some(1));
    d.unlock().await.unwrap();

    let row = d.ledger().await.unwrap().into_iter().next().unwrap();
    assert_eq!(row.applied_steps_count, 1);
    assert!(row.finished_at.is_none());
    assert!(
        row.logs.as_deref().unwrap_or("").contains("missing"),
        "{:?}",
        row.logs
    );
    assert_eq!(table_names(&mut d).await, ["_flash_migrations", "a"]);

    // The user fixes the statement; the rerun skips what is done and updates the checksum.
    let mut fixed = run(
        "0001_steps",
        &[
            "CREATE TABLE a (x)",
            "INSERT INTO a VALUES (1)",
            "CREATE TABLE b (y)",
        ],
    );
    fixed.transactional = false;
    fixed.resume_from = row.applied_steps_count as usize;
    fixed.checksum = "fixed".into();
    d.lock().await.unwrap();
    assert_eq!(d.apply(&fixed).await.unwrap(), ApplyOutcome::Applied);
    d.unlock().await.unwrap();
    let row = d.ledger().await.unwrap().into_iter().next().unwrap();
    assert!(row.is_applied());
    assert_eq!(row.applied_steps_count, 3);
    assert_eq!(row.checksum, "fixed");
    assert!(row.logs.is_none());
    assert_eq!(table_names(&mut d).await, ["_flash_migrations", "a", "b"]);
}

#[tokio::test]
async fn query_renders_every_storage_class_and_counts_rows() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    let results = d
        .query(
            "CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n NUMERIC, d DATETIME);
             INSERT INTO t VALUES (42, 1.5, 'hé; ''quoted''', x'00ff', 2.0, '2024-01-02 03:04:05'), (-1, NULL, NULL, NULL, 7, NULL);
             SELECT i, r, s, b, n, d FROM t ORDER BY i DESC;
             SELECT count(*) AS c FROM t WHERE 0;
             SELECT * FROM t WHERE 0;",
        )
        .await
        .unwrap();
    assert_eq!(results.len(), 5);
    assert_eq!(results[1].rows_affected, 2);
    assert_eq!(results[2].columns, ["i", "r", "s", "b", "n", "d"]);
    assert_eq!(
        results[2].rows,
        vec![
            vec![
                Some("42".to_string()),
                Some("1.5".to_string()),
                Some("hé; 'quoted'".to_string()),
                Some("00ff".to_string()),
                Some("2".to_string()),
                Some("2024-01-02 03:04:05".to_string()),
            ],
            vec![
                Some("-1".to_string()),
                None,
                None,
                None,
                Some("7".to_string()),
                None
            ],
        ]
    );
    assert_eq!(results[3].rows, vec![vec![Some("0".to_string())]]);
    assert_eq!(
        results[4].columns.len(),
        6,
        "columns are known without rows"
    );
    assert!(results[4].rows.is_empty());
}

#[tokio::test]
async fn reset_drops_every_object_and_the_ledger() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    d.ensure_ledger().await.unwrap();
    d.apply(&run("0001_all", &[
        "CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT)",
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id))",
        "CREATE INDEX child_parent ON child (parent_id)",
        "CREATE VIEW v AS SELECT * FROM child",
        "CREATE TRIGGER tr AFTER INSERT ON parent BEGIN SELECT 1; END",
        "INSERT INTO parent DEFAULT VALUES",
        "INSERT INTO child (id, parent_id) VALUES (1, 1)",
    ]))
    .await
    .unwrap();
    let dropped = d.reset().await.unwrap();
    for what in [
        "view v",
        "trigger tr",
        "table parent",
        "table child",
        "table _flash_migrations",
    ] {
        assert!(
            dropped.iter().any(|x| x == what),
            "{what} not in {dropped:?}"
        );
    }
    assert!(d.inspect().await.unwrap().is_empty());
    assert!(d.ledger().await.unwrap().is_empty());
    let left = d
        .query("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'")
        .await
        .unwrap();
    assert!(left[0].rows.is_empty(), "{:?}", left[0].rows);
    // The foreign key setting is back on afterwards.
    let fk = d.query("PRAGMA foreign_keys").await.unwrap();
    assert_eq!(fk[0].rows[0][0].as_deref(), Some("1"));
}

fn parse(text: &str) -> flash_schema::Schema {
    let mut s = parse_schema(&[SourceFile::new("schema.sql", text)], Provider::Sqlite)
        .unwrap()
        .schema;
    SqliteDialect.normalize(&mut s);
    s
}

#[tokio::test]
async fn inspect_reads_tables_changed_by_alter_and_written_by_hand() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    // Hand-written DDL in SQLite's own styles, then ALTERs that make SQLite rewrite the text
    // (ADD COLUMN appends after the table constraints, RENAME quotes the new names).
    d.query(
        "CREATE TABLE [Orders] (
            `id` integer primary key autoincrement,
            code text not null unique,
            qty int check (qty >= 0),
            CONSTRAINT orders_code_qty UNIQUE (code, qty)
        );
        ALTER TABLE Orders ADD COLUMN note TEXT DEFAULT 'n/a';
        ALTER TABLE Orders RENAME COLUMN qty TO quantity;
        CREATE INDEX orders_note ON Orders (note) WHERE note IS NOT NULL;",
    )
    .await
    .unwrap();
    let expected = parse(
        "CREATE TABLE Orders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code TEXT NOT NULL UNIQUE,
            quantity INT CHECK (quantity >= 0),
            note TEXT DEFAULT 'n/a',
            CONSTRAINT orders_code_qty UNIQUE (code, quantity)
        );
        CREATE INDEX orders_note ON Orders (note) WHERE note IS NOT NULL;",
    );
    let live = d.inspect().await.unwrap();
    let changes = diff(&live, &expected, &SqliteDialect, &DiffOptions::default()).changes;
    assert!(changes.is_empty(), "{changes:#?}\nlive: {live:#?}");
}

#[tokio::test]
async fn in_memory_database_works() {
    let mut d = connect("sqlite::memory:").await.unwrap();
    d.ensure_ledger().await.unwrap();
    d.apply(&run("0001_t", &["CREATE TABLE t (x)"]))
        .await
        .unwrap();
    assert_eq!(d.inspect().await.unwrap().tables.len(), 1);
}

/// Each of `workers` connections runs lock / apply x3 / unlock for the same three migrations
/// at the same time. Every migration must be applied exactly once.
async fn migrate_concurrently(url: String, workers: usize) {
    let migrations = vec![
        run("0001_counter", &["CREATE TABLE counter (n INTEGER)"]),
        run("0002_one", &["INSERT INTO counter VALUES (1)"]),
        run(
            "0003_two",
            &["INSERT INTO counter VALUES (2)", "CREATE TABLE done (x)"],
        ),
    ];
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let url = url.clone();
        let migrations = migrations.clone();
        tasks.push(tokio::spawn(async move {
            let mut d = connect(&url).await.unwrap();
            d.ensure_ledger().await.unwrap();
            d.lock().await.unwrap();
            let mut applied = Vec::new();
            for m in &migrations {
                if d.apply(m).await.unwrap() == ApplyOutcome::Applied {
                    applied.push(m.id.clone());
                }
            }
            d.unlock().await.unwrap();
            applied
        }));
    }
    let mut applied: Vec<String> = Vec::new();
    for t in tasks {
        applied.extend(t.await.unwrap());
    }
    applied.sort();
    assert_eq!(
        applied,
        ["0001_counter", "0002_one", "0003_two"],
        "each applied exactly once"
    );
    let mut d = connect(&url).await.unwrap();
    let r = d
        .query("SELECT group_concat(n) FROM (SELECT n FROM counter ORDER BY n)")
        .await
        .unwrap();
    assert_eq!(r[0].rows[0][0].as_deref(), Some("1,2"));
    assert_eq!(d.ledger().await.unwrap().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_connections_apply_each_migration_exactly_once() {
    let db = TestDb::sqlite();
    migrate_concurrently(db.url.clone(), 8).await;
}

// Eight real processes are exercised end to end by core/cli/tests/concurrency.rs.

#[tokio::test]
async fn virtual_table_is_a_raw_object_and_its_shadow_tables_are_not_inspected() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    let schema = parse(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         CREATE VIRTUAL TABLE notes_fts USING fts5(body);",
    );
    let changes = diff(
        &flash_schema::Schema::default(),
        &schema,
        &SqliteDialect,
        &DiffOptions::default(),
    )
    .changes;
    let plan = SqliteDialect
        .plan(&changes, &flash_schema::Schema::default(), &schema)
        .unwrap();
    let stmts: Vec<&str> = plan.statements.iter().map(|s| s.sql.as_str()).collect();
    d.apply(&run("0001_fts", &stmts)).await.unwrap();
    let live = d.inspect().await.unwrap();
    let names: Vec<&str> = live.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["notes"],
        "fts5 shadow tables are not part of the schema"
    );
    assert!(
        diff(&live, &schema, &SqliteDialect, &DiffOptions::default())
            .changes
            .is_empty()
    );
    let dropped = d.reset().await.unwrap();
    assert!(
        dropped.contains(&"table notes_fts".to_string()),
        "{dropped:?}"
    );
    assert!(d.inspect().await.unwrap().is_empty());
}

#[tokio::test]
async fn table_flash_sql_cannot_read_is_read_from_the_pragmas() {
    let db = TestDb::sqlite();
    let mut d = connect(&db.url).await.unwrap();
    // SQLite accepts a reference to a table that does not exist; flash-sql refuses it, so
    // this table comes from pragma_table_xinfo / index_list / foreign_key_list instead.
    d.query(
        "PRAGMA foreign_keys = OFF;
         CREATE TABLE child (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            parent_id INT REFERENCES missing (id) ON DELETE CASCADE,
            note TEXT DEFAULT 'x'
         );
         CREATE INDEX child_note ON child (note DESC);
         CREATE TABLE fine (id INTEGER PRIMARY KEY);
         PRAGMA foreign_keys = ON;",
    )
    .await
    .unwrap();
    let live = d.inspect().await.unwrap();
    let names: Vec<&str> = live.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["child", "fine"]);
    let child = &live.tables[0];
    let cols: Vec<(&str, &str, bool)> = child
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c.ty.raw.as_str(), c.nullable))
        .collect();
    assert_eq!(
        cols,
        [
            ("id", "integer", false),
            ("code", "text", false),
            ("parent_id", "int", true),
            ("note", "text", true)
        ]
    );
    assert_eq!(
        child.column("note").unwrap().default.as_deref(),
        Some("'x'")
    );
    assert_eq!(child.primary_key.as_ref().unwrap().columns, ["id"]);
    assert_eq!(child.uniques.len(), 1);
    assert_eq!(child.uniques[0].columns, ["code"]);
    assert_eq!(child.foreign_keys.len(), 1);
    let fk = &child.foreign_keys[0];
    assert_eq!(
        (
            fk.ref_table.as_str(),
            fk.columns.clone(),
            fk.ref_columns.clone()
        ),
        (
            "missing",
            vec!["parent_id".to_string()],
            vec!["id".to_string()]
        )
    );
    assert_eq!(fk.on_delete, flash_schema::ReferentialAction::Cascade);
    assert_eq!(child.indexes.len(), 1);
    assert_eq!(child.indexes[0].name, "child_note");
    assert!(child.indexes[0].parts[0].descending);
}

#[tokio::test]
async fn connect_creates_a_missing_file_and_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/dev.db");
    let mut d = connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    d.ensure_ledger().await.unwrap();
    assert!(path.exists());
    assert!(connect("postgres://localhost/db").await.is_err());
}
