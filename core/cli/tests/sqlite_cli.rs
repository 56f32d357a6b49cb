//! End-to-end tests of the `flash` command on SQLite.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;
use common::Project;

fn sqlite_project() -> Project {
    Project::new("sqlite", "sqlite://./dev.db")
}

const V1: &str = "CREATE TABLE users (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  email TEXT NOT NULL UNIQUE,\n  name TEXT NOT NULL\n);\n\nCREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n  title TEXT NOT NULL\n);\nCREATE INDEX posts_user_id_idx ON posts (user_id);\n";

#[test]
fn init_creates_a_sqlite_project() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(common::flash_bin())
        .arg("init")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let toml = std::fs::read_to_string(dir.path().join("flash.toml")).unwrap();
    assert!(toml.contains("provider = \"sqlite\""));
    assert!(dir.path().join("db/schema/schema.sql").is_file());
    assert!(dir.path().join("db/queries").is_dir());
    assert!(dir.path().join("db/migrations").is_dir());
    let env = std::fs::read_to_string(dir.path().join(".env")).unwrap();
    assert!(env.contains("DATABASE_URL=sqlite://./dev.db"));
}

#[test]
fn migrate_apply_status_down_round_trip() {
    let p = sqlite_project();
    p.schema(V1);
    let out = p.ok(&["migrate", "init"]);
    assert!(out.contains("+ table users"), "{out}");
    let files = p.migrations();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        text.contains("-- +migrate Up") && text.contains("-- +migrate Down"),
        "{text}"
    );
    assert!(p
        .path()
        .join("db/migrations/.flash/schema_snapshot.json")
        .is_file());

    // Nothing changed: nothing written.
    let out = p.ok(&["migrate", "again"]);
    assert!(out.contains("No schema changes"), "{out}");
    assert_eq!(p.migrations().len(), 1);
    assert_eq!(p.run(&["migrate", "--check"]).code, 0);

    p.ok(&["apply"]);
    let status = p.ok(&["status", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(v["applied"], 1);
    assert_eq!(v["pending"], 0);
    assert_eq!(v["migrations"][0]["state"], "applied");

    // The tables exist.
    let raw = p.ok(&[
        "raw",
        "--json",
        "INSERT INTO users (email, name) VALUES ('a@x', 'A'); SELECT email FROM users",
    ]);
    assert!(raw.contains("a@x"), "{raw}");

    // A change that --check notices.
    p.schema(&format!("{V1}\nALTER TABLE users ADD COLUMN bio TEXT;\n"));
    let r = p.run(&["migrate", "--check"]);
    assert_eq!(r.code, 3, "{}", r.all());
    assert!(r.stdout.contains("+ column users.bio"), "{}", r.stdout);
    p.ok(&["migrate", "add bio"]);
    assert_eq!(p.run(&["status", "--check"]).code, 3);
    p.ok(&["apply"]);
    assert_eq!(p.run(&["status", "--check"]).code, 0);

    // Down needs confirmation without a terminal.
    let r = p.run(&["down"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    p.ok(&["down", "--yes"]);
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
    assert_eq!(v["applied"], 1);
    assert_eq!(v["pending"], 1);
    // Data survived the round trip.
    let raw = p.ok(&["raw", "--json", "SELECT email FROM users"]);
    assert!(raw.contains("a@x"), "{raw}");
    p.ok(&["apply"]);
}

#[test]
fn tampered_migration_is_refused_then_accepted() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    let f = &p.migrations()[0];
    let text = std::fs::read_to_string(f).unwrap();
    std::fs::write(f, format!("{text}\n-- an edit\n")).unwrap();
    p.schema(&format!(
        "{V1}\nCREATE TABLE tags (id INTEGER PRIMARY KEY);\n"
    ));
    p.ok(&["migrate", "tags"]);
    let r = p.run(&["apply"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("was changed after it was applied"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("flash accept"), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
    assert_eq!(v["migrations"][0]["state"], "modified");
    assert_eq!(v["migrations"][1]["state"], "pending");
    // Line endings alone are not an edit.
    std::fs::write(f, format!("{text}\n-- an edit\n").replace('\n', "\r\n")).unwrap();
    assert_eq!(p.run(&["apply"]).code, 1);
    p.ok(&["accept", "--all"]);
    p.ok(&["apply"]);
    // A missing file is refused too.
    std::fs::remove_file(f).unwrap();
    let r = p.run(&["status", "--json"]);
    assert!(r.stdout.contains("\"missing\""), "{}", r.all());
    p.schema(&format!("{V1}\nCREATE TABLE tags (id INTEGER PRIMARY KEY);\nCREATE TABLE more (id INTEGER PRIMARY KEY);\n"));
    p.ok(&["migrate", "more"]);
    let r = p.run(&["apply"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("has no file"), "{}", r.stderr);
}

#[test]
fn destructive_migration_needs_yes_without_a_terminal() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    p.schema("CREATE TABLE users (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  email TEXT NOT NULL UNIQUE,\n  name TEXT NOT NULL\n);\n");
    let r = p.run(&["migrate", "drop posts"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.all().contains("DESTRUCTIVE"), "{}", r.all());
    let text = std::fs::read_to_string(p.migrations().last().unwrap()).unwrap();
    assert!(text.contains("-- flash:destructive"), "{text}");
    let r = p.run(&["apply"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    p.ok(&["apply", "--yes"]);
}

#[test]
fn unconfirmed_rename_stops_and_flags_confirm_it() {
    let p = sqlite_project();
    p.schema("CREATE TABLE users (id INTEGER PRIMARY KEY, mail TEXT);\n");
    p.ok(&["migrate", "init"]);
    p.schema("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
    let r = p.run(&["migrate", "rename"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.stderr.contains("--rename users.mail=email"),
        "{}",
        r.stderr
    );
    assert_eq!(p.migrations().len(), 1, "nothing written");
    let out = p.ok(&["migrate", "rename", "--rename", "users.mail=email"]);
    assert!(out.contains("~ column users.mail -> email"), "{out}");
    // Declared in the schema file instead.
    p.schema("CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  address TEXT -- flash:renamed_from email\n);\n");
    let out = p.ok(&["migrate", "rename again"]);
    assert!(out.contains("~ column users.email -> address"), "{out}");
}

#[test]
fn broken_schema_reports_every_error_with_positions() {
    let p = sqlite_project();
    p.schema("CREATE TABLE a (\n  id INTEGER PRIMARY KEY,\n  id TEXT\n);\n\nCREATE TABLE b (\n  a_id INTEGER REFERENCES missing(id)\n);\n\nCREATE TABLE c (id INTEGER PRIMARY KEY,, x);\n");
    let r = p.run(&["migrate", "init"]);
    assert_eq!(r.code, 1);
    let err = p.filter(&r.stderr);
    assert!(err.contains("db/schema/schema.sql:3:"), "{err}");
    assert!(err.contains("db/schema/schema.sql:7:"), "{err}");
    assert!(err.contains("db/schema/schema.sql:10:"), "{err}");
    assert!(err.contains("3 error(s)"), "{err}");
    assert!(p.migrations().is_empty(), "nothing written");
}

#[test]
fn failed_migration_leaves_sqlite_untouched() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    p.write(
        "db/migrations/29990101000000_bad.sql",
        "-- +migrate Up\nCREATE TABLE good (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n-- +migrate Down\nDROP TABLE good;\n",
    );
    let r = p.run(&["apply"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("statement 2"), "{}", r.stderr);
    assert!(
        r.stderr.contains("29990101000000_bad.sql:3"),
        "{}",
        r.stderr
    );
    let raw = p.ok(&[
        "raw",
        "--json",
        "SELECT name FROM sqlite_master WHERE name = 'good'",
    ]);
    assert!(
        !raw.contains("good"),
        "the failed migration must leave nothing: {raw}"
    );
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
    assert_eq!(v["pending"], 1);
}

#[test]
fn config_errors_and_warnings() {
    let p = sqlite_project();
    p.write(
        "flash.toml",
        "[database]\nprovider = \"sqlite\"\n[gen.kotlin]\nenabled = true\n",
    );
    p.schema(V1);
    let r = p.run(&["migrate", "init"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        r.stderr.contains("warning:") && r.stderr.contains("gen.kotlin"),
        "{}",
        r.stderr
    );
    p.write("flash.toml", "[database]\nprovider = \"oracle\"\n");
    let r = p.run(&["status"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("`database.provider`"), "{}", r.stderr);
    let r = p.run(&["nonsense"]);
    assert_eq!(r.code, 2);
}

#[test]
fn multi_database_dblist_and_db_flag() {
    let p = sqlite_project();
    p.write(
        "flash.toml",
        "[[databases]]\nname = \"main\"\nprovider = \"sqlite\"\nurl_env = \"MAIN_URL\"\nschema_dir = \"db/main\"\nmigrations_path = \"db/main_migrations\"\n\n[[databases]]\nname = \"other\"\ndefault = true\nprovider = \"sqlite\"\nurl_env = \"OTHER_URL\"\nschema_dir = \"db/other\"\nmigrations_path = \"db/other_migrations\"\n",
    );
    p.write(
        ".env",
        "MAIN_URL=sqlite://./main.db\nOTHER_URL=sqlite://./other.db\n",
    );
    p.write(
        "db/main/s.sql",
        "CREATE TABLE m (id INTEGER PRIMARY KEY);\n",
    );
    p.write(
        "db/other/s.sql",
        "CREATE TABLE o (id INTEGER PRIMARY KEY);\n",
    );
    let list = p.ok(&["dblist", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(v[1]["default"], true);
    p.ok(&["migrate", "init", "--db", "main"]);
    p.ok(&["apply", "--db", "main"]);
    assert!(p.path().join("main.db").is_file());
    assert!(!p.path().join("other.db").exists());
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    assert!(p.path().join("other.db").is_file());
    let r = p.run(&["status", "--db", "nope"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no database named `nope`"),
        "{}",
        r.stderr
    );
}

#[test]
fn version_is_fast_and_plain() {
    let out = std::process::Command::new(common::flash_bin())
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("flash "));
}

#[test]
fn reset_needs_force_without_a_terminal_and_drops_everything() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    let r = p.run(&["reset"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    let out = p.ok(&["reset", "--force", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["dropped"].as_array().unwrap().len() >= 3, "{out}");
    let raw = p.ok(&[
        "raw",
        "--json",
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    ]);
    assert!(raw.contains("\"0\""), "{raw}");
    let v: serde_json::Value = serde_json::from_str(&p.ok(&["status", "--json"])).unwrap();
    assert_eq!(v["pending"], 1);
    p.ok(&["apply"]);
}

#[test]
fn raw_runs_text_and_files_and_prints_tables() {
    let p = sqlite_project();
    p.write("q.sql", "CREATE TABLE IF NOT EXISTS t (a INTEGER, b TEXT);\nDELETE FROM t;\nINSERT INTO t VALUES (1, 'x'), (2, NULL);\nSELECT a, b FROM t ORDER BY a;\n");
    let out = p.ok(&["raw", "--file", "q.sql"]);
    assert!(out.contains("2 row(s) affected"), "{out}");
    assert!(
        out.contains("│ a ┆ b    │") || out.contains("a ┆ b"),
        "{out}"
    );
    assert!(out.contains("NULL"), "{out}");
    assert!(out.contains("(2 rows)"), "{out}");
    // A path ending in .sql works as the argument too.
    let out = p.ok(&["raw", "q.sql"]);
    assert!(out.contains("(2 rows)"), "{out}");
    let r = p.run(&["raw", "SELECT * FROM nowhere"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no such table"), "{}", r.stderr);
}

#[test]
fn init_for_each_provider() {
    for (flag, provider, url) in [
        ("--postgresql", "postgresql", "postgres://"),
        ("--mysql", "mysql", "mysql://"),
        ("--sqlite", "sqlite", "sqlite://"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(common::flash_bin())
            .args(["init", flag])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        let toml = std::fs::read_to_string(dir.path().join("flash.toml")).unwrap();
        assert!(
            toml.contains(&format!("provider = \"{provider}\"")),
            "{toml}"
        );
        let env = std::fs::read_to_string(dir.path().join(".env")).unwrap();
        assert!(env.contains(url), "{env}");
        // A second init keeps what is there.
        std::fs::write(dir.path().join("db/schema/schema.sql"), "-- mine\n").unwrap();
        let out = std::process::Command::new(common::flash_bin())
            .args(["init", flag])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("db/schema/schema.sql")).unwrap(),
            "-- mine\n"
        );
    }
}

#[test]
fn statements_outside_the_model_are_warnings_with_positions() {
    let p = sqlite_project();
    p.schema("CREATE TABLE a (id INTEGER PRIMARY KEY);\n\nINSERT INTO a VALUES (1);\n");
    let r = p.run(&["migrate", "init"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stderr.contains("warning:"), "{}", r.stderr);
    assert!(
        r.stderr.contains("--> db/schema/schema.sql:3:"),
        "{}",
        r.stderr
    );
}

#[test]
fn empty_migration_template() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "--empty", "backfill"]);
    let text = std::fs::read_to_string(&p.migrations()[0]).unwrap();
    assert!(
        text.contains("-- +migrate Up") && text.contains("-- +migrate Down"),
        "{text}"
    );
    assert!(!p
        .path()
        .join("db/migrations/.flash/schema_snapshot.json")
        .exists());
    // The template applies (it holds only comments).
    p.ok(&["apply"]);
}

#[test]
fn a_snapshot_ahead_of_the_files_is_an_error() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    p.schema(&format!(
        "{V1}\nCREATE TABLE tags (id INTEGER PRIMARY KEY);\n"
    ));
    p.ok(&["migrate", "tags"]);
    // The user deletes the migration they did not like; the snapshot still has `tags`.
    std::fs::remove_file(p.migrations().last().unwrap()).unwrap();
    let r = p.run(&["migrate", "--check"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("whose file is gone"), "{}", r.stderr);
}

#[test]
fn without_a_snapshot_pending_migrations_block_the_baseline() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    std::fs::remove_file(p.path().join("db/migrations/.flash/schema_snapshot.json")).unwrap();
    let r = p.run(&["migrate", "next"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("not applied"), "{}", r.stderr);
    p.ok(&["apply"]);
    // Applied: the database is the baseline now.
    let out = p.ok(&["migrate", "next"]);
    assert!(out.contains("No schema changes"), "{out}");
}

#[test]
fn rename_flags_that_match_nothing_are_errors_and_check_reports_candidates() {
    let p = sqlite_project();
    p.schema("CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  mail TEXT\n);\n");
    p.ok(&["migrate", "init"]);
    p.schema("CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT\n);\n");
    let r = p.run(&["migrate", "x", "--rename", "users.mial=email"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("matches no rename"), "{}", r.stderr);
    let r = p.run(&["migrate", "--check"]);
    assert_eq!(r.code, 3, "{}", r.all());
    assert_eq!(p.migrations().len(), 1);
}

#[test]
fn json_errors_are_one_document_on_stdout() {
    let p = sqlite_project();
    p.schema("CREATE TABLE a (\n  id INTEGER PRIMARY KEY,\n  id TEXT\n);\n");
    let r = p.run(&["migrate", "init", "--json"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v["error"]["details"][0]
            .as_str()
            .unwrap()
            .contains("schema.sql:3:"),
        "{v}"
    );
}

#[test]
fn hand_written_destructive_migrations_need_confirmation() {
    let p = sqlite_project();
    p.write(
        "db/migrations/20240101000000_init.sql",
        "-- +migrate Up\nCREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT);\n-- +migrate Down\nDROP TABLE a;\n",
    );
    p.ok(&["apply"]);
    p.write(
        "db/migrations/20240102000000_cleanup.sql",
        "--  +migrate up\nALTER TABLE a DROP COLUMN note;\n--+migrate down\nALTER TABLE a ADD COLUMN note TEXT;\n",
    );
    let r = p.run(&["apply"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("drops column a.note"), "{}", r.stderr);
    p.ok(&["apply", "--yes"]);
    // Loose markers were still markers: the Down statement did not run as part of Up.
    let raw = p.ok(&["raw", "--json", "SELECT name FROM pragma_table_info('a')"]);
    assert!(!raw.contains("note"), "{raw}");
    p.ok(&["down", "--yes"]);
    let raw = p.ok(&["raw", "--json", "SELECT name FROM pragma_table_info('a')"]);
    assert!(raw.contains("note"), "{raw}");
}

#[test]
fn missing_env_file_and_ambiguous_ids_are_errors() {
    let p = sqlite_project();
    p.schema(V1);
    let r = p.run(&["status", "--env", "prod"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(".env.prod"), "{}", r.stderr);
    p.ok(&["migrate", "one"]);
    p.schema(&format!(
        "{V1}\nCREATE TABLE t2 (id INTEGER PRIMARY KEY);\n"
    ));
    p.ok(&["migrate", "two"]);
    p.schema(&format!("{V1}\nCREATE TABLE t2 (id INTEGER PRIMARY KEY);\nCREATE TABLE t3 (id INTEGER PRIMARY KEY);\n"));
    p.ok(&["migrate", "three"]);
    p.ok(&["apply"]);
    let r = p.run(&["down", "--yes", "--to", "2"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.stderr.contains("matches several migrations"),
        "{}",
        r.stderr
    );
    let first = p.migrations()[0]
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let out = p.ok(&["down", "--yes", "--to", &first]);
    assert_eq!(out.matches("reverted").count(), 2, "{out}");
}

#[test]
fn orphans_the_database_already_had_do_not_fail_a_migration() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    // SQLite does not enforce foreign keys unless asked: old databases hold orphans.
    p.ok(&["raw", "PRAGMA foreign_keys = OFF; INSERT INTO posts (id, user_id, title) VALUES (1, 999, 'orphan')"]);
    p.schema(&format!(
        "{V1}\nCREATE INDEX posts_title_idx ON posts (title);\n"
    ));
    p.ok(&["migrate", "index"]);
    p.ok(&["apply"]);
    // A migration that makes a new orphan still fails, and leaves nothing behind.
    p.write(
        "db/migrations/29990101000000_orphan.sql",
        "-- +migrate Up\nINSERT INTO posts (id, user_id, title) VALUES (2, 998, 'new orphan');\n-- +migrate Down\nDELETE FROM posts WHERE id = 2;\n",
    );
    let r = p.run(&["apply"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.stderr.contains("foreign key check failed"),
        "{}",
        r.stderr
    );
    let raw = p.ok(&["raw", "--json", "SELECT count(*) AS n FROM posts"]);
    assert!(raw.contains("\"1\""), "{raw}");
}

/// `--lock-timeout` gives up on a lock another process holds; without it apply would wait.
#[test]
fn apply_lock_timeout() {
    let p = Project::new("sqlite", "sqlite://./dev.db");
    p.schema("CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
    p.ok(&["migrate", "one"]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url = format!("sqlite://{}/dev.db", p.path().display());
    let mut holder = rt
        .block_on(flash::migrate::connect(flash::Provider::Sqlite, &url))
        .unwrap();
    rt.block_on(holder.lock()).unwrap();
    let r = p.run(&["apply", "--lock-timeout", "0.2"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.stderr
            .contains("held the migration lock for longer than 0.2 s"),
        "{}",
        r.stderr
    );
    for bad in ["-1", "0", "1e20", "soon"] {
        let r = p.run(&["apply", "--lock-timeout", bad]);
        assert_eq!(r.code, 2, "{bad}: {}", r.all());
    }
    rt.block_on(holder.unlock()).unwrap();
    drop(holder);
    p.ok(&["apply", "--lock-timeout", "5"]);
}

#[test]
fn export_writes_json_csv_and_sqlite_into_export_path() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    p.ok(&["apply"]);
    p.ok(&[
        "raw",
        "INSERT INTO users (email, name) VALUES ('a@x', 'Ann'), ('b@x', ''); INSERT INTO posts VALUES (1, 1, 'Hi, \"there\"')",
    ]);
    // JSON by default (and with the Go tool's --json), into export_path; --json reports on
    // stdout.
    let out = p.ok(&["export", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["format"], "json");
    assert_eq!(report["rows"], 3);
    let path = std::path::PathBuf::from(report["path"].as_str().unwrap());
    assert!(path.starts_with(p.path().join("db/export")), "{path:?}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(doc["data"]["users"][1]["name"], "");
    assert_eq!(doc["data"]["posts"][0]["title"], "Hi, \"there\"");

    // The JSON export loads back: rows only into the existing tables, in one transaction.
    p.ok(&["raw", "DELETE FROM posts; DELETE FROM users"]);
    let out = p.ok(&["import", path.to_str().unwrap(), "--data-only"]);
    assert!(out.contains("Imported 3 row(s) into 2 table(s)"), "{out}");
    let r = p.run(&["import", path.to_str().unwrap(), "--data-only"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("nothing was imported"), "{}", r.stderr);

    let out = p.ok(&["export", "--csv", "--tables", "posts", "-o", "out-csv"]);
    assert!(out.contains("Exported 1 table(s), 1 row(s)"), "{out}");
    let csv = std::fs::read_to_string(p.path().join("out-csv/posts.csv")).unwrap();
    assert_eq!(csv, "id,user_id,title\n1,1,\"Hi, \"\"there\"\"\"\n");

    p.ok(&["export", "--sqlite", "--exclude", "posts", "-o", "out.db"]);
    assert!(p.path().join("out.db").is_file());

    // CSV folders and SQLite files load back too.
    p.ok(&["raw", "DELETE FROM posts"]);
    let out = p.ok(&["import", "out-csv", "--data-only"]);
    assert!(
        out.contains("Imported 1 row(s) into 1 table(s) from out-csv (csv)"),
        "{out}"
    );
    p.ok(&["raw", "DELETE FROM posts; DELETE FROM users"]);
    let out = p.ok(&["import", "out.db"]);
    assert!(out.contains("users: 2 row(s)"), "{out}");
    assert!(out.contains("(sqlite)"), "{out}");
    // A bad value names the file and line, and nothing goes in.
    p.ok(&["raw", "DELETE FROM users WHERE email = 'b@x'"]);
    std::fs::write(
        p.path().join("out-csv/posts.csv"),
        "id,user_id,title\n2,1,ok\n3,1,\"unclosed\n",
    )
    .unwrap();
    let r = p.run(&["import", "out-csv"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("posts.csv line 3"), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was imported"), "{}", r.stderr);
    let out = p.ok(&["raw", "SELECT count(*) AS n FROM posts"]);
    assert!(out.contains('0'), "{out}");

    let r = p.run(&["export", "--tables", "nope"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no table `nope`"), "{}", r.stderr);
    assert!(r.stderr.contains("users"), "{}", r.stderr);
}

/// The backups in db/export, by name.
fn backups(p: &Project) -> Vec<String> {
    let dir = p.path().join("db/export");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("backup_"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn destructive_commands_write_a_backup_first() {
    let p = sqlite_project();
    p.schema(V1);
    p.ok(&["migrate", "init"]);
    // Creating tables loses nothing: no backup.
    p.ok(&["apply"]);
    assert!(backups(&p).is_empty());
    p.ok(&[
        "raw",
        "INSERT INTO users (email, name) VALUES ('a@x', 'Ann')",
    ]);

    // A migration that drops a table: its apply writes a backup with the row first.
    p.schema("CREATE TABLE users (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  email TEXT NOT NULL UNIQUE,\n  name TEXT NOT NULL\n);\n");
    p.ok(&["migrate", "drop posts"]);
    let out = p.ok(&["apply", "--yes"]);
    assert!(
        out.contains("backup of the database written to db/export/backup_"),
        "{out}"
    );
    let b = backups(&p);
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(b[0].ends_with("_apply.json"), "{b:?}");
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(p.path().join("db/export").join(&b[0])).unwrap(),
    )
    .unwrap();
    assert_eq!(doc["data"]["users"][0]["email"], "a@x");
    assert!(doc["data"]["posts"].is_array());

    // Its Down creates the table again: nothing lost, no backup. The next Down drops tables.
    p.ok(&["down", "--yes"]);
    assert_eq!(backups(&p).len(), 1);
    let r: serde_json::Value = serde_json::from_str(&p.ok(&["down", "--yes", "--json"])).unwrap();
    assert!(r["backup"].as_str().unwrap().contains("_down.json"), "{r}");
    assert_eq!(backups(&p).len(), 2);

    // --no-backup writes none; reset writes one unless told not to.
    p.ok(&["apply", "--yes", "--no-backup"]);
    assert_eq!(backups(&p).len(), 2);
    let out = p.ok(&["reset", "--force"]);
    assert!(out.contains("_reset.json"), "{out}");
    assert_eq!(backups(&p).len(), 3);
    p.ok(&["apply", "--yes", "--no-backup"]);
    p.ok(&["reset", "--force", "--no-backup"]);
    assert_eq!(backups(&p).len(), 3);
}
