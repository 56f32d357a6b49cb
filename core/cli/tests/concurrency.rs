//! Eight `flash apply` processes at once: every migration applied exactly once, on every
//! database, and no error except "waited for lock".
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;
use common::Project;
use flash_testkit::TestDb;

const SCHEMAS: [&str; 3] = [
    "CREATE TABLE a (id INTEGER PRIMARY KEY);\n",
    "CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));\n",
    "CREATE TABLE a (id INTEGER PRIMARY KEY, name VARCHAR(50));\nCREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));\nCREATE INDEX b_a_id_idx ON b (a_id);\n",
];

fn eight_at_once(provider: &str, url: &str) {
    let p = Project::new(provider, url);
    for (i, s) in SCHEMAS.iter().enumerate() {
        p.schema(s);
        p.ok(&["migrate", &format!("step {i}")]);
    }
    // A hand-written migration that runs outside a transaction: the lock must still hold.
    p.write(
        "db/migrations/29990101000000_no_tx.sql",
        "-- flash:no-transaction\n-- +migrate Up\nCREATE TABLE no_tx (id INTEGER PRIMARY KEY);\nINSERT INTO no_tx (id) VALUES (1);\n-- +migrate Down\nDROP TABLE no_tx;\n",
    );
    let children: Vec<_> = (0..8)
        .map(|_| {
            p.command(&["apply", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut applied = Vec::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "an apply failed: {stderr}");
        assert!(!stderr.contains("error"), "{stderr}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for id in v["applied"].as_array().unwrap() {
            applied.push(id.as_str().unwrap().to_string());
        }
    }
    applied.sort();
    let mut unique = applied.clone();
    unique.dedup();
    assert_eq!(applied, unique, "a migration was applied twice");
    assert_eq!(unique.len(), 4, "every migration applied once: {applied:?}");
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
    assert_eq!(v["applied"], 4);
    let rows = p.ok(&["raw", "--json", "SELECT count(*) AS n FROM no_tx"]);
    assert!(
        rows.contains("\"1\""),
        "the no-transaction migration ran once: {rows}"
    );
    assert_eq!(v["pending"], 0);
}

#[test]
fn eight_applies_sqlite() {
    let db = TestDb::sqlite();
    eight_at_once("sqlite", &db.url);
}

#[tokio::test(flavor = "multi_thread")]
async fn eight_applies_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || eight_at_once("postgresql", &url))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn eight_applies_mysql() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || eight_at_once("mysql", &url))
        .await
        .unwrap();
}
