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
