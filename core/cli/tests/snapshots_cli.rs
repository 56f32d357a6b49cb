//! Snapshots of what `flash` prints and writes (temp paths and timestamps filtered).
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;
use common::Project;

const SCHEMA: &str = "CREATE TABLE users (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  email TEXT NOT NULL UNIQUE\n);\n\nCREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER NOT NULL REFERENCES users(id),\n  title TEXT NOT NULL DEFAULT 'untitled'\n);\nCREATE INDEX posts_user_id_idx ON posts (user_id);\n";

fn strip_created(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("-- Created at:") {
                "-- Created at: [TIME]"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn migrate_output_and_file() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema(SCHEMA);
    let r = p.run(&["migrate", "init"]);
    assert_eq!(r.code, 0, "{}", r.all());
    insta::assert_snapshot!("migrate_stdout", p.filter(&r.stdout));
    let file = std::fs::read_to_string(&p.migrations()[0]).unwrap();
    insta::assert_snapshot!("migrate_file_sqlite", strip_created(&file));

    p.schema(
        &SCHEMA
            .replace(
                "  title TEXT NOT NULL DEFAULT 'untitled'\n",
                "  title TEXT NOT NULL DEFAULT 'untitled',\n  body TEXT NOT NULL DEFAULT ''\n",
            )
            .replace("  email TEXT NOT NULL UNIQUE\n", "  email TEXT NOT NULL\n"),
    );
    let r = p.run(&["migrate", "change"]);
    assert_eq!(r.code, 0, "{}", r.all());
    let file = std::fs::read_to_string(p.migrations().last().unwrap()).unwrap();
    insta::assert_snapshot!("migrate_file_sqlite_rebuild", strip_created(&file));
}

#[test]
fn schema_errors_output() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema("CREATE TABLE a (\n  id INTEGER PRIMARY KEY,\n  id TEXT\n);\n\nCREATE TABLE b (\n  a_id INTEGER REFERENCES missing(id)\n);\n");
    let r = p.run(&["migrate", "init"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("schema_errors_stderr", p.filter(&r.stderr));
}

#[test]
fn status_output() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema(SCHEMA);
    p.ok(&["migrate", "init"]);
    let r = p.run(&["status"]);
    assert_eq!(r.code, 0, "{}", r.all());
    insta::assert_snapshot!("status_pending_stdout", p.filter(&r.stdout));
}

#[test]
fn migrate_dry_run_output() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema(SCHEMA);
    let r = p.run(&["migrate", "init", "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(p.migrations().is_empty(), "a dry run writes nothing");
    insta::assert_snapshot!("migrate_dry_run_stdout", p.filter(&r.stdout));
}

#[test]
fn init_output_with_a_detected_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("package.json"), "{}\n").unwrap();
    let out = std::process::Command::new(common::flash_bin())
        .args(["init", "--postgresql"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(
        "init_detected_language_stdout",
        String::from_utf8_lossy(&out.stdout)
    );
    let toml = std::fs::read_to_string(dir.path().join("flash.toml")).unwrap();
    assert!(toml.contains("[gen.js]\nenabled = true"), "{toml}");
}
