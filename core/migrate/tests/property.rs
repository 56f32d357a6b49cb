//! Property test of the whole pipeline (DESIGN.md §6): for random pairs of schemas (A, B), on a
//! real database: apply A, plan the migration A -> B, apply it, introspect: the result equals B.
//! Then run the Down plan: the result equals A again. Seeds are printed on failure.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

use flash_diff::{diff, DiffOptions};
use flash_schema::{Driver, MigrationRun, Provider, Schema};
use flash_sql::{parse_schema, SourceFile};
use flash_testkit::TestDb;

/// One random column.
#[derive(Clone, Debug)]
struct Col {
    name: String,
    ty: &'static str,
    not_null: bool,
    default: Option<String>,
    unique: bool,
}

#[derive(Clone, Debug)]
struct Tbl {
    name: String,
    cols: Vec<Col>,
    /// (column, referenced table)
    fks: Vec<(String, String)>,
    /// indexed column sets
    indexes: Vec<Vec<String>>,
}

const TYPES: &[&str] = &[
    "INTEGER",
    "BIGINT",
    "VARCHAR(50)",
    "VARCHAR(200)",
    "TEXT",
    "NUMERIC(10,2)",
    "DATE",
    "BOOLEAN",
];

fn type_sql(ty: &str, provider: Provider) -> String {
    match (ty, provider) {
        // MySQL cannot index or default TEXT without a prefix length: use a long VARCHAR there.
        ("TEXT", Provider::Mysql) => "VARCHAR(1000)".into(),
        _ => ty.into(),
    }
}

