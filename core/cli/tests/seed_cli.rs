//! `flash seed` through the real binary on SQLite: the report (human and `--json`), the
//! dry-run plan with sample rows (snapshots: seeded, so stable), child-only seeding, the
//! confirmation `--truncate` needs without a terminal, and bad counts as usage errors.
#![allow(clippy::unwrap_used)]

mod common;
use common::Project;

const SCHEMA: &str = "CREATE TABLE users (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  email TEXT NOT NULL UNIQUE,\n  name TEXT NOT NULL,\n  created_at DATETIME NOT NULL,\n  updated_at DATETIME NOT NULL\n);\n\nCREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER NOT NULL REFERENCES users(id),\n  title VARCHAR(60) NOT NULL,\n  price DECIMAL(6,2) NOT NULL CHECK (price > 0)\n);\n";

fn project() -> Project {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema(SCHEMA);
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    p
}

/// The elapsed time is the one thing a seeded run does not repeat.
fn no_time(text: &str) -> String {
    text.lines()
        .map(|l| match (l.find(" in "), l.find("s (seed")) {
            (Some(a), Some(b)) if a < b => format!("{}{}", &l[..a], &l[b + 1..]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_reports_plans_and_repeats() {
    let p = project();
    let dry = p.ok(&[
        "seed",
        "posts:3",
        "--count",
        "2",
        "--seed",
        "5",
        "--dry-run",
    ]);
    insta::assert_snapshot!("seed_dry_run_stdout", p.filter(&dry));
    let out = p.ok(&["raw", "SELECT count(*) AS n FROM users"]);
    assert!(out.contains('0'), "the dry run wrote: {out}");

    let r = p.run(&["seed", "posts:3", "--count", "2", "--seed", "5"]);
    assert_eq!(r.code, 0, "{}", r.all());
    insta::assert_snapshot!("seed_stdout", no_time(&p.filter(&r.stdout)));
    assert!(r.stderr.contains("database: sqlite://"), "{}", r.stderr);

    // Posts again: users has rows now, so its keys are reused.
    let out = p.ok(&["seed", "posts:4", "--seed", "6", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["seed"], 6);
    assert_eq!(report["rows"], 4);
    assert_eq!(report["reused"], serde_json::json!(["users"]));
    assert_eq!(report["tables"][0]["name"], "posts");

    // Without --seed, one is chosen and printed so the run can be repeated.
    let r = p.run(&["seed", "users:1"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stderr.contains("pass --seed"), "{}", r.stderr);

    // --truncate needs confirmation; without a terminal, --yes.
    let r = p.run(&["seed", "--truncate", "--count", "1"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    // Emptying users alone would orphan the posts: refused, nothing changes.
    let r = p.run(&["seed", "--truncate", "--yes", "--exclude", "posts"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.stderr.contains("seeding users: emptying it failed"),
        "{}",
        r.stderr
    );
    let out = p.ok(&["seed", "--truncate", "--count", "1", "--yes"]);
    assert!(out.contains("emptied first: users, posts"), "{out}");
    let out = p.ok(&["raw", "SELECT count(*) AS n FROM posts"]);
    assert!(out.contains(" 1 "), "{out}");
}

#[test]
fn bad_seed_requests_say_what_to_do() {
    let p = project();
    let r = p.run(&["seed", "users:many"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("`many` is not a row count"),
        "{}",
        r.stderr
    );
    let r = p.run(&["seed", "nope:3"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("no table `nope`"), "{}", r.stderr);
    assert!(r.stderr.contains("TABLE:N"), "{}", r.stderr);
    let r = p.run(&["seed", "posts:3", "--exclude", "users"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("excluded and empty"), "{}", r.stderr);
    let out = p.ok(&["raw", "SELECT count(*) AS n FROM posts"]);
    assert!(out.contains('0'), "{out}");
}
