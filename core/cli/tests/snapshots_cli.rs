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

const QUERIES: &str = "-- Finds a user by e-mail.\n-- name: GetUser :one\nSELECT * FROM users WHERE email = @email;\n\n-- name: PostsOf :many\nSELECT p.id, p.title, u.email FROM posts p LEFT JOIN users u ON u.id = p.user_id WHERE p.user_id = ?;\n";

/// `flash gen`: what it writes, then "up to date", then `--check` after a change (exit 3).
#[test]
fn gen_output() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema(SCHEMA);
    p.write("db/queries/app.sql", QUERIES);
    let toml = std::fs::read_to_string(p.path().join("flash.toml")).unwrap();
    std::fs::write(
        p.path().join("flash.toml"),
        format!("{toml}\n[gen.go]\nenabled = true\n\n[gen.python]\nenabled = true\n"),
    )
    .unwrap();
    let r = p.run(&["gen"]);
    assert_eq!(r.code, 0, "{}", r.all());
    insta::assert_snapshot!("gen_stdout", p.filter(&r.stdout));
    let r = p.run(&["gen"]);
    assert_eq!(r.code, 0, "{}", r.all());
    insta::assert_snapshot!("gen_up_to_date_stdout", p.filter(&r.stdout));
    p.write(
        "db/queries/app.sql",
        &QUERIES.replace("p.title", "p.title AS headline"),
    );
    let r = p.run(&["gen", "--check"]);
    assert_eq!(r.code, 3, "{}", r.all());
    insta::assert_snapshot!("gen_check_stdout", p.filter(&r.stdout));
}

/// Query errors: every one at its place, nothing written, exit 1.
#[test]
fn gen_errors_output() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema(SCHEMA);
    p.write(
        "db/queries/app.sql",
        "-- name: Bad :many\nSELECT nope FROM users;\n\n-- name: Worse :one\nSELECT id FROM missing WHERE x = ?;\n\n-- name: Untyped :one\nSELECT json_extract(title, '$.a') AS a FROM posts;\n",
    );
    let toml = std::fs::read_to_string(p.path().join("flash.toml")).unwrap();
    std::fs::write(
        p.path().join("flash.toml"),
        format!("{toml}\n[gen.go]\nenabled = true\n"),
    )
    .unwrap();
    let r = p.run(&["gen"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(!p.path().join("gen").exists(), "query errors wrote files");
    insta::assert_snapshot!("gen_errors_stderr", p.filter(&r.stderr));
}

#[test]
fn pull_output() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.ok(&[
        "raw",
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE); \
         CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE, title TEXT); \
         CREATE INDEX posts_user ON posts (user_id); \
         CREATE VIEW titles AS SELECT title FROM posts",
    ]);
    let r = p.run(&["pull"]);
    assert_eq!(r.code, 0, "{}", r.all());
    insta::assert_snapshot!("pull_stdout", p.filter(&r.stdout));
    let written = std::fs::read_to_string(p.path().join("db/schema/schema.sql")).unwrap();
    insta::assert_snapshot!("pull_schema_sql", written);
    // Nothing changed since: nothing to write.
    let again = p.run(&["pull", "--dry-run"]);
    assert_eq!(again.code, 0, "{}", again.all());
    insta::assert_snapshot!("pull_again_stdout", p.filter(&again.stdout));
}

#[test]
fn drift_output() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema(SCHEMA);
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    p.ok(&["raw", "CREATE INDEX users_email_idx ON users (email)"]);
    let r = p.run(&["status", "--check"]);
    assert_eq!(r.code, 3, "{}", r.all());
    let stdout = p.filter(&r.stdout);
    // The table holds timestamps: only the drift part is compared.
    let drift = &stdout[stdout.find("Drift").unwrap_or(0)..];
    insta::assert_snapshot!("status_drift_stdout", drift);
    let absorbed = p.run(&["migrate", "add index", "--absorb-drift"]);
    assert_eq!(absorbed.code, 0, "{}", absorbed.all());
    let after = p.run(&["status", "--check"]);
    assert_eq!(after.code, 0, "{}", after.all());
    assert!(after.stdout.contains("No drift"), "{}", after.stdout);
}