fn default_for(ty: &str, rng: &mut fastrand::Rng) -> Option<String> {
    if rng.u8(0..3) != 0 {
        return None;
    }
    Some(match ty {
        "INTEGER" | "BIGINT" => rng.i32(0..100).to_string(),
        "NUMERIC(10,2)" => "1.50".into(),
        "DATE" => "'2024-01-01'".into(),
        "BOOLEAN" => {
            if rng.bool() {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        _ => format!("'v{}'", rng.u8(0..9)),
    })
}

fn random_col(name: String, rng: &mut fastrand::Rng) -> Col {
    let ty = TYPES[rng.usize(0..TYPES.len())];
    Col {
        name,
        ty,
        not_null: rng.bool(),
        default: default_for(ty, rng),
        unique: ty != "TEXT" && rng.u8(0..6) == 0,
    }
}

fn random_schema(rng: &mut fastrand::Rng) -> Vec<Tbl> {
    let n = rng.usize(1..5);
    let mut tables: Vec<Tbl> = Vec::new();
    for t in 0..n {
        let mut cols = Vec::new();
        for c in 0..rng.usize(1..5) {
            cols.push(random_col(format!("c{c}"), rng));
        }
        let mut fks = Vec::new();
        if t > 0 && rng.bool() {
            let target = format!("t{}", rng.usize(0..t));
            fks.push(("ref_id".to_string(), target));
        }
        let mut indexes = Vec::new();
        if rng.bool() {
            if let Some(c) = cols.iter().find(|c| c.ty != "TEXT") {
                indexes.push(vec![c.name.clone()]);
            }
        }
        tables.push(Tbl {
            name: format!("t{t}"),
            cols,
            fks,
            indexes,
        });
    }
    tables
}

/// B: A with a few random edits.
fn mutate(a: &[Tbl], rng: &mut fastrand::Rng) -> Vec<Tbl> {
    let mut b: Vec<Tbl> = a.to_vec();
    for _ in 0..rng.usize(1..4) {
        match rng.u8(0..9) {
            0 => {
                let t = b.len();
                let cols = vec![random_col("c0".into(), rng)];
                b.push(Tbl {
                    name: format!("t{t}"),
                    cols,
                    fks: vec![],
                    indexes: vec![],
                });
            }
            1 if b.len() > 1 => {
                // Drop the last table and every FK to it.
                let gone = b.pop().unwrap().name;
                for t in &mut b {
                    t.fks.retain(|(_, target)| *target != gone);
                }
            }
            2 => {
                let t = rng.usize(0..b.len());
                let n = b[t].cols.len();
                b[t].cols.push(random_col(format!("c{}", n + 10), rng));
            }
            3 => {
                let t = rng.usize(0..b.len());
                if b[t].cols.len() > 1 {
                    let i = rng.usize(0..b[t].cols.len());
                    let gone = b[t].cols.remove(i).name;
                    b[t].indexes.retain(|ix| !ix.contains(&gone));
                }
            }
            4 => {
                let t = rng.usize(0..b.len());
                let i = rng.usize(0..b[t].cols.len());
                let c = &mut b[t].cols[i];
                c.not_null = !c.not_null;
            }
            5 => {
                let t = rng.usize(0..b.len());
                let i = rng.usize(0..b[t].cols.len());
                let c = &mut b[t].cols[i];
                let d = default_for(c.ty, rng);
                c.default = if c.default.is_some() { None } else { d };
            }
            6 => {
                // Type change within a family, so existing defaults stay valid.
                let t = rng.usize(0..b.len());
                let i = rng.usize(0..b[t].cols.len());
                let c = &mut b[t].cols[i];
                c.ty = match c.ty {
                    "INTEGER" => "BIGINT",
                    "BIGINT" => "INTEGER",
                    "VARCHAR(50)" => "VARCHAR(200)",
                    "VARCHAR(200)" => "VARCHAR(50)",
                    other => other,
                };
            }
            7 => {
                let t = rng.usize(0..b.len());
                if b[t].indexes.is_empty() {
                    if let Some(c) = b[t].cols.iter().find(|c| c.ty != "TEXT") {
                        let name = c.name.clone();
                        b[t].indexes.push(vec![name]);
                    }
                } else {
                    b[t].indexes.clear();
                }
            }
            _ => {
                let t = rng.usize(0..b.len());
                if t > 0 {
                    if b[t].fks.is_empty() {
                        let target = format!("t{}", rng.usize(0..t));
                        b[t].fks.push(("ref_id".into(), target));
                    } else {
                        b[t].fks.clear();
                    }
                }
            }
        }
    }
    b
}

fn render(tables: &[Tbl], provider: Provider) -> String {
    let mut s = String::new();
    for t in tables {
        s.push_str(&format!(
            "CREATE TABLE {} (\n  id INTEGER PRIMARY KEY",
            t.name
        ));
        for c in &t.cols {
            s.push_str(&format!(",\n  {} {}", c.name, type_sql(c.ty, provider)));
            if c.not_null {
                s.push_str(" NOT NULL");
            }
            if let Some(d) = &c.default {
                s.push_str(&format!(" DEFAULT {d}"));
            }
            if c.unique {
                s.push_str(" UNIQUE");
            }
        }
        for (col, target) in &t.fks {
            s.push_str(&format!(",\n  {col} INTEGER REFERENCES {target}(id)"));
        }
        s.push_str("\n);\n");
        for ix in &t.indexes {
            s.push_str(&format!(
                "CREATE INDEX {}_{}_idx ON {} ({});\n",
                t.name,
                ix.join("_"),
                t.name,
                ix.join(", ")
            ));
        }
    }
    s
}

fn parse(sql: &str, provider: Provider) -> Schema {
    let files = [SourceFile {
        path: "schema.sql".into(),
        text: sql.into(),
    }];
    let mut s = match parse_schema(&files, provider) {
        Ok(p) => p.schema,
        Err(e) => panic!("generated schema does not parse: {e:?}\n{sql}"),
    };
    flash_migrate::dialect(provider).unwrap().normalize(&mut s);
    s
}

async fn run(driver: &mut dyn Driver, id: &str, plan: &flash_schema::Plan) -> Result<(), String> {
    let run = MigrationRun {
        id: id.into(),
        name: id.into(),
        checksum: "0".repeat(64),
        statements: plan.statements.iter().map(|s| s.sql.clone()).collect(),
        transactional: true,
        resume_from: 0,
        snapshot: None,
    };
    driver
        .apply(&run)
        .await
        .map(|_| ())
        .map_err(|f| format!("{} (statement {:?})", f.error, f.statement))
}

async fn check_equal(
    driver: &mut dyn Driver,
    want: &Schema,
    provider: Provider,
    ctx: &str,
) -> Result<(), String> {
    let live = driver.inspect().await.map_err(|e| e.to_string())?;
    let dialect = flash_migrate::dialect(provider).unwrap();
    let d = diff(&live, want, dialect.as_ref(), &DiffOptions::default());
    if d.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{ctx}: the database differs from the schema: {:?}",
            d.changes.iter().map(|c| c.summary()).collect::<Vec<_>>()
        ))
    }
}

