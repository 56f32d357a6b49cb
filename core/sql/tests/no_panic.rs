//! Truncated and mangled schema files never make the parser panic.

#![allow(clippy::unwrap_used)]

use flash_schema::Provider;
use flash_sql::{parse_schema, split_statements, SourceFile};
use std::fs;

#[test]
fn every_prefix_of_every_case_parses_without_panicking() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/parse");
    let step: usize = std::env::var("FLASH_PREFIX_STEP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(37);
    for case in fs::read_dir(root).unwrap() {
        let case = case.unwrap().path();
        for file in fs::read_dir(&case).unwrap() {
            let path = file.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("sql") {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let cuts: Vec<usize> = (0..text.len())
                .step_by(step)
                .filter(|i| text.is_char_boundary(*i))
                .collect();
            for cut in cuts {
                let prefix = &text[..cut];
                for provider in [Provider::Postgresql, Provider::Mysql, Provider::Sqlite] {
                    let _ = split_statements(prefix, provider);
                    let _ = parse_schema(&[SourceFile::new("x.sql", prefix)], provider);
                }
            }
        }
    }
}

/// Every prefix of every analysed query file, analysed against its schema: errors, never a
/// panic (a cut query is a common state of a file being edited).
#[test]
fn every_prefix_of_every_query_analyses_without_panicking() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/analyze");
    for (dir, provider) in [
        ("postgresql", Provider::Postgresql),
        ("mysql", Provider::Mysql),
        ("sqlite", Provider::Sqlite),
    ] {
        let base = std::path::Path::new(root).join(dir);
        let schema_text = fs::read_to_string(base.join("schema.sql")).unwrap();
        let schema = parse_schema(&[SourceFile::new("schema.sql", schema_text)], provider)
            .unwrap()
            .schema;
        let text = fs::read_to_string(base.join("queries.sql")).unwrap();
        let cuts: Vec<usize> = (0..text.len())
            .step_by(7)
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        for cut in cuts {
            let file = SourceFile::new("q.sql", &text[..cut]);
            if let Ok(queries) = flash_sql::parse_queries(&file, provider) {
                for q in &queries {
                    let _ = flash_sql::analyze::analyze_query(q, &schema, provider);
                }
            }
        }
    }
}
