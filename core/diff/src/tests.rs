use super::*;
use flash_schema::{Column, ColumnType, ForeignKey, Schema, Table, TypeKind};

struct Plain;
impl DiffHooks for Plain {}

fn int() -> ColumnType {
    ColumnType::new(
        "integer",
        TypeKind::Int {
            bits: 32,
            unsigned: false,
        },
    )
}

fn table(name: &str, cols: &[&str]) -> Table {
    let mut t = Table::new(name);
    t.columns = cols.iter().map(|c| Column::new(*c, int())).collect();
    t
}

fn names(r: &DiffResult) -> Vec<String> {
    r.changes.iter().map(|c| c.summary()).collect()
}

#[test]
fn normalize_ignores_case_space_and_outer_parens() {
    assert_eq!(normalize_sql_text("( price  >  0 )"), "price>0");
    assert_eq!(normalize_sql_text("NOW()"), "now()");
    assert_eq!(normalize_sql_text("'A  b'"), "'A  b'");
    assert_eq!(normalize_sql_text("(a) + (b)"), "(a)+(b)");
}

#[test]
fn tables_created_parent_first_and_dropped_child_first() {
    let mut child = table("child", &["id", "parent_id"]);
    child.foreign_keys.push(ForeignKey {
        id: Default::default(),
        name: "child_parent_id_fkey".into(),
        auto_named: true,
        columns: vec!["parent_id".into()],
        ref_schema: None,
        ref_table: "parent".into(),
        ref_columns: vec!["id".into()],
        on_delete: Default::default(),
        on_update: Default::default(),
        deferrable: false,
        location: None,
    });
    let to = Schema {
        tables: vec![child, table("parent", &["id"])],
        ..Default::default()
    };
    let up = diff(&Schema::default(), &to, &Plain, &DiffOptions::default());
    assert_eq!(names(&up), vec!["+ table parent", "+ table child"]);
    let down = diff(&to, &Schema::default(), &Plain, &DiffOptions::default());
    assert_eq!(names(&down), vec!["- table child", "- table parent"]);
}

#[test]
fn declared_rename_is_a_rename_and_undeclared_is_a_candidate() {
    let from = Schema {
        tables: vec![table("users", &["id", "mail"])],
        ..Default::default()
    };
    let mut to_t = table("users", &["id", "email"]);
    to_t.columns[1].renamed_from = Some("mail".into());
    let to = Schema {
        tables: vec![to_t.clone()],
        ..Default::default()
    };
    let r = diff(&from, &to, &Plain, &DiffOptions::default());
    assert_eq!(names(&r), vec!["~ column users.mail -> email"]);
    assert!(r.rename_candidates.is_empty());

    to_t.columns[1].renamed_from = None;
    let to = Schema {
        tables: vec![to_t],
        ..Default::default()
    };
    let r = diff(&from, &to, &Plain, &DiffOptions::default());
    assert_eq!(
        names(&r),
        vec!["- column users.mail", "+ column users.email"]
    );
    assert_eq!(r.rename_candidates.len(), 1);
    assert_eq!(r.rename_candidates[0].flag(), "--rename users.mail=email");

    let opts = DiffOptions {
        renames: vec![Rename::parse("users.mail=email").unwrap()],
    };
    let r = diff(&from, &to, &Plain, &opts);
    assert_eq!(names(&r), vec!["~ column users.mail -> email"]);
    assert_eq!(
        r.reverse_renames(),
        vec![Rename::Column {
            table: "users".into(),
            from: "email".into(),
            to: "mail".into()
        }]
    );
}

#[test]
fn table_rename_keeps_ids() {
    let mut from = Schema {
        tables: vec![table("people", &["id"])],
        ..Default::default()
    };
    assign_ids(&mut from, &Schema::default(), &[]);
    let mut t = table("persons", &["id"]);
    t.renamed_from = Some("people".into());
    let mut to = Schema {
        tables: vec![t],
        ..Default::default()
    };
    let r = diff(&from, &to, &Plain, &DiffOptions::default());
    assert_eq!(names(&r), vec!["~ table people -> persons"]);
    assign_ids(&mut to, &from, &r.changes);
    assert_eq!(to.tables[0].id, from.tables[0].id);
    assert_eq!(to.tables[0].columns[0].id, from.tables[0].columns[0].id);
}

#[test]
fn auto_named_constraints_match_by_definition_but_explicit_names_count() {
    let mut a = table("t", &["x"]);
    a.uniques.push(flash_schema::UniqueConstraint {
        id: Default::default(),
        name: "x_unique".into(),
        auto_named: false,
        columns: vec!["x".into()],
        location: None,
    });
    // The schema no longer names it: the name the database has is kept.
    let mut b = a.clone();
    b.uniques[0].name = "t_x_key".into();
    b.uniques[0].auto_named = true;
    let old = Schema {
        tables: vec![a.clone()],
        ..Default::default()
    };
    let new = Schema {
        tables: vec![b.clone()],
        ..Default::default()
    };
    assert!(diff(&old, &new, &Plain, &DiffOptions::default()).is_empty());
    // ... and the snapshot records the database's name.
    let mut snap = new.clone();
    assign_ids(&mut snap, &old, &[]);
    assert_eq!(snap.tables[0].uniques[0].name, "x_unique");

    // A new explicit name is a change.
    let r = diff(&new, &old, &Plain, &DiffOptions::default());
    assert_eq!(names(&r), vec!["- unique t.t_x_key", "+ unique t.x_unique"]);
}

