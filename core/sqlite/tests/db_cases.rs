//! Every case folder against a real SQLite database, through the driver: create `from`,
//! check that inspect() reads back exactly `from`, seed data, apply the Up plan, check
//! inspect() against `to` and the data, revert with the Down plan, check against `from`
//! again. The data the case's `check_up.sql` / `check_down.sql` read is snapshotted.

// Test helpers may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used)]

mod common;

use common::{case_dirs, case_name, optional, plan_case, plan_create, statements};
use flash_diff::{diff, DiffOptions};
use flash_schema::{Driver, MigrationRun, Plan, QueryResult, Schema};
use flash_sqlite::{connect, SqliteDialect, SqliteDriver};
use flash_testkit::TestDb;
use std::path::Path;

fn run(id: &str, plan: &Plan) -> MigrationRun {
    MigrationRun {
        id: id.to_string(),
        name: id.split_once('_').map(|(_, n)| n).unwrap_or(id).to_string(),
        checksum: format!("checksum-{id}"),
        statements: statements(plan),
        transactional: true,
        resume_from: 0,
        snapshot: None,
    }
}

/// The differences between the live schema and the expected one, both ways, as text.
fn differences(live: &Schema, expected: &Schema) -> Vec<String> {
    let mut out: Vec<String> = diff(live, expected, &SqliteDialect, &DiffOptions::default())
        .changes
        .iter()
        .map(|c| format!("live→expected {}: {c:?}", c.summary()))
        .collect();
    out.extend(
        diff(expected, live, &SqliteDialect, &DiffOptions::default())
            .changes
            .iter()
            .map(|c| format!("expected→live {}: {c:?}", c.summary())),
    );
    out
}

async fn expect_schema(d: &mut SqliteDriver, expected: &Schema, when: &str) -> Result<(), String> {
    let live = d
        .inspect()
        .await
        .map_err(|e| format!("{when}: inspect failed: {e}"))?;
    let diffs = differences(&live, expected);
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{when}: the database differs from the schema:\n  {}",
            diffs.join("\n  ")
        ))
    }
}

fn render_results(results: &[QueryResult]) -> String {
    let mut out = String::new();
    for r in results {
        if r.columns.is_empty() {
            out.push_str(&format!("({} rows affected)\n", r.rows_affected));
            continue;
        }
        out.push_str(&r.columns.join(" | "));
        out.push('\n');
        for row in &r.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| c.clone().unwrap_or_else(|| "NULL".into()))
                .collect();
            out.push_str(&cells.join(" | "));
            out.push('\n');
        }
    }
    out
}

async fn run_case(dir: &Path) -> Result<Option<String>, String> {
    let name = case_name(dir);
    let plans = plan_case(dir);
    let db = TestDb::sqlite();
    let mut d = connect(&db.url)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    d.ensure_ledger()
        .await
        .map_err(|e| format!("ensure_ledger: {e}"))?;

    let create = run("0001_create", &plan_create(&plans.from));
    d.apply(&create)
        .await
        .map_err(|e| format!("creating `from` failed: {e:?}"))?;
    expect_schema(&mut d, &plans.from, "after creating from.sql").await?;

    let mut data = String::new();
    if let Some(seed) = optional(dir, "seed.sql") {
        d.query(&seed).await.map_err(|e| format!("seed.sql: {e}"))?;
    }

    let up = run("0002_up", &plans.up);
    d.apply(&up)
        .await
        .map_err(|e| format!("Up failed: {e:?}"))?;
    expect_schema(&mut d, &plans.to, "after Up").await?;
    if let Some(check) = optional(dir, "check_up.sql") {
        let r = d
            .query(&check)
            .await
            .map_err(|e| format!("check_up.sql: {e}"))?;
        data.push_str(&format!("-- after Up\n{}", render_results(&r)));
    }

    let down = run("0002_up", &plans.down);
    d.revert(&down)
        .await
        .map_err(|e| format!("Down failed: {e:?}"))?;
    expect_schema(&mut d, &plans.from, "after Down").await?;
    if let Some(check) = optional(dir, "check_down.sql") {
        let r = d
            .query(&check)
            .await
            .map_err(|e| format!("check_down.sql: {e}"))?;
        data.push_str(&format!("-- after Down\n{}", render_results(&r)));
    }

    let ledger = d.ledger().await.map_err(|e| format!("ledger: {e}"))?;
    let ids: Vec<&str> = ledger.iter().map(|r| r.id.as_str()).collect();
    if ids != ["0001_create"] {
        return Err(format!(
            "{name}: ledger after Down should hold only 0001_create, has {ids:?}"
        ));
    }
    // Nothing of a rebuild may be left behind.
    let leftovers = d
        .query("SELECT name FROM sqlite_master WHERE name LIKE '\\_flash\\_new\\_%' ESCAPE '\\'")
        .await
        .map_err(|e| e.to_string())?;
    if !leftovers[0].rows.is_empty() {
        return Err(format!(
            "{name}: rebuild tables left behind: {:?}",
            leftovers[0].rows
        ));
    }
    Ok((!data.is_empty()).then_some(data))
}

#[tokio::test]
async fn every_case_applies_up_and_down_and_reads_back_equal() {
    let mut failures = Vec::new();
    let mut data = Vec::new();
    for dir in case_dirs() {
        match run_case(&dir).await {
            Ok(Some(d)) => data.push((case_name(&dir), d)),
            Ok(None) => {}
            Err(e) => failures.push(format!("case {}: {e}", case_name(&dir))),
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
    for (name, text) in data {
        insta::with_settings!({
            snapshot_path => "../testdata/snapshots",
            prepend_module_to_snapshot => false,
            description => format!("{name}: data read by check_up.sql / check_down.sql"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("data_{name}"), text);
        });
    }
}
