//! Helpers of the data tests: the databases there are, SQL to run, a project, a fresh empty
//! database, the `data` text of a JSON export.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use flash_migrate::Project;
use flash_schema::Provider;
use flash_testkit::TestDb;
use std::path::Path;

/// SQLite always; PostgreSQL and MySQL when their URLs are set (required with CI=true).
pub async fn databases() -> Vec<(Provider, TestDb)> {
    let mut out = vec![(Provider::Sqlite, TestDb::sqlite())];
    if let Some(db) = TestDb::postgres().await {
        out.push((Provider::Postgresql, db));
    }
    if let Some(db) = TestDb::mysql().await {
        out.push((Provider::Mysql, db));
    }
    out
}

pub async fn run_sql(provider: Provider, url: &str, sql: &str) {
    let mut d = flash_migrate::connect(provider, url).await.unwrap();
    for st in flash_sql::split_statements(sql, provider).unwrap() {
        d.query(&st.sql)
            .await
            .unwrap_or_else(|e| panic!("{provider}: {}: {e}", st.sql));
    }
}

pub fn project(provider: Provider, root: &Path) -> Project {
    Project {
        provider,
        schema_dir: root.join("schema"),
        migrations_dir: root.join("migrations"),
        schemas: Vec::new(),
    }
}

/// The `data` object of an export, as written (everything between `"data"` and `"schema"`).
pub fn data_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("\"data\": {").unwrap();
    let end = text.find("\"schema\": ").unwrap_or(text.len());
    text[start..end].to_string()
}

/// A new empty database of the kind.
pub async fn empty_db(provider: Provider) -> TestDb {
    let db = match provider {
        Provider::Postgresql => TestDb::postgres().await.unwrap(),
        Provider::Mysql => TestDb::mysql().await.unwrap(),
        _ => TestDb::sqlite(),
    };
    if provider == Provider::Sqlite {
        // Opening creates the file.
        run_sql(provider, &db.url, "SELECT 1").await;
    }
    db
}
