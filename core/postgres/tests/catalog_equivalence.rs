//! What the catalog prints back must compare equal to what the schema file says, and a schema
//! read from the catalog must plan back into the same database ("pull" then "push").

// Tests may unwrap: a failure is a panic with the value shown.
#![allow(clippy::unwrap_used)]

mod common;

use flash_diff::{diff, DiffOptions};
use flash_postgres::{connect, PostgresDialect};
use flash_schema::Driver;
use flash_testkit::TestDb;

fn summaries(changes: &[flash_schema::Change]) -> Vec<String> {
    changes
        .iter()
        .map(|c| format!("{} :: {}", c.summary(), serde_json::to_string(c).unwrap()))
        .collect()
}

#[tokio::test]
async fn catalog_rewrites_of_checks_defaults_indexes_and_views_compare_equal() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/equivalence.sql"
    ))
    .unwrap();
    let parsed = common::parse("equivalence.sql", &text);
    let mut drv = connect(&db.url).await.unwrap();
    for s in &common::create_plan(&parsed).statements {
        drv.query(&s.sql)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", s.sql));
    }
    let live = drv.inspect().await.unwrap();
    let d = diff(&live, &parsed, &PostgresDialect, &DiffOptions::default());
    assert!(
        d.is_empty(),
        "inspect differs from the schema file:\n{}",
        summaries(&d.changes).join("\n")
    );
    let d = diff(&parsed, &live, &PostgresDialect, &DiffOptions::default());
    assert!(
        d.is_empty(),
        "the schema file differs from inspect:\n{}",
        summaries(&d.changes).join("\n")
    );
}

#[tokio::test]
async fn an_inspected_schema_plans_back_into_the_same_database() {
    let Some(first) = TestDb::postgres().await else {
        return;
    };
    let Some(second) = TestDb::postgres().await else {
        return;
    };
    let mut sources = vec![std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/equivalence.sql"
    ))
    .unwrap()];
    for dir in common::case_dirs() {
        sources.push(common::read(&dir, "to.sql").unwrap_or_default());
    }
    let mut failures = Vec::new();
    for (i, text) in sources.iter().enumerate() {
        let parsed = common::parse(&format!("source{i}.sql"), text);
        let mut a = connect(&first.url).await.unwrap();
        let mut b = connect(&second.url).await.unwrap();
        a.reset().await.unwrap();
        b.reset().await.unwrap();
        for s in &common::create_plan(&parsed).statements {
            a.query(&s.sql)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", s.sql));
        }
        let live = a.inspect().await.unwrap();
        // Inspect does not read functions and triggers back: replay the source's own, as a
        // project would keep them in its schema files.
        let mut replay = live.clone();
        replay.raw = parsed.raw.clone();
        for s in &common::create_plan(&replay).statements {
            if let Err(e) = b.query(&s.sql).await {
                failures.push(format!(
                    "source {i}: replaying inspected schema: {}: {e}",
                    s.sql
                ));
            }
        }
        let copy = b.inspect().await.unwrap();
        let d = diff(&copy, &live, &PostgresDialect, &DiffOptions::default());
        if !d.is_empty() {
            failures.push(format!(
                "source {i}: copy differs:\n{}",
                summaries(&d.changes).join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
