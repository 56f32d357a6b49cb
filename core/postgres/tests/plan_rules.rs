//! Targeted planner rules, pure (no database) and live.

// Tests may unwrap: a failure is a panic with the value shown.
#![allow(clippy::unwrap_used)]

mod common;

use flash_postgres::connect;
use flash_schema::{Driver, MigrationRun};
use flash_testkit::TestDb;

fn up(from: &str, to: &str) -> flash_schema::Plan {
    let (f, t) = (common::parse("from.sql", from), common::parse("to.sql", to));
    common::plans(&f, &t).0
}

#[test]
fn adding_a_not_null_column_without_default_warns() {
    let plan = up(
        "CREATE TABLE t (id integer);",
        "CREATE TABLE t (id integer, name text NOT NULL);",
    );
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    assert!(plan.warnings[0].contains("t.name"));
}

#[test]
fn identifiers_are_quoted_only_when_needed() {
    let plan = up(
        "",
        r#"CREATE TABLE "User" ("order" integer, "Name" text, plain_name text, CONSTRAINT "User_pk" PRIMARY KEY ("order"));
           CREATE INDEX "User_Name_idx" ON "User" ("Name");"#,
    );
    let sql = common::render(&plan);
    assert!(sql.contains("CREATE TABLE \"User\" (\n  \"order\" integer NOT NULL,\n  \"Name\" text,\n  plain_name text,"), "{sql}");
    assert!(
        sql.contains("CONSTRAINT \"User_pk\" PRIMARY KEY (\"order\")"),
        "{sql}"
    );
    assert!(
        sql.contains("CREATE INDEX \"User_Name_idx\" ON \"User\" (\"Name\")"),
        "{sql}"
    );
}

#[test]
fn defaults_with_boolean_operators_are_parenthesized() {
    let plan = up(
        "CREATE TABLE t (id integer);",
        "CREATE TABLE t (id integer, f boolean DEFAULT (NOT false));",
    );
    assert!(
        common::render(&plan).contains("DEFAULT (NOT false)"),
        "{}",
        common::render(&plan)
    );
}

#[test]
fn widening_is_safe_and_narrowing_is_destructive() {
    let cases = [
        ("integer", "bigint", false),
        ("varchar(10)", "varchar(20)", false),
        ("varchar(10)", "text", false),
        ("numeric(10,2)", "numeric(14,2)", false),
        ("bigint", "integer", true),
        ("varchar(255)", "varchar(50)", true),
        ("text", "varchar(50)", true),
        ("numeric(10,2)", "numeric(8,2)", true),
        ("text", "integer", true),
    ];
    for (a, b, destructive) in cases {
        let plan = up(
            &format!("CREATE TABLE t (c {a});"),
            &format!("CREATE TABLE t (c {b});"),
        );
        assert_eq!(
            plan.statements.len(),
            1,
            "{a} -> {b}: {:?}",
            plan.statements
        );
        assert_eq!(
            plan.statements[0].destructive.is_some(),
            destructive,
            "{a} -> {b}"
        );
    }
}

#[tokio::test]
async fn removing_an_enum_value_still_in_use_fails_and_changes_nothing() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let from = common::parse(
        "from.sql",
        "CREATE TYPE s AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id integer PRIMARY KEY, v s DEFAULT 'a');",
    );
    let to = common::parse(
        "to.sql",
        "CREATE TYPE s AS ENUM ('a', 'b'); CREATE TABLE t (id integer PRIMARY KEY, v s DEFAULT 'a');",
    );
    let mut drv = connect(&db.url).await.unwrap();
    for s in &common::create_plan(&from).statements {
        drv.query(&s.sql).await.unwrap();
    }
    drv.query("INSERT INTO t VALUES (1, 'c')").await.unwrap();
    let (plan, _) = common::plans(&from, &to);
    assert!(!plan.destructive_reasons().is_empty());
    let run = MigrationRun {
        id: "1_drop_c".into(),
        name: "drop_c".into(),
        checksum: "x".into(),
        statements: plan.statements.iter().map(|s| s.sql.clone()).collect(),
        transactional: true,
        resume_from: 0,
        snapshot: None,
    };
    let err = drv.apply(&run).await.unwrap_err();
    assert!(err.rolled_back);
    assert!(
        err.error.message.contains("invalid input value for enum"),
        "{}",
        err.error
    );
    let live = drv.inspect().await.unwrap();
    let d = flash_diff::diff(
        &live,
        &from,
        &flash_postgres::PostgresDialect,
        &Default::default(),
    );
    assert!(d.is_empty(), "{:?}", d.changes);
    assert!(drv.ledger().await.unwrap().is_empty());
}
