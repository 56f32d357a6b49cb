//! The planner against a real server: for every case folder, on a fresh database, create
//! `from.sql`, check that inspect reads it back unchanged, apply the Up plan and check the
//! result equals `to.sql`, apply the Down plan and check it equals `from.sql` again. Runs
//! through the driver's `apply`/`revert`, so the history table is exercised too.
//!
//! Optional files in a case folder: `seed.sql` (rows inserted after creating `from.sql`),
//! `verify_up.sql` / `verify_down.sql` (statements run after Up / Down; every statement that
//! returns rows must return `1` in its first cell: data survived, triggers fire, ...).
//!
//! Inspect does not read raw objects back, so `raw` is cleared on the expected side; the
//! raw_objects case checks them with `verify_*.sql`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]

mod common;

use flash_diff::{diff, DiffOptions};
use flash_mysql::{Flavor, MysqlDialect, MysqlDriver};
use flash_schema::{Driver, MigrationRun, Plan, Schema};
use flash_testkit::TestDb;

fn run_of(id: &str, plan: &Plan) -> MigrationRun {
    MigrationRun {
        id: id.to_string(),
        name: id.split_once('_').map(|(_, n)| n).unwrap_or(id).to_string(),
        checksum: format!("sum-{id}"),
        statements: common::statements(plan),
        transactional: true,
        resume_from: 0,
        snapshot: None,
    }
}

async fn assert_matches(drv: &mut MysqlDriver, expected: &Schema, case: &str, when: &str) {
    let inspected = drv.inspect().await.unwrap();
    let mut expected = expected.clone();
    expected.raw.clear();
    let d = MysqlDialect;
    let forward = diff(&inspected, &expected, &d, &DiffOptions::default());
    // Backwards, the inspected side states every table option (ENGINE, CHARSET, COLLATE) while
    // the schema file states few; an unstated option is not compared, so those are expected.
    let mut backward = diff(&expected, &inspected, &d, &DiffOptions::default());
    backward
        .changes
        .retain(|c| !matches!(c, flash_schema::Change::SetTableOptions { .. }));
    if !forward.changes.is_empty() || !backward.changes.is_empty() {
        let summary: Vec<String> = forward.changes.iter().map(|c| c.summary()).collect();
        panic!(
            "{case}: {when}: the database differs from the schema:\n  {}\nchanges: {:#?}\ninspected: {}",
            summary.join("\n  "),
            forward.changes,
            serde_json::to_string_pretty(&inspected).unwrap()
        );
    }
}

async fn verify(drv: &mut MysqlDriver, case: &str, file: &str) {
    let Some(text) = common::case_file(case, file) else {
        return;
    };
    let results = drv
        .query(&text)
        .await
        .unwrap_or_else(|e| panic!("{case}/{file}: {e}"));
    for (i, r) in results.iter().enumerate() {
        if let Some(row) = r.rows.first() {
            assert_eq!(
                row.first().cloned().flatten().as_deref(),
                Some("1"),
                "{case}/{file}: statement {} did not return 1: {r:?}",
                i + 1
            );
        }
    }
}

/// What inspect read must itself be plannable: creating it on another fresh database gives
/// the same schema (what `pull` and then `migrate` on a new database do).
async fn recreate_elsewhere(drv: &mut MysqlDriver, case: &str) {
    let inspected = drv.inspect().await.unwrap();
    let Some(other) = TestDb::mysql().await else {
        return;
    };
    let mut drv2 = flash_mysql::connect(&other.url).await.unwrap();
    drv2.ensure_ledger().await.unwrap();
    let create = run_of("20240101000000_pulled", &common::create_plan(&inspected));
    drv2.apply(&create)
        .await
        .unwrap_or_else(|e| panic!("{case}: re-creating the inspected schema failed: {e:?}"));
    assert_matches(
        &mut drv2,
        &inspected,
        case,
        "re-created from the inspected schema",
    )
    .await;
}

async fn run_case(case: &str) {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let mut drv = flash_mysql::connect(&db.url).await.unwrap();
    if common::case_file(case, "mysql8_only").is_some() && drv.flavor() == Flavor::MariaDb {
        eprintln!(
            "SKIPPED: case {case} needs MySQL 8 (server is {})",
            drv.server_version()
        );
        return;
    }
    drv.ensure_ledger().await.unwrap();
    let p = common::plans(case);

    let setup = run_of("20240101000000_setup", &common::create_plan(&p.from));
    drv.apply(&setup)
        .await
        .unwrap_or_else(|e| panic!("{case}: creating from.sql failed: {e:?}"));
    if let Some(seed) = common::case_file(case, "seed.sql") {
        drv.query(&seed)
            .await
            .unwrap_or_else(|e| panic!("{case}/seed.sql: {e}"));
    }
    assert_matches(&mut drv, &p.from, case, "after creating from.sql").await;

    let up = run_of("20240101000001_change", &p.up);
    drv.apply(&up)
        .await
        .unwrap_or_else(|e| panic!("{case}: Up failed: {e:?}"));
    assert_matches(&mut drv, &p.to, case, "after Up").await;
    verify(&mut drv, case, "verify_up.sql").await;
    recreate_elsewhere(&mut drv, case).await;
    let ledger = drv.ledger().await.unwrap();
    assert_eq!(ledger.len(), 2, "{case}: {ledger:?}");
    assert!(ledger.iter().all(|r| r.is_applied()), "{case}: {ledger:?}");
    assert_eq!(ledger[1].applied_steps_count, up.statements.len() as i64);

    let mut down = run_of("20240101000001_change", &p.down);
    down.checksum = up.checksum.clone();
    drv.revert(&down)
        .await
        .unwrap_or_else(|e| panic!("{case}: Down failed: {e:?}"));
    assert_matches(&mut drv, &p.from, case, "after Down").await;
    verify(&mut drv, case, "verify_down.sql").await;
    let ledger = drv.ledger().await.unwrap();
    assert_eq!(
        ledger.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec!["20240101000000_setup"],
        "{case}"
    );
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                run_case(stringify!($name)).await;
            }
        )*

        #[test]
        fn every_case_folder_runs_against_the_server() {
            let listed: Vec<&str> = vec![$(stringify!($name)),*];
            for case in common::case_names() {
                assert!(listed.contains(&case.as_str()), "case folder {case} is not listed in live_cases.rs");
            }
        }
    };
}

cases!(
    add_column,
    auto_increment,
    checks,
    collation,
    column_type,
    comments,
    create_table,
    defaults,
    drop_column,
    drop_table,
    enums,
    expression_index,
    fk_column_type,
    fk_index,
    fk_ordering,
    foreign_keys,
    generated,
    generated_dependencies,
    index_rename,
    indexes,
    more_types,
    nullability,
    primary_key,
    quoting,
    raw_objects,
    renames,
    table_options,
    unique,
    views,
);
