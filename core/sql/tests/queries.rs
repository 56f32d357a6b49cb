//! Query files: names, commands, doc comments, parameters, and every error with its place.
#![allow(clippy::unwrap_used)]

use flash_schema::Provider;
use flash_sql::{parse_queries, SourceFile};

fn read(name: &str) -> SourceFile {
    let path = format!("{}/testdata/queries/{name}", env!("CARGO_MANIFEST_DIR"));
    SourceFile::new(
        format!("queries/{name}"),
        std::fs::read_to_string(path).unwrap(),
    )
}

#[test]
fn postgresql_queries() {
    let q = parse_queries(&read("postgresql.sql"), Provider::Postgresql).unwrap();
    insta::assert_yaml_snapshot!("queries_postgresql", q);
}

#[test]
fn mysql_queries() {
    let q = parse_queries(&read("mysql.sql"), Provider::Mysql).unwrap();
    insta::assert_yaml_snapshot!("queries_mysql", q);
}

#[test]
fn sqlite_queries() {
    let q = parse_queries(&read("sqlite.sql"), Provider::Sqlite).unwrap();
    insta::assert_yaml_snapshot!("queries_sqlite", q);
}

#[test]
fn every_error_with_its_place() {
    let errors = parse_queries(&read("errors.sql"), Provider::Postgresql).unwrap_err();
    let text: Vec<String> = errors
        .iter()
        .map(|e| match &e.help {
            Some(h) => format!("{e}\n  help: {h}"),
            None => e.to_string(),
        })
        .collect();
    insta::assert_snapshot!("queries_errors", text.join("\n"));
}

#[test]
fn uses_point_at_the_parameter_text() {
    let q = parse_queries(&read("postgresql.sql"), Provider::Postgresql).unwrap();
    for query in &q {
        for p in &query.params {
            for r in &p.uses {
                let text = &query.sql[r.clone()];
                let expected = match (&p.name, p.style) {
                    (Some(n), flash_sql::ParamStyle::Named) => {
                        text == format!("@{n}") || text == format!("sqlc.arg({n})")
                    }
                    (Some(n), flash_sql::ParamStyle::NullableNamed) => {
                        text == format!("sqlc.narg({n})")
                    }
                    (None, _) => text == format!("${}", p.number),
                    _ => false,
                };
                assert!(expected, "{}: {text:?} for {p:?}", query.name);
            }
        }
    }
}

/// Each query of each file in each placeholder style its database's drivers use.
#[test]
fn placeholders_per_driver_style() {
    use flash_sql::{rewrite, Placeholders};
    let mut out = String::new();
    for (file, provider, styles) in [
        (
            "postgresql.sql",
            Provider::Postgresql,
            &[Placeholders::Dollar, Placeholders::Percent][..],
        ),
        (
            "mysql.sql",
            Provider::Mysql,
            &[Placeholders::Question, Placeholders::Percent][..],
        ),
        (
            "sqlite.sql",
            Provider::Sqlite,
            &[Placeholders::Question, Placeholders::QuestionNumbered][..],
        ),
    ] {
        for q in parse_queries(&read(file), provider).unwrap() {
            for style in styles {
                let line = match rewrite(&q, *style) {
                    Ok(r) => format!("{} {style:?}: {} binds {:?}", q.name, r.sql, r.binds),
                    Err(e) => format!("{} {style:?}: error: {e}", q.name),
                };
                out.push_str(&line.replace('\n', " "));
                out.push('\n');
            }
        }
    }
    insta::assert_snapshot!("queries_placeholders", out);
}
