//! Snapshot tests of the planner: for every case folder, the Up plan (from → to) and the Down
//! plan (to → from), with their destructive reasons.

// Test helpers may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used)]

mod common;

use common::{case_dirs, case_name, plan_case, render};

#[test]
fn every_case_plans_up_and_down_as_in_its_snapshot() {
    let dirs = case_dirs();
    assert!(!dirs.is_empty(), "no case folders found");
    for dir in dirs {
        let name = case_name(&dir);
        let plans = plan_case(&dir);
        let text = format!(
            "-- +migrate Up\n{}\n-- +migrate Down\n{}",
            render(&plans.up),
            render(&plans.down)
        );
        insta::with_settings!({
            snapshot_path => "../testdata/snapshots",
            prepend_module_to_snapshot => false,
            description => format!("{name}: Up plan, then Down plan"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, text);
        });
    }
}