#[test]
fn table_options_count_only_when_stated() {
    let a = table("t", &["x"]);
    let mut b = a.clone();
    b.options.engine = Some("InnoDB".into());
    let old = Schema {
        tables: vec![a],
        ..Default::default()
    };
    let new = Schema {
        tables: vec![b],
        ..Default::default()
    };
    assert_eq!(
        names(&diff(&old, &new, &Plain, &DiffOptions::default())),
        vec!["~ options of t"]
    );
    assert!(diff(&new, &old, &Plain, &DiffOptions::default()).is_empty());
}

#[test]
fn a_leftover_renamed_from_does_not_pair_a_later_table() {
    // `accounts` was renamed from `users` long ago; a new `users` came and now goes again.
    let mut accounts = table("accounts", &["id"]);
    accounts.renamed_from = Some("users".into());
    let from = Schema {
        tables: vec![table("accounts", &["id"]), table("users", &["id", "x"])],
        ..Default::default()
    };
    let to = Schema {
        tables: vec![accounts],
        ..Default::default()
    };
    let r = diff(&from, &to, &Plain, &DiffOptions::default());
    assert_eq!(names(&r), vec!["- table users"]);
}

#[test]
fn column_rename_candidates_pair_one_to_one() {
    let from = Schema {
        tables: vec![table("p", &["id", "first", "last"])],
        ..Default::default()
    };
    let to = Schema {
        tables: vec![table("p", &["id", "given", "family"])],
        ..Default::default()
    };
    let r = diff(&from, &to, &Plain, &DiffOptions::default());
    let flags: Vec<String> = r.rename_candidates.iter().map(|c| c.flag()).collect();
    assert_eq!(
        flags,
        vec!["--rename p.first=given", "--rename p.last=family"]
    );
}

#[test]
fn a_renamed_table_with_a_new_column_is_a_rename_candidate() {
    let from = Schema {
        tables: vec![table("users", &["id", "email", "name"])],
        ..Default::default()
    };
    let to = Schema {
        tables: vec![
            table("accounts", &["id", "email", "name", "bio"]),
            table("tags", &["id"]),
        ],
        ..Default::default()
    };
    let r = diff(&from, &to, &Plain, &DiffOptions::default());
    let flags: Vec<String> = r.rename_candidates.iter().map(|c| c.flag()).collect();
    assert_eq!(flags, vec!["--rename users=accounts"]);
    let opts = DiffOptions {
        renames: vec![Rename::parse("users=accounts").unwrap()],
    };
    let r = diff(&from, &to, &Plain, &opts);
    assert_eq!(
        names(&r),
        vec![
            "~ table users -> accounts",
            "+ table tags",
            "+ column accounts.bio"
        ]
    );
    // Unrelated tables are not suggested.
    let to = Schema {
        tables: vec![table("events", &["id", "at", "kind"])],
        ..Default::default()
    };
    assert!(diff(&from, &to, &Plain, &DiffOptions::default())
        .rename_candidates
        .is_empty());
}

fn enum_(name: &str, values: &[&str]) -> flash_schema::Enum {
    flash_schema::Enum {
        id: Default::default(),
        schema: None,
        name: name.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
        renamed_from: None,
        location: None,
    }
}

fn enum_col(name: &str, ty: &str, values: &[&str]) -> Column {
    Column::new(
        name,
        ColumnType::new(
            ty,
            TypeKind::Enum {
                name: Some(ty.into()),
                values: values.iter().map(|v| v.to_string()).collect(),
            },
        ),
    )
}

fn view(name: &str, def: &str) -> flash_schema::View {
    flash_schema::View {
        id: Default::default(),
        schema: None,
        name: name.into(),
        columns: Vec::new(),
        definition: def.into(),
        materialized: false,
        renamed_from: None,
        location: None,
    }
}

/// PostgreSQL-like: views and constraints are renamed in place.
struct Renaming;
impl DiffHooks for Renaming {
    fn renames_constraints(&self) -> bool {
        true
    }
}

/// SQLite-like: no view renames.
struct NoViewRenames;
impl DiffHooks for NoViewRenames {
    fn renames_views(&self) -> bool {
        false
    }
}

