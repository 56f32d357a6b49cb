#![allow(clippy::unwrap_used)]
mod common;
use flash_schema::Driver;
use flash_diff::DiffHooks;
#[tokio::test]
async fn scratch() {
    let db = flash_testkit::TestDb::postgres().await.unwrap();
    let text = std::fs::read_to_string("/tmp/views_probe.sql").unwrap();
    let parsed = common::parse("probe.sql", &text);
    let plan = common::create_plan(&parsed);
    let mut drv = flash_postgres::connect(&db.url).await.unwrap();
    for s in &plan.statements { drv.query(&s.sql).await.unwrap_or_else(|e| panic!("{}: {e}", s.sql)); }
    let live = drv.inspect().await.unwrap();
    for v in &parsed.views {
        let l = live.view(&v.name).unwrap();
        let eq = flash_postgres::PostgresDialect.views_equal(l, v);
        println!("{} {}", if eq {"OK  "} else {"DIFF"}, v.name);
        if !eq {
            println!("   parsed: {}\n   live:   {}", flash_postgres::canon::view(&v.definition, &v.columns), flash_postgres::canon::view(&l.definition, &l.columns));
            println!("   raw live: {}", l.definition.replace('\n', " "));
        }
    }
    for t in &parsed.tables {
        let lt = live.table(&t.name).unwrap();
        for c in &t.checks {
            let l = lt.checks.iter().find(|x| x.name == c.name).unwrap();
            let eq = flash_postgres::PostgresDialect.exprs_equal(&l.expr, &c.expr);
            println!("{} check {}", if eq {"OK  "} else {"DIFF"}, c.name);
            if !eq { println!("   parsed: {}\n   live:   {}", flash_postgres::canon::expr(&c.expr), flash_postgres::canon::expr(&l.expr)); }
        }
        for c in &t.columns {
            let l = lt.column(&c.name).unwrap();
            if !flash_postgres::PostgresDialect.defaults_equal(c, l.default.as_deref(), c.default.as_deref()) {
                println!("DIFF default {}: parsed {:?} live {:?}", c.name, c.default, l.default);
            }
            if let (Some(a), Some(b)) = (&c.generated, &l.generated) {
                if !flash_postgres::PostgresDialect.exprs_equal(&a.expr, &b.expr) { println!("DIFF generated {}", c.name); }
            }
        }
        for i in &t.indexes {
            let l = lt.index(&i.name).unwrap();
            for (a, b) in i.parts.iter().zip(&l.parts) {
                if a.expr.is_some() && !flash_postgres::PostgresDialect.exprs_equal(a.expr.as_deref().unwrap(), b.expr.as_deref().unwrap_or("")) {
                    println!("DIFF index {} {:?} {:?}", i.name, a.expr, b.expr);
                }
            }
            if let (Some(a), Some(b)) = (&i.predicate, &l.predicate) {
                if !flash_postgres::PostgresDialect.exprs_equal(a, b) { println!("DIFF pred {} {a} | {b}", i.name); }
            }
        }
    }
}
