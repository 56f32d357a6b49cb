//! What the database tests of flash-migrate share: a fresh pair of databases per provider, a
//! project in a folder, and running SQL text statement by statement.
#![allow(dead_code, clippy::unwrap_used)]

use flash_diff::{diff, DiffOptions};
use flash_migrate::{
    apply, dialect, generate, ApplyOptions, GenerateOptions, GenerateOutcome, NoPrompt, Project,
};
use flash_schema::{Namespaces, Provider};
use flash_sql::{parse_schema, SourceFile};
use flash_testkit::TestDb;
use std::collections::BTreeMap;
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
        schemas: Vec::new(),
    }
}

/// `flash migrate NAME` with the database as the baseline when there is no snapshot.
pub async fn migrate(p: &Project, url: &str, name: &str) -> GenerateOutcome {
    let opts = GenerateOptions {
        name: name.into(),
        ..Default::default()
    };
    generate(p, Some(url), &opts, &NoPrompt)
        .await
        .unwrap_or_else(|e| panic!("{}: generate: {e}", p.provider))
}

/// `flash apply --yes`.
pub async fn apply_all(p: &Project, url: &str) {
    let opts = ApplyOptions {
        yes: true,
        lock_timeout: None,
    };
    apply(p, url, &opts, &NoPrompt, &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{}: apply: {e}", p.provider));
}

/// Every file below `dir`, by relative path.
pub fn files_of(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out
}

/// The schema files in `dir`, parsed and normalized, differ in nothing from the live database
/// (every schema of it, on PostgreSQL).
pub async fn assert_describes(provider: Provider, url: &str, dir: &Path) {
    let sources: Vec<SourceFile> = files_of(dir)
        .into_iter()
        .map(|(p, t)| SourceFile::new(p, t))
        .collect();
    let d = dialect(provider).unwrap();
    let mut parsed = parse_schema(&sources, provider)
        .unwrap_or_else(|e| panic!("{provider}: pulled files do not parse: {e:?}"))
        .schema;
    d.normalize(&mut parsed);
    if provider != Provider::Sqlite {
        // Inspection does not read raw objects (`CREATE SCHEMA`, functions) back there.
        parsed.raw.clear();
    }
    let mut driver = flash_migrate::connect(provider, url).await.unwrap();
    let live = driver.inspect_in(&Namespaces::all()).await.unwrap();
    let changes = diff(&parsed, &live, d.as_ref(), &DiffOptions::default()).changes;
    assert!(
        changes.is_empty(),
        "{provider}: pulled files differ from the database: {:#?}",
        changes.iter().map(|c| c.summary()).collect::<Vec<_>>()
    );
}
