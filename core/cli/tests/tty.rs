//! Questions on a terminal: run `flash` under a pseudo-terminal (util-linux `script`) and
//! answer its prompts.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;
use common::Project;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What [`on_tty`] saw: the exit code, the terminal's output, and the time from the typed
/// input to the exit.
struct TtyRun {
    code: i32,
    out: String,
    after_input: Duration,
}

/// Runs `flash args` in `p` on a pseudo-terminal and types `input` once flash asks its question
/// (`[y/N]` on the terminal), so a slow start on a loaded machine cannot race the answer.
fn on_tty(p: &Project, args: &str, input: &str) -> TtyRun {
    let cmd = format!("{} {args}", common::flash_bin().display());
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::<u8>::new()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = {
        let seen = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let asked = Instant::now();
    while !String::from_utf8_lossy(&seen.lock().unwrap()).contains("[y/N]") {
        assert!(
            child.try_wait().unwrap().is_none(),
            "flash {args} ended without asking: {}",
            String::from_utf8_lossy(&seen.lock().unwrap())
        );
        assert!(
            asked.elapsed() < Duration::from_secs(60),
            "flash {args} did not ask within 60 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let typed = Instant::now();
    // Written and closed, as a user types the answer and nothing more.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let status = child.wait().unwrap();
    let after_input = typed.elapsed();
    reader.join().unwrap();
    let out = String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    TtyRun {
        code: status.code().unwrap_or(-1),
        out,
        after_input,
    }
}

fn destructive_project() -> Project {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema(
        "CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE b (id INTEGER PRIMARY KEY);\n",
    );
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    p.schema("CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
    p.ok(&["migrate", "drop b"]);
    p
}

#[test]
fn apply_asks_before_a_destructive_migration_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: util-linux `script` is not installed");
        return;
    }
    let p = destructive_project();
    let TtyRun { code, out, .. } = on_tty(&p, "apply", "n\n");
    assert!(out.contains("may lose data"), "{out}");
    assert_ne!(code, 0, "answering no cancels: {out}");
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
    assert_eq!(v["pending"], 1);

    let TtyRun { code, out, .. } = on_tty(&p, "apply", "y\n");
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
    assert_eq!(v["pending"], 0);
}

#[test]
fn migrate_asks_about_a_likely_rename_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: util-linux `script` is not installed");
        return;
    }
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema("CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  mail TEXT\n);\n");
    p.ok(&["migrate", "init"]);
    p.schema("CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT\n);\n");
    let TtyRun { code, out, .. } = on_tty(&p, "migrate rename", "y\n");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("renamed to email"), "{out}");
    let text = std::fs::read_to_string(p.migrations().last().unwrap()).unwrap();
    assert!(text.contains("RENAME COLUMN"), "{text}");
}

#[test]
fn ctrl_c_at_a_question_stops_at_once() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: util-linux `script` is not installed");
        return;
    }
    let p = destructive_project();
    // ^C on the terminal: SIGINT to flash while it waits for the answer.
    let TtyRun {
        code,
        out,
        after_input,
    } = on_tty(&p, "apply", "\x03");
    assert_eq!(code, 130, "{out}");
    assert!(out.contains("interrupted"), "{out}");
    assert!(after_input < Duration::from_secs(5), "{after_input:?}");
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
    assert_eq!(v["pending"], 1);
}

#[test]
fn seed_truncate_asks_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: util-linux `script` is not installed");
        return;
    }
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema("CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    p.ok(&["seed", "a:3", "--seed", "1"]);
    let TtyRun { code, out, .. } = on_tty(&p, "seed a:2 --truncate", "n\n");
    assert!(out.contains("deletes every row of a"), "{out}");
    assert_ne!(code, 0, "answering no cancels: {out}");
    assert!(p
        .ok(&["raw", "SELECT count(*) AS n FROM a"])
        .contains(" 3 "));
    let TtyRun { code, out, .. } = on_tty(&p, "seed a:2 --truncate", "y\n");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("emptied first: a"), "{out}");
    assert!(p
        .ok(&["raw", "SELECT count(*) AS n FROM a"])
        .contains(" 2 "));
}
