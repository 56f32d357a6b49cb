//! `export` against real databases: a table with every column type of each database (NULLs,
//! empty strings, extreme numbers, non-ASCII text, a large blob) exported as JSON, CSV and a
//! SQLite file; every value comes out exactly (snapshots of the JSON rows and the CSV file),
//! the blob byte for byte, tables parents first, `--tables` / `--exclude` / `--schema-only`
//! / `--data-only` honoured, and a failed export leaves no file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use base64::Engine;
use common::{data_text, databases, empty_db, project, run_sql};
use flash_data::{export, DataError, ExportFormat, ExportOptions, ExportReport};
use flash_schema::Provider;
use sqlx::{Connection, Row};
use std::path::Path;

/// `types` holds one row of extremes, one of ordinary values and one of NULLs; `blobs` one
/// large blob; `child` references `parent` (so parents must come first).
fn ddl(provider: Provider) -> &'static str {
    match provider {
        Provider::Postgresql => {
            r#"
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE types (
  id int PRIMARY KEY,
  i16 smallint, i32 integer, i64 bigint, dec numeric(38,10), r real, d double precision,
  b boolean, t text, vc varchar(20), ch char(3), by bytea, dt date, tm time, tmtz timetz,
  ts timestamp(6), tstz timestamptz, iv interval, u uuid, j json, jb jsonb,
  ints int[], texts text[], m mood, ip inet
);
INSERT INTO types VALUES
 (1, -32768, -2147483648, -9223372036854775808, -1234567890123456789012345678.0123456789,
  3.4e38, 1.7976931348623157e308, true, 'ünïcødé ✓ "quoted", comma
newline', '', 'ab', '\x00ff10', '0001-01-01', '23:59:59.999999', '12:00:00+05:30',
  '1999-12-31 23:59:59.123456', '2024-02-29 12:00:00.5+03', '1 year 2 mons 3 days 04:05:06',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2.50, null], "b": "x"}',
  '{"big": 123456789012345678901234567890}', '{1,NULL,3}', '{"a,b","q\"q",NULL,""}',
  'happy', '192.168.0.1/24'),
 (2, 32767, 2147483647, 9223372036854775807, 0.0000000001, 'NaN', '-Infinity', false, 'plain',
  'x', 'xyz', '\x', '9999-12-31', '00:00:00', '00:00:00+00', '2000-01-01 00:00:00',
  '2000-01-01 00:00:00+00', '-1 days', '00000000-0000-0000-0000-000000000000', '[]', '{}',
  '{}', '{}', 'sad', '::1'),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE blobs (id int PRIMARY KEY, data bytea NOT NULL);
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (1, 1), (2, NULL);
"#
        }
        Provider::Mysql => {
            r#"
CREATE TABLE types (
  id int PRIMARY KEY,
  i8 tinyint, i16 smallint, i24 mediumint, i32 int, i64 bigint, u64 bigint unsigned,
  dec65 decimal(65,30), f float, d double, bt bit(8), flag boolean, ch char(3),
  vc varchar(20), t text, vb varbinary(10), bl blob, dt date, tm time(6), dtm datetime(6),
  ts timestamp(6) NULL DEFAULT NULL, y year, j json, e enum('sad','happy'), s set('a','b','c')
);
INSERT INTO types VALUES
 (1, -128, -32768, -8388608, -2147483648, -9223372036854775808, 18446744073709551615,
  -12345678901234567890123456789012345.123456789012345678901234567890, 3.40282e38,
  1.7976931348623157e308, b'10100101', true, 'ab', '', 'ünïcødé ✓ "quoted", comma
newline', x'00ff10', x'deadbeef', '1000-01-01', '-838:59:59.000000',
  '1000-01-01 00:00:00.000001', '2024-02-29 12:00:00.500000', 1901,
  '{"a": [1, 2.5, null], "b": "x"}', 'happy', 'a,c'),
 (2, 127, 32767, 8388607, 2147483647, 9223372036854775807, 0, 0.000000000000000000000000000001,
  0.1, -0.0, b'0', false, 'xyz', 'x', 'plain', x'', x'', '9999-12-31', '00:00:00',
  '9999-12-31 23:59:59.999999', '1970-01-01 00:00:01', 2155, '[]', 'sad', ''),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE blobs (id int PRIMARY KEY, data longblob NOT NULL);
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int, FOREIGN KEY (parent_id) REFERENCES parent (id));
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (1, 1), (2, NULL);
"#
        }
        _ => {
            r#"
CREATE TABLE types (
  id INTEGER PRIMARY KEY,
  i INTEGER, r REAL, n NUMERIC, dec DECIMAL(10,2), b BOOLEAN, t TEXT, vc VARCHAR(20),
  bl BLOB, dt DATE, ts DATETIME, j JSON
);
INSERT INTO types VALUES
 (1, -9223372036854775808, 1.7976931348623157e308, 12.5, '12.50', 1, 'ünïcødé ✓ "quoted", comma
newline', '', x'00ff10', '2024-02-29', '2024-02-29 12:00:00', '{"a": [1, 2.50]}'),
 (2, 9223372036854775807, 0.1, 3, '0.10', 0, 'plain', 'x', x'', '0001-01-01',
  '1970-01-01 00:00:00', '[]'),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE parent (id INTEGER PRIMARY KEY);
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));
INSERT INTO parent VALUES (1);
INSERT INTO child VALUES (1, 1), (2, NULL);
"#
        }
    }
}

