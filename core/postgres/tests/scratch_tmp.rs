mod common;
use flash_schema::Driver;
#[tokio::test]
async fn scratch() {
    let db = flash_testkit::TestDb::postgres().await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/cases/create_table");
    let (_, to) = common::schemas(&dir);
    let plan = common::create_plan(&to);
    let mut drv = flash_postgres::connect(&db.url).await.unwrap();
    for s in &plan.statements { drv.query(&s.sql).await.unwrap(); }
    let live = drv.inspect().await.unwrap();
    println!("{}", serde_json::to_string_pretty(&live).unwrap());
    let mut wrong = to.clone();
    wrong.tables[0].columns[1].default = Some("'x'".into());
    let r = flash_diff::diff(&live, &wrong, &flash_postgres::PostgresDialect, &Default::default());
    println!("{:?}", r.changes.iter().map(|c| c.summary()).collect::<Vec<_>>());
}
