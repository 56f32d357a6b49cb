//! The shared corpora of `tests/codegen/<provider>/` (flash projects with >= 120 realistic
//! queries each), analysed exactly as `flash gen` does.

#![allow(dead_code)]

use flash_codegen::ir::AnalyzedFile;
use flash_codegen::GenRequest;
use flash_schema::Provider;
use flash_sql::SourceFile;
use std::path::{Path, PathBuf};

/// The corpora: folder name and provider.
pub const CORPORA: [(&str, Provider); 3] = [
    ("postgresql", Provider::Postgresql),
    ("mysql", Provider::Mysql),
    ("sqlite", Provider::Sqlite),
];

/// `tests/codegen/<name>` of the repository.
pub fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/codegen")
        .join(name)
}

/// The `.sql` files under `dir`, with paths relative to it (`/` separators), sorted.
pub fn sql_files(dir: &Path) -> Vec<SourceFile> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<SourceFile>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "sql") {
                let rel = path
                    .strip_prefix(root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let text = std::fs::read_to_string(&path).expect("read a corpus file");
                out.push(SourceFile::new(rel, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The request `flash gen` builds for a corpus folder. Every query must analyse: the corpus is
/// what the analysis is held to.
pub fn corpus_request(provider: Provider, dir: &Path) -> GenRequest {
    let schema = flash_sql::parse_schema(&sql_files(&dir.join("db/schema")), provider)
        .unwrap_or_else(|e| panic!("{}: schema: {e:?}", dir.display()))
        .schema;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for file in sql_files(&dir.join("db/queries")) {
        let mut queries = Vec::new();
        let parsed = flash_sql::parse_queries(&file, provider)
            .unwrap_or_else(|e| panic!("{}: {e:?}", file.path));
        for q in parsed {
            match flash_sql::analyze::analyze_query(&q, &schema, provider) {
                Ok(a) => queries.push(a),
                Err(e) => errors.extend(e.into_iter().map(|e| e.to_string())),
            }
        }
        files.push(AnalyzedFile {
            path: file.path.clone(),
            queries,
        });
    }
    assert!(
        errors.is_empty(),
        "{}:\n{}",
        dir.display(),
        errors.join("\n")
    );
    let views: Vec<_> = schema
        .views
        .iter()
        .map(|v| {
            let cols = flash_sql::analyze::analyze_view(v, &schema, provider)
                .unwrap_or_else(|e| panic!("view {}: {e:?}", v.name));
            (v.name.clone(), cols)
        })
        .collect();
    GenRequest::new(provider, &schema, &views, files)
}
