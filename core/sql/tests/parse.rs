//! Snapshot tests: every folder of `testdata/parse/` holds a `provider` file and one or more
//! `*.sql` schema files (parsed in name order). The snapshot shows the model, or the errors,
//! plus the warnings, the element locations and the `renamed_from` declarations (which the
//! model does not serialize).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use flash_schema::{Location, Provider, Schema};
use flash_sql::{parse_schema, SourceFile, SqlError, SqlWarning};
use serde::Serialize;
use std::fs;
use std::path::Path;

#[derive(Serialize)]
struct Snapshot {
    provider: Provider,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<Schema>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    renamed: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<String>,
}

fn error_line(e: &SqlError) -> String {
    match &e.help {
        Some(h) => format!("{e} [help: {h}]"),
        None => e.to_string(),
    }
}

fn warning_line(w: &SqlWarning) -> String {
    match &w.help {
        Some(h) => format!("{w} [help: {h}]"),
        None => w.to_string(),
    }
}

fn at(l: &Option<Location>) -> String {
    l.as_ref().map_or("-".to_string(), |l| l.to_string())
}

/// Where each element was declared, one line each.
fn locations(s: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for e in &s.enums {
        out.push(format!("enum {} @ {}", e.name, at(&e.location)));
    }
    for t in &s.tables {
        out.push(format!("table {} @ {}", t.display_name(), at(&t.location)));
        for c in &t.columns {
            out.push(format!("  column {} @ {}", c.name, at(&c.location)));
        }
        for u in &t.uniques {
            out.push(format!("  unique {} @ {}", u.name, at(&u.location)));
        }
        for c in &t.checks {
            out.push(format!("  check {} @ {}", c.name, at(&c.location)));
        }
        for f in &t.foreign_keys {
            out.push(format!("  foreign key {} @ {}", f.name, at(&f.location)));
        }
        for i in &t.indexes {
            out.push(format!("  index {} @ {}", i.name, at(&i.location)));
        }
    }
    for v in &s.views {
        out.push(format!("view {} @ {}", v.name, at(&v.location)));
    }
    for r in &s.raw {
        out.push(format!("raw {} @ {}", r.key(), at(&r.location)));
    }
    out
}

fn renamed(s: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for e in &s.enums {
        if let Some(old) = &e.renamed_from {
            out.push(format!("enum {} <- {old}", e.name));
        }
    }
    for v in &s.views {
        if let Some(old) = &v.renamed_from {
            out.push(format!("view {} <- {old}", v.name));
        }
    }
    for t in &s.tables {
        if let Some(old) = &t.renamed_from {
            out.push(format!("table {} <- {old}", t.name));
        }
        for c in &t.columns {
            if let Some(old) = &c.renamed_from {
                out.push(format!("column {}.{} <- {old}", t.name, c.name));
            }
        }
        for i in &t.indexes {
            if let Some(old) = &i.renamed_from {
                out.push(format!("index {} <- {old}", i.name));
            }
        }
    }
    out
}

fn run_case(dir: &Path) -> Snapshot {
    let provider: Provider = fs::read_to_string(dir.join("provider"))
        .unwrap()
        .parse()
        .unwrap();
    let mut paths: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    paths.sort();
    let files: Vec<SourceFile> = paths
        .iter()
        .map(|p| SourceFile {
            path: p.file_name().unwrap().to_string_lossy().into_owned(),
            text: fs::read_to_string(p).unwrap(),
        })
        .collect();
    match parse_schema(&files, provider) {
        Ok(parsed) => Snapshot {
            provider,
            errors: Vec::new(),
            warnings: parsed.warnings.iter().map(warning_line).collect(),
            renamed: renamed(&parsed.schema),
            locations: locations(&parsed.schema),
            schema: Some(parsed.schema),
        },
        Err(e) => Snapshot {
            provider,
            errors: e.errors.iter().map(error_line).collect(),
            warnings: e.warnings.iter().map(warning_line).collect(),
            schema: None,
            renamed: Vec::new(),
            locations: Vec::new(),
        },
    }
}

#[test]
fn parse_cases() {
    insta::glob!("../testdata/parse", "*/provider", |path| {
        let snapshot = run_case(path.parent().unwrap());
        insta::assert_yaml_snapshot!(snapshot);
    });
}
