//! Query analysis over case folders: `testdata/analyze/<provider>/{schema.sql, queries.sql}`.

use flash_schema::Provider;
use flash_sql::analyze::analyze_query;
use flash_sql::{parse_queries, parse_schema, SourceFile};
use std::fmt::Write;
use std::path::Path;

fn render(provider: Provider, dir: &str) -> String {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/analyze")
        .join(dir);
    let schema_text = std::fs::read_to_string(base.join("schema.sql")).expect("schema.sql");
    let schema = parse_schema(&[SourceFile::new("schema.sql", schema_text)], provider)
        .expect("schema parses")
        .schema;
    let text = std::fs::read_to_string(base.join("queries.sql")).expect("queries.sql");
    let queries =
        parse_queries(&SourceFile::new("queries.sql", text), provider).expect("queries parse");
    let mut out = String::new();
    for q in &queries {
        match analyze_query(q, &schema, provider) {
            Ok(a) => {
                let _ = writeln!(out, "{} :{:?}", q.name, q.command);
                if a.query.sql != q.sql {
                    let _ = writeln!(out, "  sql: {}", a.query.sql.replace('\n', "\n       "));
                }
                for p in &a.params {
                    let _ = writeln!(
                        out,
                        "  param {}: {}{}{}",
                        p.name.as_deref().unwrap_or("?"),
                        p.ty.describe(),
                        if p.nullable { " null" } else { "" },
                        if p.slice { " slice" } else { "" }
                    );
                }
                for c in &a.columns {
                    let _ = writeln!(
                        out,
                        "  col {}: {}{}{}",
                        c.name,
                        c.ty.describe(),
                        if c.nullable { " null" } else { "" },
                        c.source
                            .as_ref()
                            .map(|s| format!(" <- {}.{}", s.table, s.column))
                            .unwrap_or_default()
                    );
                }
            }
            Err(errors) => {
                let _ = writeln!(out, "{} :{:?} ERROR", q.name, q.command);
                for e in errors {
                    let _ = writeln!(out, "  {e}");
                    if let Some(h) = &e.help {
                        let _ = writeln!(out, "    help: {h}");
                    }
                }
            }
        }
    }
    out
}

#[test]
fn postgresql() {
    insta::assert_snapshot!(render(Provider::Postgresql, "postgresql"));
}

#[test]
fn mysql() {
    insta::assert_snapshot!(render(Provider::Mysql, "mysql"));
}

#[test]
fn sqlite() {
    insta::assert_snapshot!(render(Provider::Sqlite, "sqlite"));
}