/// A 1 MiB blob of every byte value, inserted with a bound parameter.
fn big_blob() -> Vec<u8> {
    (0..(1usize << 20)).map(|i| (i * 7 % 256) as u8).collect()
}

async fn insert_blob(provider: Provider, url: &str, blob: &[u8]) {
    match provider {
        Provider::Postgresql => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::query("INSERT INTO blobs VALUES (1, $1)")
                .bind(blob)
                .execute(&mut c)
                .await
                .unwrap();
        }
        Provider::Mysql => {
            let mut c = sqlx::MySqlConnection::connect(url).await.unwrap();
            sqlx::query("INSERT INTO blobs VALUES (1, ?)")
                .bind(blob)
                .execute(&mut c)
                .await
                .unwrap();
        }
        _ => {
            let path = url.trim_start_matches("sqlite://");
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{path}"))
                .await
                .unwrap();
            sqlx::query("INSERT INTO blobs VALUES (1, ?)")
                .bind(blob)
                .execute(&mut c)
                .await
                .unwrap();
        }
    }
}

async fn run_export(
    provider: Provider,
    url: &str,
    root: &Path,
    opts: ExportOptions,
) -> Result<ExportReport, DataError> {
    export(
        &project(provider, root),
        url,
        &opts,
        &root.join("export"),
        &mut |_| {},
    )
    .await
}

/// Exports every table of `url` in `format` to `out`; panics naming the provider on failure.
async fn export_to(provider: Provider, url: &str, root: &Path, format: ExportFormat, out: &Path) {
    let opts = ExportOptions {
        format,
        output: Some(out.to_path_buf()),
        ..Default::default()
    };
    run_export(provider, url, root, opts)
        .await
        .unwrap_or_else(|e| panic!("{provider} {format:?}: export: {e}"));
}

/// The lines of table `types` in a JSON export, as written (one row per line): the exact
/// text, which a parse into `serde_json::Value` would round.
fn types_lines(text: &str) -> String {
    let start = text.find("\"types\": [").unwrap();
    let end = start + text[start..].find("\n    ]").unwrap();
    text[start..end].to_string()
}

