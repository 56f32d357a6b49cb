//! What the database tests of flash-migrate share: a fresh pair of databases per provider, a
//! project in a folder, and running SQL text statement by statement.
#![allow(dead_code, clippy::unwrap_used)]

use flash_migrate::Project;
use flash_schema::Provider;
use flash_testkit::TestDb;
use std::path::Path;

/// Two fresh databases on each provider (SQLite always; PostgreSQL and MySQL when their URLs
/// are set, and always under `CI=true`).
pub async fn databases() -> Vec<(Provider, TestDb, TestDb)> {
    let mut out = vec![(Provider::Sqlite, TestDb::sqlite(), TestDb::sqlite())];
    if let (Some(a), Some(b)) = (TestDb::postgres().await, TestDb::postgres().await) {
        out.push((Provider::Postgresql, a, b));
    }
    if let (Some(a), Some(b)) = (TestDb::mysql().await, TestDb::mysql().await) {
        out.push((Provider::Mysql, a, b));
    }
    out
}

/// Runs `sql` one statement at a time (MySQL triggers and PostgreSQL functions hold `;`).
pub async fn run_sql(provider: Provider, url: &str, sql: &str) {
    let mut d = flash_migrate::connect(provider, url).await.unwrap();
    for st in flash_sql::split_statements(sql, provider).unwrap() {
        d.query(&st.sql)
            .await
            .unwrap_or_else(|e| panic!("{provider}: {}: {e}", st.sql));
    }
}

/// A project whose schema and migrations live in `root/schema` and `root/migrations`.
pub fn project(provider: Provider, root: &Path) -> Project {
    Project {
        provider,
        schema_dir: root.join("schema"),
        migrations_dir: root.join("migrations"),
    }
}