#[test]
fn declared_enum_and_view_renames_keep_the_element() {
    let mut users = table("users", &["id"]);
    users.columns.push(enum_col("m", "mood", &["sad", "ok"]));
    let from = Schema {
        enums: vec![enum_("mood", &["sad", "ok"])],
        tables: vec![users],
        views: vec![view("adults", "SELECT id FROM users")],
        ..Default::default()
    };
    let mut users = table("users", &["id"]);
    users
        .columns
        .push(enum_col("m", "feeling", &["sad", "ok", "happy"]));
    let mut feeling = enum_("feeling", &["sad", "ok", "happy"]);
    feeling.renamed_from = Some("mood".into());
    let mut grownups = view("grownups", "SELECT id, m FROM users");
    grownups.renamed_from = Some("adults".into());
    let to = Schema {
        enums: vec![feeling],
        tables: vec![users],
        views: vec![grownups],
        ..Default::default()
    };
    let up = diff(&from, &to, &Plain, &DiffOptions::default());
    // The column follows the rename (no type change); the new value and the new definition
    // apply under the new names.
    assert_eq!(
        names(&up),
        vec![
            "~ view adults -> grownups",
            "~ enum mood -> feeling",
            "~ enum feeling (values added)",
            "~ view grownups",
        ]
    );
    // The Down diff is told the renames the other way round.
    let back = diff(
        &to,
        &from,
        &Plain,
        &DiffOptions {
            renames: up.reverse_renames(),
        },
    );
    assert_eq!(
        names(&back),
        vec![
            "~ view grownups -> adults",
            "~ enum feeling -> mood",
            "~ enum mood (rebuilt)",
            "~ view adults",
        ]
    );
    // Without the declaration: dropped and created.
    let mut plain = to.clone();
    plain.enums[0].renamed_from = None;
    plain.views[0].renamed_from = None;
    let r = diff(&from, &plain, &Plain, &DiffOptions::default());
    assert!(names(&r).contains(&"- enum mood".to_string()), "{r:?}");
    // ... unless a flag says so.
    let flagged = DiffOptions {
        renames: vec![
            Rename::parse("mood=feeling").unwrap(),
            Rename::parse("adults=grownups").unwrap(),
        ],
    };
    assert_eq!(names(&diff(&from, &plain, &Plain, &flagged)), names(&up));
    // A database without view renames drops and creates the view.
    let r = diff(&from, &to, &NoViewRenames, &DiffOptions::default());
    assert!(names(&r).contains(&"- view adults".to_string()), "{r:?}");
    assert!(names(&r).contains(&"+ view grownups".to_string()), "{r:?}");
}

#[test]
fn a_constraint_with_a_new_explicit_name_is_renamed_where_the_database_can() {
    let check = |name: &str, auto_named: bool| flash_schema::Check {
        id: Default::default(),
        name: name.into(),
        auto_named,
        expr: "id > 0".into(),
        location: None,
    };
    let mut a = table("users", &["id"]);
    a.checks.push(check("users_id_check", true));
    let mut b = table("users", &["id"]);
    b.checks.push(check("id_positive", false));
    let from = Schema {
        tables: vec![a],
        ..Default::default()
    };
    let to = Schema {
        tables: vec![b],
        ..Default::default()
    };
    let r = diff(&from, &to, &Renaming, &DiffOptions::default());
    assert_eq!(
        names(&r),
        vec!["~ constraint users.users_id_check -> id_positive"]
    );
    let r = diff(&from, &to, &Plain, &DiffOptions::default());
    assert_eq!(
        names(&r),
        vec!["- check users.users_id_check", "+ check users.id_positive"]
    );
    // The snapshot keeps the constraint's id under its new name.
    let mut from = from;
    from.tables[0].checks[0].id = flash_schema::ElementId("check:users.users_id_check".into());
    let mut to = to;
    let r = diff(&from, &to, &Renaming, &DiffOptions::default());
    assign_ids(&mut to, &from, &r.changes);
    assert_eq!(to.tables[0].checks[0].name, "id_positive");
    assert_eq!(to.tables[0].checks[0].id.0, "check:users.users_id_check");
}

#[test]
fn generated_columns_are_dropped_first_and_added_last() {
    let generated = |name: &str, expr: &str| {
        let mut c = Column::new(name, int());
        c.generated = Some(flash_schema::Generated {
            expr: expr.into(),
            stored: true,
        });
        c
    };
    // Found by the property test (PostgreSQL seed 218, MySQL seeds 1467 and 1714 at 2000
    // pairs): a base column dropped before the generated column computed from it fails.
    let mut old = table("t", &["id", "base", "other"]);
    old.columns.push(generated("g", "base * 2"));
    old.columns.push(generated("h", "id * 2"));
    let mut new = table("t", &["id", "other", "fresh"]);
    new.columns.push(generated("k", "fresh * 3"));
    new.columns.push(Column::new("h", int()));
    let from = Schema {
        tables: vec![old],
        ..Default::default()
    };
    let to = Schema {
        tables: vec![new],
        ..Default::default()
    };
    let up = diff(&from, &to, &Plain, &DiffOptions::default());
    assert_eq!(
        names(&up),
        vec![
            "- column t.g",
            "~ column t.h",
            "- column t.base",
            "+ column t.fresh",
            "+ column t.k",
        ]
    );
}