#[tokio::test]
async fn every_type_exports_exactly_in_every_format() {
    for (provider, db) in databases().await {
        run_sql(provider, &db.url, ddl(provider)).await;
        let blob = big_blob();
        insert_blob(provider, &db.url, &blob).await;
        let root = tempfile::tempdir().unwrap();

        // JSON, to the default place.
        let report = run_export(provider, &db.url, root.path(), ExportOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{provider}: {e}"));
        assert!(report.path.starts_with(root.path().join("export")));
        let names: Vec<&str> = report.tables.iter().map(|t| t.name.as_str()).collect();
        let parent = names.iter().position(|n| *n == "parent").unwrap();
        let child = names.iter().position(|n| *n == "child").unwrap();
        assert!(parent < child, "{provider}: parents first: {names:?}");
        let text = std::fs::read_to_string(&report.path).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{provider}: the export is not JSON: {e}"));
        assert_eq!(doc["version"], "1");
        assert_eq!(doc["provider"], provider.to_string());
        assert!(doc["schema"]["tables"].is_array());
        // Exact text of the numbers: no float went through.
        insta::assert_snapshot!(format!("json_{provider}"), types_lines(&text));
        let b64 = doc["data"]["blobs"][0]["data"].as_str().unwrap();
        assert_eq!(
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap(),
            blob,
            "{provider}: the blob changed"
        );

        // CSV: a folder of files plus the schema.
        let csv_dir = root.path().join("csv");
        let report = run_export(
            provider,
            &db.url,
            root.path(),
            ExportOptions {
                format: ExportFormat::Csv,
                output: Some(csv_dir.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{provider}: {e}"));
        assert_eq!(report.rows, 3 + 1 + 1 + 2);
        let types_csv = std::fs::read_to_string(csv_dir.join("types.csv")).unwrap();
        insta::assert_snapshot!(format!("csv_{provider}"), types_csv);
        assert!(csv_dir.join("schema.sql").is_file());
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(csv_dir.join("schema.json")).unwrap())
                .unwrap();
        assert_eq!(manifest["tables"].as_array().unwrap().len(), 4);

        // SQLite: the same rows, exact decimals as text, and the original schema inside.
        let file = root.path().join("out.db");
        run_export(
            provider,
            &db.url,
            root.path(),
            ExportOptions {
                format: ExportFormat::Sqlite,
                output: Some(file.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{provider}: {e}"));
        let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM types")
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!(n, 3, "{provider}");
        let data: Vec<u8> = sqlx::query_scalar("SELECT data FROM blobs")
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!(data, blob, "{provider}");
        let schema: String =
            sqlx::query_scalar("SELECT value FROM _flash_export WHERE key = 'schema'")
                .fetch_one(&mut c)
                .await
                .unwrap();
        let schema: flash_schema::Schema = serde_json::from_str(&schema).unwrap();
        assert!(schema.table("types").is_some(), "{provider}");
        let row = sqlx::query("SELECT * FROM types WHERE id = 1")
            .fetch_one(&mut c)
            .await
            .unwrap();
        let dec_col = match provider {
            Provider::Postgresql => "dec",
            Provider::Mysql => "dec65",
            _ => "dec",
        };
        let dec: String = row.try_get(dec_col).unwrap();
        let expected = doc["data"]["types"][0][dec_col].as_str().unwrap();
        assert_eq!(dec, expected, "{provider}: decimals stay exact text");
    }
}

#[tokio::test]
async fn table_selection_and_partial_exports() {
    for (provider, db) in databases().await {
        run_sql(provider, &db.url, ddl(provider)).await;
        let root = tempfile::tempdir().unwrap();
        let only = |tables: &[&str], exclude: &[&str]| ExportOptions {
            tables: tables.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
            output: Some(
                root.path()
                    .join(format!("{}-{}.json", tables.len(), exclude.len())),
            ),
            ..Default::default()
        };
        let r = run_export(
            provider,
            &db.url,
            root.path(),
            only(&["child", "parent"], &[]),
        )
        .await
        .unwrap();
        let names: Vec<&str> = r.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["parent", "child"], "{provider}");
        let r = run_export(
            provider,
            &db.url,
            root.path(),
            only(&[], &["blobs", "types"]),
        )
        .await
        .unwrap();
        assert_eq!(r.tables.len(), 2, "{provider}");

        // An unknown name is an error naming the tables there are; nothing is written.
        let e = run_export(provider, &db.url, root.path(), only(&["nope"], &[]))
            .await
            .unwrap_err();
        assert!(
            matches!(&e, DataError::UnknownTable { name, known } if name == "nope" && known.contains("parent")),
            "{provider}: {e}"
        );

        // Schema only: empty arrays; data only: no schema.
        let path = root.path().join("schema-only.json");
        run_export(
            provider,
            &db.url,
            root.path(),
            ExportOptions {
                schema_only: true,
                output: Some(path.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(doc["data"].as_object().unwrap().is_empty(), "{provider}");
        assert!(doc["schema"]["tables"].is_array());
        let path = root.path().join("data-only.json");
        run_export(
            provider,
            &db.url,
            root.path(),
            ExportOptions {
                data_only: true,
                output: Some(path.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(doc.get("schema").is_none(), "{provider}");
        assert_eq!(doc["data"]["child"].as_array().unwrap().len(), 2);

        // An existing output is never overwritten.
        let e = run_export(
            provider,
            &db.url,
            root.path(),
            ExportOptions {
                output: Some(path.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
        assert!(e.to_string().contains("exists already"), "{e}");
    }
}

#[tokio::test]
async fn a_missing_sqlite_database_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("none.db").display());
    let e = run_export(Provider::Sqlite, &url, dir.path(), ExportOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(e, DataError::Nothing(_)), "{e}");
    assert!(!dir.path().join("none.db").exists());
    assert!(!dir.path().join("export").exists());
}

#[tokio::test]
async fn export_import_export_gives_the_same_data() {
    for (provider, db) in databases().await {
        run_sql(provider, &db.url, ddl(provider)).await;
        insert_blob(provider, &db.url, &big_blob()).await;
        let root = tempfile::tempdir().unwrap();
        let first = root.path().join("first.json");
        export_to(provider, &db.url, root.path(), ExportFormat::Json, &first).await;

        // Into an empty database of the same kind: the tables are created from the export.
        let empty = empty_db(provider).await;
        let p = project(provider, root.path());
        let report = flash_data::import(&p, &empty.url, &first, &Default::default(), &mut |_| {})
            .await
            .unwrap_or_else(|e| panic!("{provider}: import: {e}"));
        assert_eq!(report.rows, 3 + 1 + 1 + 2, "{provider}");
        assert!(report.tables.iter().all(|t| t.created), "{provider}");
        let second = root.path().join("second.json");
        export_to(
            provider,
            &empty.url,
            root.path(),
            ExportFormat::Json,
            &second,
        )
        .await;
        assert!(
            data_text(&first) == data_text(&second),
            "{provider}: the data changed on the way:\n{}\n---\n{}",
            types_lines(&std::fs::read_to_string(&first).unwrap()),
            types_lines(&std::fs::read_to_string(&second).unwrap())
        );

        // Through CSV and SQLite exports as well: into an empty database each, the data
        // comes back the same (the JSON export of it is the same text), and a CSV export of
        // the imported data is the same files.
        for format in [ExportFormat::Csv, ExportFormat::Sqlite] {
            let out = root.path().join(format!("through.{format:?}"));
            export_to(provider, &db.url, root.path(), format, &out).await;
            let fresh = empty_db(provider).await;
            let report = flash_data::import(&p, &fresh.url, &out, &Default::default(), &mut |_| {})
                .await
                .unwrap_or_else(|e| panic!("{provider} {format:?}: import: {e}"));
            assert_eq!(report.rows, 7, "{provider} {format:?}");
            let back = root.path().join(format!("back.{format:?}.json"));
            export_to(provider, &fresh.url, root.path(), ExportFormat::Json, &back).await;
            assert!(
                data_text(&first) == data_text(&back),
                "{provider} {format:?}: the data changed on the way:\n{}\n---\n{}",
                types_lines(&std::fs::read_to_string(&first).unwrap()),
                types_lines(&std::fs::read_to_string(&back).unwrap())
            );
            if format == ExportFormat::Csv {
                let again = root.path().join("again.csv");
                export_to(provider, &fresh.url, root.path(), format, &again).await;
                for table in ["types", "blobs", "parent", "child"] {
                    let name = format!("{table}.csv");
                    assert!(
                        std::fs::read(out.join(&name)).unwrap()
                            == std::fs::read(again.join(&name)).unwrap(),
                        "{provider}: {name} changed on the way"
                    );
                }
            }
        }

        // Again into the same tables: the keys conflict, nothing is imported.
        let e = flash_data::import(
            &p,
            &empty.url,
            &first,
            &flash_data::ImportOptions { data_only: true },
            &mut |_| {},
        )
        .await
        .unwrap_err();
        assert!(
            e.to_string().contains("nothing was imported"),
            "{provider}: {e}"
        );
        let third = root.path().join("third.json");
        export_to(
            provider,
            &empty.url,
            root.path(),
            ExportFormat::Json,
            &third,
        )
        .await;
        assert!(data_text(&third) == data_text(&first), "{provider}");

        // A column the table lacks is an error, not a value dropped.
        run_sql(
            provider,
            &empty.url,
            "DROP TABLE child;\nDELETE FROM types;\nDELETE FROM blobs;\nDELETE FROM parent;\nCREATE TABLE child (id INTEGER PRIMARY KEY);",
        )
        .await;
        let e = flash_data::import(
            &p,
            &empty.url,
            &first,
            &flash_data::ImportOptions { data_only: true },
            &mut |_| {},
        )
        .await
        .unwrap_err();
        assert!(
            e.to_string().contains("no column `parent_id`"),
            "{provider}: {e}"
        );
    }
}

/// An export of the Go tool: its own `schema` form (not ours to read) and a child table
/// before its parent. The tables must exist; the rows go in parents first all the same.
#[tokio::test]
async fn a_foreign_export_with_children_first_loads_parents_first() {
    for (provider, db) in databases().await {
        run_sql(
            provider,
            &db.url,
            "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);\nCREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id));",
        )
        .await;
        let root = tempfile::tempdir().unwrap();
        let doc = root.path().join("go.json");
        std::fs::write(
            &doc,
            r#"{"version": "1.0", "timestamp": "2024-01-01T00:00:00Z",
  "data": {"child": [{"id": 1, "parent_id": 7}, {"id": 2, "parent_id": 7}],
           "parent": [{"id": 7, "name": "p"}]},
  "schema": {"parent": {"columns": ["id", "name"]}, "child": {"columns": ["id", "parent_id"]}}}"#,
        )
        .unwrap();
        let p = project(provider, root.path());
        let report = flash_data::import(&p, &db.url, &doc, &Default::default(), &mut |_| {})
            .await
            .unwrap_or_else(|e| panic!("{provider}: {e}"));
        let names: Vec<(&str, u64)> = report
            .tables
            .iter()
            .map(|t| (t.name.as_str(), t.rows))
            .collect();
        assert_eq!(names, [("parent", 1), ("child", 2)], "{provider}");
        // A table the database lacks cannot be created from a schema we cannot read.
        run_sql(provider, &db.url, "DROP TABLE child").await;
        let e = flash_data::import(&p, &db.url, &doc, &Default::default(), &mut |_| {})
            .await
            .unwrap_err();
        assert!(
            e.to_string().contains("no table child") && e.to_string().contains("create it first"),
            "{provider}: {e}"
        );
    }
}
