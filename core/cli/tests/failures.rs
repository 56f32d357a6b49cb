//! A bad statement in a migration: PostgreSQL is left untouched; MySQL records exact progress
//! and a rerun resumes after the last statement that succeeded.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;
use common::Project;
use flash_testkit::TestDb;

const BAD: &str = "-- +migrate Up\nCREATE TABLE good (id INTEGER PRIMARY KEY);\nINSERT INTO nowhere VALUES (1);\nCREATE TABLE after (id INTEGER PRIMARY KEY);\n-- +migrate Down\nDROP TABLE after;\nDROP TABLE good;\n";

#[tokio::test(flavor = "multi_thread")]
async fn postgres_failure_leaves_nothing() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let p = Project::new("postgresql", &url);
        p.write("db/migrations/20240101000000_bad.sql", BAD);
        let r = p.run(&["apply"]);
        assert_eq!(r.code, 1, "{}", r.all());
        assert!(r.stderr.contains("statement 2"), "{}", r.stderr);
        assert!(r.stderr.contains("rolled back"), "{}", r.stderr);
        let raw = p.ok(&[
            "raw",
            "--json",
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'good'",
        ]);
        assert!(raw.contains("\"0\""), "{raw}");
        let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
        assert_eq!(v["pending"], 1);
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn mysql_failure_records_progress_and_resumes() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let p = Project::new("mysql", &url);
        p.write("db/migrations/20240101000000_bad.sql", BAD);
        let r = p.run(&["apply"]);
        assert_eq!(r.code, 1, "{}", r.all());
        assert!(r.stderr.contains("statement 2"), "{}", r.stderr);
        assert!(
            r.stderr.contains("1 statement(s) of it were applied"),
            "{}",
            r.stderr
        );
        let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
        assert_eq!(v["migrations"][0]["state"], "failed");
        assert_eq!(v["migrations"][0]["applied_steps"], 1);
        // Fix the statement; the rerun resumes after `good`, which exists already.
        p.write(
            "db/migrations/20240101000000_bad.sql",
            &BAD.replace(
                "INSERT INTO nowhere VALUES (1)",
                "INSERT INTO good VALUES (1)",
            ),
        );
        p.ok(&["apply"]);
        let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
        assert_eq!(v["migrations"][0]["state"], "applied");
        let raw = p.ok(&["raw", "--json", "SELECT count(*) AS n FROM good"]);
        assert!(raw.contains("\"1\""), "{raw}");
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_migration_that_empties_search_path_is_recorded() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let p = Project::new("postgresql", &url);
        // What pg_dump writes at the top of every dump.
        p.write(
            "db/migrations/20240101000000_dump.sql",
            "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.dumped (id integer PRIMARY KEY);\n",
        );
        p.write(
            "db/migrations/20240102000000_after.sql",
            "-- +migrate Up\nCREATE TABLE after_dump (id integer PRIMARY KEY);\n-- +migrate Down\nDROP TABLE after_dump;\n",
        );
        p.ok(&["apply"]);
        let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
        assert_eq!(v["applied"], 2, "{v}");
        let raw = p.ok(&["raw", "--json", "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('dumped', 'after_dump')"]);
        assert!(raw.contains("\"2\""), "{raw}");
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn mysql_migration_that_switches_database_is_recorded_in_its_own() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let url = db.url.clone();
    let other = format!("{}_other", db.name());
    tokio::task::spawn_blocking(move || {
        let p = Project::new("mysql", &url);
        p.write(
            "db/migrations/20240101000000_dump.sql",
            &format!("CREATE DATABASE IF NOT EXISTS `{other}`;\nUSE `{other}`;\nCREATE TABLE elsewhere (id INT PRIMARY KEY);\n"),
        );
        p.write(
            "db/migrations/20240102000000_after.sql",
            "-- +migrate Up\nCREATE TABLE after_dump (id INT PRIMARY KEY);\n-- +migrate Down\nDROP TABLE after_dump;\n",
        );
        let r = p.run(&["apply"]);
        let cleanup = p.run(&["raw", &format!("DROP DATABASE IF EXISTS `{other}`")]);
        assert_eq!(r.code, 0, "{}", r.all());
        assert_eq!(cleanup.code, 0, "{}", cleanup.all());
        let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
        assert_eq!(v["applied"], 2, "{v}");
        let raw = p.ok(&["raw", "--json", "SELECT count(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'after_dump'"]);
        assert!(raw.contains("\"1\""), "{raw}");
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn mysql_failed_down_is_reported_by_status() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let p = Project::new("mysql", &url);
        p.write(
            "db/migrations/20240101000000_two.sql",
            "-- +migrate Up\nCREATE TABLE one (id INT PRIMARY KEY);\nCREATE TABLE two (id INT PRIMARY KEY);\n-- +migrate Down\nDROP TABLE two;\nDROP TABLE nowhere;\nDROP TABLE one;\n",
        );
        p.ok(&["apply"]);
        let r = p.run(&["down", "--yes"]);
        assert_eq!(r.code, 1, "{}", r.all());
        assert!(r.stderr.contains("Down section of 20240101000000_two failed at statement 2"), "{}", r.stderr);
        assert!(r.stderr.contains("1 statement(s) of the Down section ran"), "{}", r.stderr);
        let r = p.run(&["status", "--check"]);
        assert_eq!(r.code, 3, "{}", r.all());
        assert!(r.stderr.contains("undoing it failed"), "{}", r.stderr);
    })
    .await
    .unwrap();
}
