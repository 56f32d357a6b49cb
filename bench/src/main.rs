//! `cargo run --release -p flash-bench [-- path/to/flash]`: prints how long the operations of
//! issue #2 take on a generated schema of 500 tables, 5,000 columns, 1,000 indexes and 500
//! foreign keys, and `flash status` over 1,000 applied migrations on SQLite.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use flash_diff::{diff, DiffOptions};
use flash_schema::Provider;
use flash_sql::{parse_schema, SourceFile};
use std::time::{Duration, Instant};

fn schema_sql(provider: Provider, changed: bool) -> String {
    let mut s = String::new();
    for t in 0..500 {
        s.push_str(&format!("CREATE TABLE t{t} (\n  id BIGINT PRIMARY KEY,\n"));
        for c in 0..8 {
            let ty = match c % 4 {
                0 => "VARCHAR(100)",
                1 => "INTEGER",
                2 => "TEXT",
                _ => "NUMERIC(10,2)",
            };
            let ty = if changed && t == 250 && c == 0 {
                "VARCHAR(200)"
            } else {
                ty
            };
            s.push_str(&format!(
                "  c{c} {ty}{},\n",
                if c % 3 == 0 { " NOT NULL" } else { "" }
            ));
        }
        if t > 0 {
            s.push_str(&format!(
                "  parent_id BIGINT REFERENCES t{}(id)\n);\n",
                t - 1
            ));
        } else {
            s.push_str("  parent_id BIGINT\n);\n");
        }
        s.push_str(&format!("CREATE INDEX t{t}_c0_idx ON t{t} (c0);\n"));
        s.push_str(&format!("CREATE INDEX t{t}_c1_c2_idx ON t{t} (c1, c2);\n"));
    }
    let _ = provider;
    s
}

fn time<T>(label: &str, target_ms: u128, runs: u32, mut f: impl FnMut() -> T) -> T {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        out = Some(f());
        best = best.min(start.elapsed());
    }
    println!(
        "{label:<55} {:>9.2} ms  (target < {target_ms} ms, best of {runs})",
        best.as_secs_f64() * 1000.0
    );
    out.unwrap()
}

fn main() {
    // Absolute: the status run changes its working directory.
    let flash_bin = std::env::args()
        .nth(1)
        .map(|p| std::fs::canonicalize(&p).unwrap_or_else(|_| p.into()));
    for provider in [Provider::Postgresql, Provider::Mysql, Provider::Sqlite] {
        println!("-- {provider}: 500 tables, 5,000 columns, 1,000 indexes, 499 foreign keys");
        let dialect = flash_migrate::dialect(provider).unwrap();
        let files = vec![SourceFile {
            path: "schema.sql".into(),
            text: schema_sql(provider, false),
        }];
        let changed_files = vec![SourceFile {
            path: "schema.sql".into(),
            text: schema_sql(provider, true),
        }];
        let mut schema = time("parse", 50, 5, || {
            parse_schema(&files, provider).unwrap().schema
        });
        dialect.normalize(&mut schema);
        let mut changed = parse_schema(&changed_files, provider).unwrap().schema;
        dialect.normalize(&mut changed);
        let empty = flash_schema::Schema::default();
        time("diff + plan against empty", 100, 5, || {
            let d = diff(&empty, &schema, dialect.as_ref(), &DiffOptions::default());
            dialect.plan(&d.changes, &empty, &schema).unwrap()
        });
        let plan = time("diff + plan, one changed column", 20, 5, || {
            let d = diff(&schema, &changed, dialect.as_ref(), &DiffOptions::default());
            dialect.plan(&d.changes, &schema, &changed).unwrap()
        });
        assert!(!plan.statements.is_empty());
    }

    // flash status with 1,000 applied migrations on SQLite.
    let dir = std::env::temp_dir().join(format!("flash_bench_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("db/migrations")).unwrap();
    std::fs::create_dir_all(dir.join("db/schema")).unwrap();
    for i in 0..1000 {
        let ts = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            + chrono::Duration::seconds(i);
        std::fs::write(
            dir.join(format!("db/migrations/{}_m{i}.sql", ts.format("%Y%m%d%H%M%S"))),
            format!("-- +migrate Up\nCREATE TABLE m{i} (id INTEGER PRIMARY KEY, name TEXT);\n-- +migrate Down\nDROP TABLE m{i};\n"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("flash.toml"),
        "[database]\nprovider = \"sqlite\"\n",
    )
    .unwrap();
    std::fs::write(dir.join(".env"), "DATABASE_URL=sqlite://./bench.db\n").unwrap();
    let project = flash_migrate::Project {
        provider: Provider::Sqlite,
        schema_dir: dir.join("db/schema"),
        migrations_dir: dir.join("db/migrations"),
        schemas: Vec::new(),
    };
    let url = format!("sqlite://{}", dir.join("bench.db").display());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(flash_migrate::apply(
        &project,
        &url,
        &flash_migrate::ApplyOptions {
            yes: true,
            lock_timeout: None,
        },
        &flash_migrate::NoPrompt,
        &mut |_| {},
    ))
    .unwrap();
    println!("-- sqlite: 1,000 applied migrations");
    time("status (library)", 200, 5, || {
        rt.block_on(flash_migrate::status(&project, &url)).unwrap()
    });
    if let Some(bin) = flash_bin {
        time("`flash status` (process)", 200, 5, || {
            let out = std::process::Command::new(&bin)
                .arg("status")
                .current_dir(&dir)
                .output()
                .unwrap();
            assert!(out.status.success());
        });
        time("`flash --version` (process)", 10, 20, || {
            std::process::Command::new(&bin)
                .arg("--version")
                .output()
                .unwrap()
        });
    } else {
        println!("(pass the path of a release `flash` binary to time the processes)");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
