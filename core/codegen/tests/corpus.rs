//! Snapshots of the corpora (tests/codegen/<provider>): what the analysis says about every
//! query, and the code each backend writes for them with its default options.

mod common;

use common::{corpus_dir, corpus_request, CORPORA};
use flash_codegen::options::{
    GoDriver, GoNulls, GoOptions, PyDriver, PyEnums, PythonOptions, TsBigint, TsDriver, TsEmit,
    TsModule, TsOptions,
};
use flash_codegen::{Field, GenRequest, GeneratedFile};
use flash_schema::{Provider, TypeKind};
use std::fmt::Write;

fn ty(t: &TypeKind) -> String {
    match t {
        TypeKind::Enum { name, .. } => format!("enum {}", name.as_deref().unwrap_or("?")),
        TypeKind::Array { element } => format!("{}[]", ty(element)),
        TypeKind::Timestamp { tz: true } => "timestamptz".into(),
        other => other.describe(),
    }
}

fn field(f: &Field) -> String {
    format!(
        "{}: {}{}",
        f.name,
        ty(&f.ty),
        if f.nullable { "?" } else { "" }
    )
}

/// One line per query: parameters, then the result (a model, or its columns).
fn summary(req: &GenRequest) -> String {
    let mut out = String::new();
    for f in &req.files {
        let _ = writeln!(out, "## {}", f.path);
        for q in &f.queries {
            let params: Vec<String> = q
                .params
                .iter()
                .map(|p| {
                    format!(
                        "{}: {}{}{}",
                        p.name,
                        ty(&p.ty),
                        if p.slice { "[] (slice)" } else { "" },
                        if p.nullable { "?" } else { "" }
                    )
                })
                .collect();
            let result = match &q.model {
                Some(m) => format!("model {m}"),
                None => q.columns.iter().map(field).collect::<Vec<_>>().join(", "),
            };
            let _ = writeln!(
                out,
                "{} :{:?} ({}) -> {}",
                q.query.name,
                q.query.command,
                params.join(", "),
                result
            );
        }
    }
    out
}

fn concat(files: &[GeneratedFile]) -> String {
    let mut out = String::new();
    for f in files {
        let _ = writeln!(out, "=== {} ===\n{}", f.path, f.contents);
    }
    out
}

#[test]
fn corpora_analyse_and_generate() {
    for (name, provider) in CORPORA {
        let req = corpus_request(provider, &corpus_dir(name));
        let queries: usize = req.files.iter().map(|f| f.queries.len()).sum();
        assert!(queries >= 80, "{name}: only {queries} queries");
        insta::assert_snapshot!(format!("{name}_analysis"), summary(&req));

        let go = flash_codegen::go::generate(
            &req,
            &GoOptions {
                package: "db".into(),
                driver: GoDriver::DatabaseSql,
                nulls: GoNulls::SqlNull,
                json_tags: true,
                db_tags: true,
            },
        )
        .unwrap_or_else(|e| panic!("{name}: go: {e}"));
        insta::assert_snapshot!(format!("{name}_go"), concat(&go));

        let driver = match provider {
            Provider::Postgresql => TsDriver::Pg,
            Provider::Mysql => TsDriver::Mysql2,
            _ => TsDriver::BetterSqlite3,
        };
        let ts = flash_codegen::ts::generate(
            &req,
            &TsOptions {
                driver,
                emit: TsEmit::Ts,
                module: TsModule::Esm,
                bigint: TsBigint::String,
                json_type: "unknown".into(),
            },
        )
        .unwrap_or_else(|e| panic!("{name}: ts: {e}"));
        insta::assert_snapshot!(format!("{name}_ts"), concat(&ts));

        let driver = match provider {
            Provider::Postgresql => PyDriver::Psycopg,
            Provider::Mysql => PyDriver::Pymysql,
            _ => PyDriver::Sqlite3,
        };
        let py = flash_codegen::python::generate(
            &req,
            &PythonOptions {
                driver,
                async_: false,
                frozen: true,
                enums: PyEnums::Enum,
            },
        )
        .unwrap_or_else(|e| panic!("{name}: python: {e}"));
        insta::assert_snapshot!(format!("{name}_python"), concat(&py));
    }
}
