//! Branch operations of the JSON API (what the bindings call), on SQLite.
#![allow(clippy::unwrap_used)]

use flash::api::{call_blocking, Envelope, ErrorKind};
use flash_testkit::TestDb;
use serde_json::{json, Value};

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

#[test]
fn branches_through_the_api() {
    let db = TestDb::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    ok("init", json!({"project_dir": d, "provider": "sqlite"}));
    std::fs::write(
        dir.path().join(".env"),
        format!("DATABASE_URL={}\n", db.url),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("db/schema/schema.sql"),
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n",
    )
    .unwrap();
    let project = json!({"project_dir": d});
    ok("migrate", json!({"project": project, "name": "init"}));
    ok("apply", json!({"project": project}));

    let created = ok(
        "create_branch",
        json!({"project": project, "name": "feature"}),
    );
    assert_eq!(created["action"], "created");
    assert_eq!(created["current"], "main");
    assert_eq!(created["copied"]["tables"], 1);
    assert!(created["location"]
        .as_str()
        .unwrap()
        .ends_with("test__feature.db"));

    let switched = ok("checkout", json!({"project": project, "name": "feature"}));
    assert_eq!(switched["current"], "feature");
    ok(
        "raw",
        json!({"project": project, "sql": "ALTER TABLE users ADD COLUMN email TEXT"}),
    );
    let list = ok("branches", json!({"project": project}));
    assert_eq!(list["current"], "feature");
    assert_eq!(list["branches"][1]["name"], "feature");
    assert_eq!(list["branches"][1]["current"], true);

    let diff = ok(
        "diff_branches",
        json!({"project": project, "from": "main", "to": "feature"}),
    );
    assert_eq!(diff["has_changes"], true);
    assert_eq!(diff["changes"], json!(["+ column users.email"]));
    assert!(diff["up"]
        .as_str()
        .unwrap()
        .contains("ADD COLUMN \"email\""));

    let e = err(
        "delete_branch",
        json!({"project": project, "name": "feature"}),
    );
    assert_eq!(e.kind, ErrorKind::State);
    assert!(e.message.contains("current branch"), "{}", e.message);
    let e = err("checkout", json!({"project": project, "name": "Nope!"}));
    assert_eq!(e.kind, ErrorKind::InvalidRequest);
    let e = err("checkout", json!({"project": project, "name": "nope"}));
    assert_eq!(e.kind, ErrorKind::NotFound);
    let e = err("branches", json!({"project": project, "name": "x"}));
    assert_eq!(
        e.kind,
        ErrorKind::InvalidRequest,
        "unknown fields are refused"
    );

    ok("checkout", json!({"project": project, "name": "main"}));
    let renamed = ok(
        "rename_branch",
        json!({"project": project, "from": "feature", "to": "done"}),
    );
    assert_eq!(renamed["branch"], "done");
    let deleted = ok("delete_branch", json!({"project": project, "name": "done"}));
    assert_eq!(deleted["action"], "deleted");
    let list = ok("branches", json!({"project": project}));
    assert_eq!(list["branches"].as_array().unwrap().len(), 1);

    let made = ok(
        "checkout",
        json!({"project": project, "name": "again", "create": true}),
    );
    assert_eq!(made["current"], "again");
    assert_eq!(made["copied"]["tables"], 1);
}
