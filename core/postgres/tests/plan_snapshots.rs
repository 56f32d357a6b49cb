//! Snapshot tests of the planner: for every `testdata/cases/<case>`, the Up SQL
//! (from.sql → to.sql) and the Down SQL (to.sql → from.sql), with destructive reasons.

// Tests may unwrap: a failure is a panic with the value shown.
#![allow(clippy::unwrap_used)]

mod common;

#[test]
fn plan_snapshots_for_every_case() {
    let dirs = common::case_dirs();
    assert!(
        dirs.len() >= 20,
        "expected the case folders, found {}",
        dirs.len()
    );
    for dir in dirs {
        let name = common::case_name(&dir);
        let (from, to) = common::schemas(&dir);
        let (up, down) = common::plans(&from, &to);
        let text = format!(
            "-- +migrate Up\n{}\n-- +migrate Down\n{}",
            common::render(&up),
            common::render(&down)
        );
        insta::with_settings!({ snapshot_path => "../testdata/snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, text);
        });
    }
}
