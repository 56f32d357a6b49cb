//! The JSON API the bindings use, end to end on real databases.
#![allow(clippy::unwrap_used)]

use flash::api::{call_blocking, Envelope, ErrorKind};
use flash_testkit::TestDb;
use serde_json::{json, Value};
use std::path::Path;

fn call(op: &str, input: Value) -> Envelope {
    let text = call_blocking(op, &input.to_string(), &mut || false);
    serde_json::from_str(&text).unwrap()
}

fn ok(op: &str, input: Value) -> Value {
    match call(op, input) {
        Envelope::Ok(v) => v,
        Envelope::Error(e) => panic!("{op} failed: {e:?}"),
    }
}

fn err(op: &str, input: Value) -> flash::api::ApiError {
    match call(op, input) {
        Envelope::Ok(v) => panic!("{op} succeeded: {v}"),
        Envelope::Error(e) => e,
    }
}

/// init, plan, migrate, apply, status, raw, down, and the error kinds, through `call`.
fn scenario(dir: &Path, provider: &str, url: &str, create: &str) {
    let d = dir.to_str().unwrap();
    let init = ok("init", json!({"project_dir": d, "provider": provider}));
    assert_eq!(init["provider"], provider);
    std::fs::write(dir.join(".env"), format!("DATABASE_URL={url}\n")).unwrap();
    std::fs::write(dir.join("db/schema/schema.sql"), create).unwrap();
    let project = json!({"project_dir": d});

    let plan = ok("plan", json!({"project": project}));
    assert_eq!(plan["has_changes"], true);
    assert!(plan["up"].as_str().unwrap().contains("CREATE TABLE"));
    assert_eq!(
        std::fs::read_dir(dir.join("db/migrations"))
            .unwrap()
            .count(),
        0,
        "plan writes nothing"
    );
    if let Some(file) = url.strip_prefix("sqlite://") {
        assert!(
            !Path::new(file).exists(),
            "plan must not create the database"
        );
    }

    let written = ok(
        "migrate",
        json!({"project": project, "name": "create users"}),
    );
    assert_eq!(written["outcome"], "written");
    let again = ok("migrate", json!({"project": project, "name": "again"}));
    assert_eq!(again["outcome"], "nothing_to_do");

    let applied = ok("apply", json!({"project": project}));
    assert_eq!(applied["applied"].as_array().unwrap().len(), 1);
    let status = ok("status", json!({"project": project}));
    assert_eq!(status["applied"], 1);
    assert_eq!(status["pending"], 0);
    assert_eq!(status["migrations"][0]["state"], "applied");

    let rows = ok(
        "raw",
        json!({"project": project, "sql": "INSERT INTO users (email) VALUES ('a@x'); SELECT email FROM users"}),
    );
    assert_eq!(rows[1]["rows"][0][0], "a@x");

    let dbs = ok("databases", json!({"project": project}));
    assert_eq!(dbs[0]["default"], true);

    // A destructive reset needs `force`.
    let e = err("reset", json!({"project": project}));
    assert_eq!(e.kind, ErrorKind::NeedsConfirmation, "{e:?}");

    // A broken query is a database error; the database is untouched.
    let e = err(
        "raw",
        json!({"project": project, "sql": "SELECT nope FROM users"}),
    );
    assert_eq!(e.kind, ErrorKind::Database, "{e:?}");

    // Undoing a migration drops its table: it needs `yes`.
    let e = err("down", json!({"project": project}));
    assert_eq!(e.kind, ErrorKind::NeedsConfirmation, "{e:?}");
    assert_eq!(
        e.help.as_deref(),
        Some("set `yes` in the request to confirm")
    );
    let down = ok("down", json!({"project": project, "yes": true}));
    assert_eq!(down["reverted"].as_array().unwrap().len(), 1);
    assert_eq!(ok("status", json!({"project": project}))["pending"], 1);

    // Schema errors are parse errors with a place.
    std::fs::write(dir.join("db/schema/schema.sql"), "CREATE TABLE (;\n").unwrap();
    let e = err("plan", json!({"project": project}));
    assert_eq!(e.kind, ErrorKind::Parse);
    assert!(e.place.unwrap().contains("schema.sql:1:"));
}

#[test]
fn sqlite_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/app.db", dir.path().display());
    scenario(
        dir.path(),
        "sqlite",
        &url,
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n",
    );
}

#[test]
fn postgres_scenario() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let Some(db) = rt.block_on(TestDb::postgres()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    scenario(
        dir.path(),
        "postgresql",
        &db.url,
        "CREATE TABLE users (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL);\n",
    );
}

#[test]
fn mysql_scenario() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let Some(db) = rt.block_on(TestDb::mysql()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    scenario(
        dir.path(),
        "mysql",
        &db.url,
        "CREATE TABLE users (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(255) NOT NULL);\n",
    );
}

