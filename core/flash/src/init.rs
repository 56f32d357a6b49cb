//! `flash init`: a new project.

use crate::error::Error;
use flash_schema::Provider;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What [`init`] created.
#[derive(Debug, Clone, Serialize)]
pub struct InitReport {
    pub provider: Provider,
    pub created: Vec<PathBuf>,
    /// Files that existed already and were left alone.
    pub kept: Vec<PathBuf>,
    /// The project languages found (`go`, `js`, `python`), whose `[gen.*]` sections were
    /// enabled in a new flash.toml, each with the file that told.
    pub languages: Vec<DetectedLanguage>,
}

/// A language of the project, found by its manifest file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DetectedLanguage {
    /// The `[gen.*]` section: `go`, `js` or `python`.
    pub gen: &'static str,
    /// The file that shows it: `go.mod`, `package.json`, `pyproject.toml`, ...
    pub file: &'static str,
}

/// The languages whose manifest is in `dir`: Go (go.mod), JavaScript/TypeScript
/// (package.json), Python (pyproject.toml, requirements.txt, setup.py, Pipfile).
pub fn detect_languages(dir: &Path) -> Vec<DetectedLanguage> {
    const MANIFESTS: [(&str, &[&str]); 3] = [
        ("go", &["go.mod"]),
        ("js", &["package.json"]),
        (
            "python",
            &["pyproject.toml", "requirements.txt", "setup.py", "Pipfile"],
        ),
    ];
    MANIFESTS
        .iter()
        .filter_map(|(gen, files)| {
            files
                .iter()
                .find(|f| dir.join(f).is_file())
                .map(|file| DetectedLanguage { gen, file })
        })
        .collect()
}

fn default_url(provider: Provider) -> &'static str {
    match provider {
        Provider::Postgresql => "postgres://postgres:postgres@localhost:5432/app?sslmode=disable",
        Provider::Mysql => "mysql://root:password@localhost:3306/app",
        Provider::Sqlite => "sqlite://./dev.db",
        Provider::Mongodb => "mongodb://localhost:27017/app",
    }
}

fn example_schema(provider: Provider) -> &'static str {
    match provider {
        Provider::Postgresql => "-- Your schema: plain CREATE statements. `flash migrate \"name\"` turns changes into migrations.\n\nCREATE TABLE users (\n  id BIGSERIAL PRIMARY KEY,\n  email VARCHAR(255) NOT NULL UNIQUE,\n  name TEXT NOT NULL,\n  created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n",
        Provider::Mysql => "-- Your schema: plain CREATE statements. `flash migrate \"name\"` turns changes into migrations.\n\nCREATE TABLE users (\n  id BIGINT AUTO_INCREMENT PRIMARY KEY,\n  email VARCHAR(255) NOT NULL UNIQUE,\n  name VARCHAR(255) NOT NULL,\n  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\n",
        _ => "-- Your schema: plain CREATE statements. `flash migrate \"name\"` turns changes into migrations.\n\nCREATE TABLE users (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  email TEXT NOT NULL UNIQUE,\n  name TEXT NOT NULL,\n  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\n",
    }
}

/// Creates `flash.toml`, `db/schema/schema.sql`, `db/queries/`, `db/migrations/` and `.env` in
/// `dir`. Existing files are kept, never overwritten.
pub fn init(dir: &Path, provider: Provider) -> Result<InitReport, Error> {
    let languages = detect_languages(dir);
    let enabled = |gen: &str| languages.iter().any(|l| l.gen == gen);
    let mut report = InitReport {
        provider,
        created: Vec::new(),
        kept: Vec::new(),
        languages: languages.clone(),
    };
    let toml = format!(
        "version = \"2\"\nschema_dir = \"db/schema\"\nqueries = \"db/queries/\"\nmigrations_path = \"db/migrations\"\nexport_path = \"db/export\"\n\n[database]\nprovider = \"{}\"\nurl_env = \"DATABASE_URL\"\n\n[gen.go]\nenabled = {}\n\n[gen.js]\nenabled = {}\n\n[gen.python]\nenabled = {}\n",
        provider.as_str(),
        enabled("go"),
        enabled("js"),
        enabled("python"),
    );
    let files: [(PathBuf, String); 4] = [
        (dir.join("flash.toml"), toml),
        (dir.join(".env"), format!("DATABASE_URL={}\n", default_url(provider))),
        (dir.join("db/schema/schema.sql"), example_schema(provider).to_string()),
        (
            dir.join("db/queries/users.sql"),
            format!(
                "-- Queries for `flash gen`: each becomes a typed function.\n\n-- name: GetUser :one\nSELECT * FROM users WHERE id = {};\n\n-- name: ListUsers :many\nSELECT * FROM users ORDER BY id;\n",
                // MySQL's placeholder is `?`; PostgreSQL and SQLite read `$1`.
                if provider == Provider::Mysql { "?" } else { "$1" }
            ),
        ),
    ];
    let io = |path: &Path, e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    for (path, text) in files {
        if path.exists() {
            report.kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
        report.created.push(path);
    }
    let migrations = dir.join("db/migrations");
    if !migrations.exists() {
        std::fs::create_dir_all(&migrations).map_err(|e| io(&migrations, e))?;
        report.created.push(migrations);
    }
    if report.kept.iter().any(|p| p.ends_with("flash.toml")) {
        // An existing flash.toml is left alone: nothing was enabled.
        report.languages.clear();
    }
    Ok(report)
}
