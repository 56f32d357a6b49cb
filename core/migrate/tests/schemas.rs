//! PostgreSQL schemas other than the current one, end to end: `pull` reads every non-system
//! schema (or the configured ones) and writes `CREATE SCHEMA` for those the files do not know;
//! the files round-trip through an empty database; an element named like one in another
//! schema is updated in place on its own; drift compares the schemas the migrations name and
//! lists the others as unmanaged; `absorb_drift`, `baseline` and `reset` cover them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use flash_migrate::{
    absorb_drift, baseline, pull, reset, status, GenerateOutcome, NoPrompt, Project, PullOptions,
    PullReport,
};
use flash_schema::{Namespaces, Provider};
use flash_testkit::TestDb;
mod common;

use common::{apply_all, assert_describes, files_of, migrate, project, run_sql};

const PG: Provider = Provider::Postgresql;

/// Three schemas: the current one, `billing` and a quoted `Audit`, with references across
/// them, a name (`events`) used in two of them, an enum, a partial index, a comment, a view
/// and a function (unmanaged).
const DDL: &str = r#"
CREATE SCHEMA billing;
CREATE SCHEMA "Audit";
CREATE TYPE billing.state AS ENUM ('open', 'paid');
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE events (id int PRIMARY KEY, kind text NOT NULL);
CREATE TABLE billing.invoices (
  id bigserial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  state billing.state NOT NULL DEFAULT 'open',
  total numeric(12,2) NOT NULL CHECK (total >= 0)
);
CREATE TABLE billing.events (
  id int PRIMARY KEY,
  invoice_id bigint REFERENCES billing.invoices (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE payments (id int PRIMARY KEY, invoice_id bigint NOT NULL REFERENCES billing.invoices (id));
CREATE INDEX invoices_open ON billing.invoices (user_id) WHERE state = 'open';
COMMENT ON TABLE billing.invoices IS 'Money owed';
CREATE VIEW billing.open_invoices AS SELECT id, total FROM billing.invoices WHERE state = 'open';
CREATE TABLE "Audit".log (id int PRIMARY KEY, user_id int REFERENCES users (id));
CREATE FUNCTION billing.total_of(int) RETURNS numeric LANGUAGE sql
  AS $$ SELECT sum(total) FROM billing.invoices WHERE user_id = $1 $$;
"#;

async fn postgres() -> Option<(TestDb, TestDb)> {
    match (TestDb::postgres().await, TestDb::postgres().await) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => {
            eprintln!("SKIPPED: FLASH_TEST_POSTGRES_URL is not set");
            None
        }
    }
}

async fn pull_with(p: &Project, url: &str, opts: PullOptions) -> PullReport {
    pull(p, url, &opts)
        .await
        .unwrap_or_else(|e| panic!("pull failed: {e}"))
}

#[tokio::test]
async fn every_schema_is_pulled_and_round_trips() {
    let Some((db, db2)) = postgres().await else {
        return;
    };
    run_sql(PG, &db.url, DDL).await;
    let root = tempfile::tempdir().unwrap();
    let p = project(PG, root.path());

    let first = pull_with(&p, &db.url, PullOptions::default()).await;
    assert_eq!(first.tables, 6, "{:?}", first.added);
    for label in [
        "schema billing",
        "schema Audit",
        "enum billing.state",
        "table billing.invoices",
        "table billing.events",
        "table events",
        "table Audit.log",
        "view billing.open_invoices",
    ] {
        assert!(
            first.added.iter().any(|a| a == label),
            "{label} not in {:?}",
            first.added
        );
    }
    let text = std::fs::read_to_string(p.schema_dir.join("schema.sql")).unwrap();
    assert!(text.contains("CREATE SCHEMA billing;"), "{text}");
    assert!(text.contains("CREATE SCHEMA \"Audit\";"), "{text}");
    assert!(
        text.find("CREATE SCHEMA billing;") < text.find("CREATE TYPE billing.state"),
        "the schema comes before its first element: {text}"
    );
    // The function is listed, qualified; no schema is "unmanaged" since all were pulled.
    assert!(
        first
            .unmanaged
            .iter()
            .any(|u| u.kind == "FUNCTION" && u.name == "billing.total_of(integer)"),
        "{:?}",
        first.unmanaged
    );
    assert!(
        !first.unmanaged.iter().any(|u| u.kind == "SCHEMA"),
        "{:?}",
        first.unmanaged
    );
    assert_describes(PG, &db.url, &p.schema_dir).await;
    let pulled = files_of(&p.schema_dir);

    // Again: nothing to write.
    let again = pull_with(&p, &db.url, PullOptions::default()).await;
    assert!(again.files.is_empty(), "{:?}", again);

    // Applied to an empty database as a migration and pulled again: the same bytes.
    let root2 = tempfile::tempdir().unwrap();
    let p2 = project(PG, root2.path());
    std::fs::create_dir_all(&p2.schema_dir).unwrap();
    for (name, text) in &pulled {
        std::fs::write(p2.schema_dir.join(name), text).unwrap();
    }
    migrate(&p2, &db2.url, "pulled").await;
    apply_all(&p2, &db2.url).await;
    let root3 = tempfile::tempdir().unwrap();
    let p3 = project(PG, root3.path());
    pull_with(&p3, &db2.url, PullOptions::default()).await;
    assert_eq!(files_of(&p3.schema_dir), pulled);

    // `billing.events` changes; `events` of the current schema keeps its text.
    run_sql(
        PG,
        &db.url,
        "ALTER TABLE billing.events ADD COLUMN note text;",
    )
    .await;
    let updated = pull_with(&p, &db.url, PullOptions::default()).await;
    assert_eq!(updated.updated, ["table billing.events"], "{updated:?}");
    assert!(updated.added.is_empty() && updated.removed.is_empty());
    let new_text = std::fs::read_to_string(p.schema_dir.join("schema.sql")).unwrap();
    assert!(new_text.contains("  note text,\n"), "{new_text}");
    let public_events = |t: &str| {
        let at = t.find("CREATE TABLE events (").unwrap();
        t[at..at + t[at..].find(");").unwrap()].to_string()
    };
    assert_eq!(public_events(&new_text), public_events(&text));
    assert_describes(PG, &db.url, &p.schema_dir).await;

    // One schema only, by option: the others are listed, not written.
    let root4 = tempfile::tempdir().unwrap();
    let p4 = project(PG, root4.path());
    let only = pull_with(
        &p4,
        &db.url,
        PullOptions {
            namespaces: Some(Namespaces::only(vec!["billing".into()])),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(only.tables, 2, "{:?}", only.added);
    let unmanaged_schemas: Vec<&str> = only
        .unmanaged
        .iter()
        .filter(|u| u.kind == "SCHEMA")
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(unmanaged_schemas, ["Audit", "public"]);
}

#[tokio::test]
async fn drift_absorb_baseline_and_reset_cover_the_managed_schemas() {
    let Some((db, db2)) = postgres().await else {
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let p = project(PG, root.path());
    std::fs::create_dir_all(&p.schema_dir).unwrap();
    std::fs::write(
        p.schema_dir.join("schema.sql"),
        "CREATE SCHEMA billing;\n\
         CREATE TABLE users (id int PRIMARY KEY);\n\
         CREATE TABLE billing.invoices (id int PRIMARY KEY, user_id int REFERENCES users (id));\n",
    )
    .unwrap();
    migrate(&p, &db.url, "init").await;
    apply_all(&p, &db.url).await;

    // A schema the migrations never named is someone else's: listed, not drift.
    run_sql(
        PG,
        &db.url,
        "CREATE SCHEMA auth;\nCREATE TABLE auth.sessions (id int PRIMARY KEY);",
    )
    .await;
    let clean = status(&p, &db.url).await.unwrap();
    assert!(clean.drift.checked, "{:?}", clean.drift.reason);
    assert!(!clean.drift.has_drift(), "{:?}", clean.drift.changes);
    assert!(
        clean
            .drift
            .unmanaged
            .iter()
            .any(|u| u.kind == "SCHEMA" && u.name == "auth"),
        "{:?}",
        clean.drift.unmanaged
    );

    // A change inside a managed schema is drift, named with its schema.
    run_sql(
        PG,
        &db.url,
        "ALTER TABLE billing.invoices ADD COLUMN total numeric(10,2);",
    )
    .await;
    let drifted = status(&p, &db.url).await.unwrap();
    assert_eq!(
        drifted.drift.changes,
        ["+ column billing.invoices.total"],
        "{:?}",
        drifted.drift
    );
    let absorbed = absorb_drift(&p, &db.url, "absorbed", None)
        .await
        .unwrap()
        .expect("drift to absorb");
    assert_eq!(absorbed.pull.updated, ["table billing.invoices"]);
    let files = std::fs::read_to_string(p.schema_dir.join("schema.sql")).unwrap();
    assert!(files.contains("total numeric(10,2)"), "{files}");
    assert!(!files.contains("auth"), "{files}");
    assert!(!status(&p, &db.url).await.unwrap().drift.has_drift());
    assert!(matches!(
        migrate(&p, &db.url, "nothing").await,
        GenerateOutcome::NothingToDo { .. }
    ));

    // Configured schemas: exactly those are pulled.
    let configured = Project {
        schemas: vec!["public".into(), "billing".into()],
        ..project(PG, tempfile::tempdir().unwrap().keep().as_path())
    };
    let r = pull_with(&configured, &db.url, PullOptions::default()).await;
    assert_eq!(r.tables, 2, "{:?}", r.added);
    assert!(r
        .unmanaged
        .iter()
        .any(|u| u.kind == "SCHEMA" && u.name == "auth"));

    // Reset drops the managed schema whole and leaves the other one alone; apply rebuilds.
    let dropped = reset(&p, &db.url, true, &NoPrompt, "db").await.unwrap();
    assert!(
        dropped.dropped.iter().any(|d| d == "schema billing"),
        "{:?}",
        dropped.dropped
    );
    let mut d = flash_migrate::connect(PG, &db.url).await.unwrap();
    let left = d
        .query("SELECT nspname FROM pg_namespace WHERE nspname IN ('auth', 'billing')")
        .await
        .unwrap();
    assert_eq!(left[0].rows.len(), 1, "{left:?}");
    apply_all(&p, &db.url).await;
    assert!(!status(&p, &db.url).await.unwrap().drift.has_drift());

    // Baseline of a database with several schemas: the next migration has nothing to do
    // (the `CREATE SCHEMA` pull wrote is part of the recorded snapshot).
    run_sql(PG, &db2.url, DDL).await;
    let root2 = tempfile::tempdir().unwrap();
    let p2 = project(PG, root2.path());
    let b = baseline(&p2, &db2.url, "baseline", None).await.unwrap();
    assert!(
        b.changes.iter().any(|c| c.contains("billing.invoices")),
        "{:?}",
        b.changes
    );
    assert!(matches!(
        migrate(&p2, &db2.url, "after").await,
        GenerateOutcome::NothingToDo { .. }
    ));
    assert!(!status(&p2, &db2.url).await.unwrap().drift.has_drift());
}