#[test]
fn requests_are_checked() {
    let e = err("status", json!({"project": {"project_dr": "/x"}}));
    assert_eq!(e.kind, ErrorKind::InvalidRequest);
    assert!(e.message.contains("project_dr"), "{}", e.message);
    let e = err("fly", json!({}));
    assert_eq!(e.kind, ErrorKind::NotFound);
    let dir = tempfile::tempdir().unwrap();
    let e = err("status", json!({"project": {"project_dir": dir.path()}}));
    assert_eq!(e.kind, ErrorKind::Config);
    assert!(e.help.unwrap().contains("`init`"));
    assert_eq!(ok("version", json!(null))["version"], flash::VERSION);
}

#[test]
fn cancellation_stops_the_call() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ok("init", json!({"project_dir": d}));
    let mut asked = 0;
    let text = call_blocking(
        "status",
        &json!({"project": {"project_dir": d}}).to_string(),
        &mut || {
            asked += 1;
            true
        },
    );
    // Either the call finished before the first check, or it was cancelled: never anything else.
    let env: Envelope = serde_json::from_str(&text).unwrap();
    if let Envelope::Error(e) = env {
        assert_eq!(e.kind, ErrorKind::Cancelled, "{e:?}");
    }
    let _ = asked;
}

/// With `lock_timeout`, apply gives up on a lock another process holds, with kind lock_timeout,
/// and applies once the lock is free.
fn lock_timeout_case(provider: &str, url: &str, create: &str) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ok("init", json!({"project_dir": d, "provider": provider}));
    std::fs::write(dir.path().join(".env"), format!("DATABASE_URL={url}\n")).unwrap();
    std::fs::write(dir.path().join("db/schema/schema.sql"), create).unwrap();
    let project = json!({"project_dir": d});
    ok("migrate", json!({"project": project, "name": "one"}));

    let rt = tokio::runtime::Runtime::new().unwrap();
    let provider: flash::Provider = provider.parse().unwrap();
    let mut holder = rt.block_on(flash::migrate::connect(provider, url)).unwrap();
    rt.block_on(holder.lock()).unwrap();
    let started = std::time::Instant::now();
    let e = err("apply", json!({"project": project, "lock_timeout": 0.3}));
    assert_eq!(e.kind, ErrorKind::LockTimeout, "{e:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    for bad in [json!(-1), json!(0), json!(1e20)] {
        let e = err("apply", json!({"project": project, "lock_timeout": bad}));
        assert_eq!(e.kind, ErrorKind::InvalidRequest, "{e:?}");
    }
    rt.block_on(holder.unlock()).unwrap();
    drop(holder);
    let applied = ok("apply", json!({"project": project, "lock_timeout": 10}));
    assert_eq!(applied["applied"].as_array().unwrap().len(), 1);
}

#[test]
fn sqlite_lock_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/app.db", dir.path().display());
    lock_timeout_case("sqlite", &url, "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
}

#[test]
fn postgres_lock_timeout() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let Some(db) = rt.block_on(TestDb::postgres()) else {
        return;
    };
    lock_timeout_case(
        "postgresql",
        &db.url,
        "CREATE TABLE t (id BIGINT PRIMARY KEY);\n",
    );
}

/// A likely rename stops `plan`; its details are the `renames` that confirm it.
#[test]
fn rename_details_confirm_the_rename() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ok("init", json!({"project_dir": d}));
    let schema = dir.path().join("db/schema/schema.sql");
    std::fs::write(
        &schema,
        "CREATE TABLE users (id INTEGER PRIMARY KEY, mail TEXT);\n",
    )
    .unwrap();
    let project = json!({"project_dir": d});
    ok("migrate", json!({"project": project, "name": "one"}));
    std::fs::write(
        &schema,
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n",
    )
    .unwrap();
    let e = err("plan", json!({"project": project}));
    assert_eq!(e.kind, ErrorKind::NeedsConfirmation, "{e:?}");
    assert_eq!(e.details, vec!["users.mail=email".to_string()]);
    let plan = ok("plan", json!({"project": project, "renames": e.details}));
    assert!(
        plan["up"].as_str().unwrap().contains("RENAME COLUMN"),
        "{plan}"
    );
}

/// `init` enables the `[gen.*]` sections of the languages whose manifests it finds.
#[test]
fn init_detects_languages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("go.mod"), "module x\n").unwrap();
    std::fs::write(dir.path().join("requirements.txt"), "").unwrap();
    let d = dir.path().to_str().unwrap();
    let report = ok("init", json!({"project_dir": d}));
    assert_eq!(
        report["languages"],
        json!([{"gen": "go", "file": "go.mod"}, {"gen": "python", "file": "requirements.txt"}])
    );
    let config = flash::Config::load(&dir.path().join("flash.toml")).unwrap();
    let gen = &config.databases[0].gen;
    assert!(gen.go.as_ref().unwrap().enabled);
    assert!(!gen.js.as_ref().unwrap().enabled);
    assert!(gen.python.as_ref().unwrap().enabled);
    // A second init keeps the existing flash.toml and enables nothing.
    let again = ok("init", json!({"project_dir": d}));
    assert_eq!(again["languages"], json!([]));
}
