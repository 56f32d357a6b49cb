//! Every case folder against a real PostgreSQL: apply from.sql's plan, check that
//! `diff(inspect(), from)` is empty, apply the Up plan, check against to.sql, apply the Down
//! plan (through `revert`), check against from.sql again. Migrations go through the driver's
//! `apply`/`revert`, so the history table is exercised too. Cases with `seed.sql` get rows
//! before Up; `verify_up.sql` / `verify_down.sql` must then return only `true` cells.
//!
//! Inspection does not read raw objects (functions, triggers) back, so `raw` is cleared on
//! both sides before comparing.

// Tests may unwrap: a failure is a panic with the value shown.
#![allow(clippy::unwrap_used)]

mod common;

use flash_diff::{diff, DiffOptions};
use flash_postgres::{connect, PostgresDialect, PostgresDriver};
use flash_schema::{Driver, MigrationRun, Plan, Schema};
use flash_testkit::TestDb;
use std::path::Path;

fn run(id: &str, plan: &Plan) -> MigrationRun {
    MigrationRun {
        id: id.to_string(),
        name: id.to_string(),
        checksum: format!("sum-{id}"),
        statements: plan.statements.iter().map(|s| s.sql.clone()).collect(),
        transactional: true,
        resume_from: 0,
        snapshot: None,
    }
}

/// The differences between the live database and `expected`, or an empty list.
async fn drift(drv: &mut PostgresDriver, expected: &Schema) -> Result<Vec<String>, String> {
    let live = drv.inspect().await.map_err(|e| e.to_string())?;
    let r = diff(
        &live,
        &common::without_raw(expected),
        &PostgresDialect,
        &DiffOptions::default(),
    );
    Ok(r.changes
        .iter()
        .map(|c| {
            format!(
                "{} :: {}",
                c.summary(),
                serde_json::to_string(c).unwrap_or_default()
            )
        })
        .collect())
}

async fn verify(drv: &mut PostgresDriver, dir: &Path, file: &str) -> Result<(), String> {
    let Some(sql) = common::read(dir, file) else {
        return Ok(());
    };
    let results = drv.query(&sql).await.map_err(|e| format!("{file}: {e}"))?;
    let last = results.last().ok_or(format!("{file}: no result"))?;
    let ok = !last.rows.is_empty()
        && last
            .rows
            .iter()
            .all(|r| r.iter().all(|c| c.as_deref() == Some("true")));
    if ok {
        Ok(())
    } else {
        Err(format!("{file} returned {:?}", last.rows))
    }
}

async fn round_trip(url: &str, dir: &Path) -> Result<(), String> {
    let (from, to) = common::schemas(dir);
    let (up, down) = common::plans(&from, &to);
    let mut drv = connect(url).await.map_err(|e| e.to_string())?;
    drv.ensure_ledger().await.map_err(|e| e.to_string())?;

    let create = common::create_plan(&from);
    drv.apply(&run("001_from", &create))
        .await
        .map_err(|e| format!("applying from.sql: {e} in {:?}", e.statement))?;
    let d = drift(&mut drv, &from).await?;
    if !d.is_empty() {
        return Err(format!(
            "after from.sql, inspect differs from from.sql:\n  {}",
            d.join("\n  ")
        ));
    }
    if let Some(seed) = common::read(dir, "seed.sql") {
        drv.query(&seed)
            .await
            .map_err(|e| format!("seed.sql: {e}"))?;
    }

    drv.apply(&run("002_up", &up))
        .await
        .map_err(|e| format!("applying Up: {e} in {:?}", e.statement))?;
    let d = drift(&mut drv, &to).await?;
    if !d.is_empty() {
        return Err(format!(
            "after Up, inspect differs from to.sql:\n  {}",
            d.join("\n  ")
        ));
    }
    verify(&mut drv, dir, "verify_up.sql").await?;

    drv.revert(&run("002_up", &down))
        .await
        .map_err(|e| format!("applying Down: {e} in {:?}", e.statement))?;
    let d = drift(&mut drv, &from).await?;
    if !d.is_empty() {
        return Err(format!(
            "after Down, inspect differs from from.sql:\n  {}",
            d.join("\n  ")
        ));
    }
    verify(&mut drv, dir, "verify_down.sql").await?;

    let ids: Vec<String> = drv
        .ledger()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|r| r.id)
        .collect();
    if ids != ["001_from"] {
        return Err(format!(
            "history after Down should hold only 001_from, holds {ids:?}"
        ));
    }
    Ok(())
}

#[tokio::test]
async fn every_case_round_trips_up_and_down_on_postgres() {
    let mut failures = Vec::new();
    let dirs = common::case_dirs();
    for dir in &dirs {
        let Some(db) = TestDb::postgres().await else {
            return;
        };
        eprintln!("case {}", common::case_name(dir));
        if let Err(e) = round_trip(&db.url, dir).await {
            failures.push(format!("[{}] {e}", common::case_name(dir)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n\n")
    );
}
