//! Snapshot tests of the planner: for each case folder, parse `from.sql` and `to.sql`, diff
//! and plan both ways, and compare the Up and Down SQL with the committed snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

fn snapshot_case(case: &str) {
    let p = common::plans(case);
    let mut text = String::new();
    text.push_str("-- +migrate Up\n");
    text.push_str(&common::render(&p.up));
    text.push_str("\n-- +migrate Down\n");
    text.push_str(&common::render(&p.down));
    if !p.rename_candidates.is_empty() {
        text.push_str("\n-- undeclared rename candidates: ");
        text.push_str(&p.rename_candidates.join(", "));
        text.push('\n');
    }
    insta::with_settings!({
        snapshot_path => "../testdata/snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(case, text);
    });
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                snapshot_case(stringify!($name));
            }
        )*

        #[test]
        fn every_case_folder_has_a_snapshot_test() {
            let listed: Vec<&str> = vec![$(stringify!($name)),*];
            for case in common::case_names() {
                assert!(listed.contains(&case.as_str()), "case folder {case} is not listed in plan_snapshots.rs");
            }
        }
    };
}

cases!(
    add_column,
    auto_increment,
    checks,
    collation,
    column_type,
    comments,
    create_table,
    defaults,
    drop_column,
    drop_table,
    enums,
    expression_index,
    fk_column_type,
    fk_index,
    fk_ordering,
    foreign_keys,
    generated,
    generated_dependencies,
    index_rename,
    indexes,
    more_types,
    nullability,
    primary_key,
    quoting,
    raw_objects,
    renames,
    table_options,
    unique,
    views,
);