async fn property(provider: Provider, url: &str, seeds: std::ops::Range<u64>) {
    let dialect = flash_migrate::dialect(provider).unwrap();
    let mut failures = Vec::new();
    for seed in seeds {
        let mut rng = fastrand::Rng::with_seed(seed);
        let a_t = random_schema(&mut rng);
        let b_t = mutate(&a_t, &mut rng);
        let (a_sql, b_sql) = (render(&a_t, provider), render(&b_t, provider));
        let (a, b) = (parse(&a_sql, provider), parse(&b_sql, provider));
        let result: Result<(), String> = async {
            let mut driver = flash_migrate::connect(provider, url)
                .await
                .map_err(|e| e.to_string())?;
            driver.reset().await.map_err(|e| e.to_string())?;
            driver.ensure_ledger().await.map_err(|e| e.to_string())?;
            let empty = Schema::default();
            let d = diff(&empty, &a, dialect.as_ref(), &DiffOptions::default());
            let plan = dialect
                .plan(&d.changes, &empty, &a)
                .map_err(|e| e.to_string())?;
            run(driver.as_mut(), "1_a", &plan)
                .await
                .map_err(|e| format!("applying A: {e}"))?;
            check_equal(driver.as_mut(), &a, provider, "after A").await?;
            let up = diff(&a, &b, dialect.as_ref(), &DiffOptions::default());
            let plan = dialect
                .plan(&up.changes, &a, &b)
                .map_err(|e| e.to_string())?;
            run(driver.as_mut(), "2_up", &plan)
                .await
                .map_err(|e| format!("Up: {e}\n{}", plan.to_sql()))?;
            check_equal(driver.as_mut(), &b, provider, "after Up").await?;
            let back = diff(
                &b,
                &a,
                dialect.as_ref(),
                &DiffOptions {
                    renames: up.reverse_renames(),
                },
            );
            let plan = dialect
                .plan(&back.changes, &b, &a)
                .map_err(|e| e.to_string())?;
            run(driver.as_mut(), "3_down", &plan)
                .await
                .map_err(|e| format!("Down: {e}\n{}", plan.to_sql()))?;
            check_equal(driver.as_mut(), &a, provider, "after Down").await?;
            Ok(())
        }
        .await;
        if let Err(e) = result {
            failures.push(format!(
                "seed {seed}: {e}\n--- A ---\n{a_sql}--- B ---\n{b_sql}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the random schema pairs failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[tokio::test]
async fn random_schema_pairs_sqlite() {
    let db = TestDb::sqlite();
    property(Provider::Sqlite, &db.url, 0..40).await;
}

#[tokio::test]
async fn random_schema_pairs_postgres() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    property(Provider::Postgresql, &db.url, 0..40).await;
}

#[tokio::test]
async fn random_schema_pairs_mysql() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    property(Provider::Mysql, &db.url, 0..25).await;
}
