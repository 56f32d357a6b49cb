//! A database made by hand (or by the Go tool) and no snapshot yet: `flash migrate` diffs the
//! schema files against the live database, so the first migration holds only the difference.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;
use common::Project;
use flash_testkit::TestDb;

fn baseline(provider: &str, url: &str, ddl: &str, schema: &str, changed: &str, expect: &str) {
    let p = Project::new(provider, url);
    p.ok(&["raw", ddl]);
    p.schema(schema);
    let out = p.ok(&["migrate", "adopt"]);
    assert!(
        out.contains("No schema changes"),
        "the live database should equal the schema files: {out}"
    );
    assert!(p.migrations().is_empty());
    p.schema(changed);
    let out = p.ok(&["migrate", "add column"]);
    assert!(out.contains(expect), "{out}");
    let text = std::fs::read_to_string(&p.migrations()[0]).unwrap();
    assert!(
        !text.contains("CREATE TABLE"),
        "only the difference: {text}"
    );
    p.ok(&["apply"]);
    // From now on the snapshot is the baseline.
    assert!(p
        .path()
        .join("db/migrations/.flash/schema_snapshot.json")
        .is_file());
    let out = p.ok(&["migrate", "nothing"]);
    assert!(out.contains("No schema changes"), "{out}");
}

const PG_SCHEMA: &str = "CREATE TYPE status AS ENUM ('draft', 'published');\nCREATE TABLE users (\n  id BIGSERIAL PRIMARY KEY,\n  email VARCHAR(255) NOT NULL UNIQUE,\n  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n  score NUMERIC(10,2) DEFAULT 0 CHECK (score >= 0)\n);\nCREATE TABLE posts (\n  id SERIAL PRIMARY KEY,\n  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n  status status NOT NULL DEFAULT 'draft',\n  title TEXT NOT NULL DEFAULT 'untitled',\n  tags TEXT[]\n);\nCREATE INDEX posts_user_idx ON posts (user_id) WHERE status = 'published';\nCREATE UNIQUE INDEX users_lower_email ON users (lower(email));\n";

#[tokio::test(flavor = "multi_thread")]
async fn postgres_without_snapshot_diffs_against_the_database() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let changed = PG_SCHEMA.replace("  tags TEXT[]\n", "  tags TEXT[],\n  body TEXT\n");
        baseline(
            "postgresql",
            &url,
            PG_SCHEMA,
            PG_SCHEMA,
            &changed,
            "+ column posts.body",
        );
    })
    .await
    .unwrap();
}

const MY_SCHEMA: &str = "CREATE TABLE users (\n  id BIGINT AUTO_INCREMENT PRIMARY KEY,\n  email VARCHAR(255) NOT NULL UNIQUE,\n  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  status ENUM('a','b') NOT NULL DEFAULT 'a',\n  score DECIMAL(10,2) DEFAULT 0\n);\nCREATE TABLE posts (\n  id INT AUTO_INCREMENT PRIMARY KEY,\n  user_id BIGINT NOT NULL,\n  title VARCHAR(100) NOT NULL DEFAULT 'untitled',\n  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE\n);\nCREATE INDEX posts_title_idx ON posts (title);\n";

#[tokio::test(flavor = "multi_thread")]
async fn mysql_without_snapshot_diffs_against_the_database() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || {
        let changed = MY_SCHEMA.replace(
            "  title VARCHAR(100) NOT NULL DEFAULT 'untitled',\n",
            "  title VARCHAR(100) NOT NULL DEFAULT 'untitled',\n  body TEXT,\n",
        );
        baseline(
            "mysql",
            &url,
            MY_SCHEMA,
            MY_SCHEMA,
            &changed,
            "+ column posts.body",
        );
    })
    .await
    .unwrap();
}

#[test]
fn sqlite_without_snapshot_diffs_against_the_database() {
    let db = TestDb::sqlite();
    let schema = "CREATE TABLE users (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  email TEXT NOT NULL UNIQUE,\n  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\nCREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n  title TEXT NOT NULL DEFAULT 'untitled'\n);\nCREATE INDEX posts_user_idx ON posts (user_id);\n";
    let changed = schema.replace(
        "  title TEXT NOT NULL DEFAULT 'untitled'\n",
        "  title TEXT NOT NULL DEFAULT 'untitled',\n  body TEXT\n",
    );
    baseline(
        "sqlite",
        &db.url,
        schema,
        schema,
        &changed,
        "+ column posts.body",
    );
}
