//! The Python backend: snapshots of its output for hand-built requests (one per database,
//! every type and every command), its errors, and the proof that the output type-checks
//! (`mypy --strict`, every driver and option) and imports, and that the sqlite3 and aiosqlite
//! code runs against a real database, when `python3` is on PATH.

// Skips say so on stderr; helpers outside #[test] functions fail with a message.
#![allow(clippy::print_stderr, clippy::expect_used, clippy::panic)]

use flash_codegen::ir::InsertTarget;
use flash_codegen::options::{PyDriver, PyEnums};
use flash_codegen::{
    python, Catalog, Field, GenError, GenRequest, GeneratedFile, IrParam, IrQuery, ModelEnum,
    ModelTable, PythonOptions, QueryFile,
};
use flash_schema::{Provider, TypeKind};
use flash_sql::{parse_queries, SourceFile};
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------------------------------------
// Building requests by hand.

fn int(bits: u8) -> TypeKind {
    TypeKind::Int {
        bits,
        unsigned: false,
    }
}
fn text() -> TypeKind {
    TypeKind::String {
        len: None,
        fixed: false,
    }
}
fn float() -> TypeKind {
    TypeKind::Float { bits: 64 }
}
fn decimal() -> TypeKind {
    TypeKind::Decimal {
        precision: Some(12),
        scale: Some(2),
    }
}
fn bytes() -> TypeKind {
    TypeKind::Bytes {
        len: None,
        fixed: false,
    }
}
fn time(tz: bool) -> TypeKind {
    TypeKind::Time { tz }
}
fn timestamp(tz: bool) -> TypeKind {
    TypeKind::Timestamp { tz }
}
fn json(binary: bool) -> TypeKind {
    TypeKind::Json { binary }
}
fn mood() -> TypeKind {
    TypeKind::Enum {
        name: Some("mood".into()),
        values: MOOD.iter().map(|v| v.to_string()).collect(),
    }
}
fn array(element: TypeKind) -> TypeKind {
    TypeKind::Array {
        element: Box::new(element),
    }
}

const MOOD: &[&str] = &["sad", "ok", "happy", "in-progress"];

fn f(name: &str, ty: TypeKind, nullable: bool) -> Field {
    Field {
        name: name.into(),
        ty,
        nullable,
    }
}
fn p(name: &str, ty: TypeKind, nullable: bool) -> IrParam {
    IrParam {
        name: name.into(),
        ty,
        nullable,
        slice: false,
    }
}
fn list(name: &str, ty: TypeKind) -> IrParam {
    IrParam {
        name: name.into(),
        ty,
        nullable: false,
        slice: true,
    }
}
fn table(name: &str, columns: Vec<Field>) -> ModelTable {
    ModelTable {
        schema: None,
        name: name.into(),
        columns,
        view: false,
    }
}
/// A parameter per column (an INSERT of every column).
fn params_of(columns: &[Field]) -> Vec<IrParam> {
    columns
        .iter()
        .map(|c| p(&c.name, c.ty.clone(), c.nullable))
        .collect()
}

/// What the analysis would say about one query.
#[derive(Default)]
struct Spec {
    params: Vec<IrParam>,
    columns: Vec<Field>,
    model: Option<&'static str>,
    insert: Option<(&'static str, &'static [&'static str])>,
}

fn spec(params: Vec<IrParam>, columns: Vec<Field>) -> Spec {
    Spec {
        params,
        columns,
        ..Spec::default()
    }
}
fn model(params: Vec<IrParam>, table: &ModelTable) -> Spec {
    let name: &'static str = Box::leak(table.name.clone().into_boxed_str());
    Spec {
        params,
        columns: table.columns.clone(),
        model: Some(name),
        insert: None,
    }
}

/// A query file parsed by flash-sql, with each query's analysis given by hand.
fn query_file(provider: Provider, path: &str, sql: &str, specs: Vec<Spec>) -> QueryFile {
    let queries = parse_queries(&SourceFile::new(path, sql), provider)
        .unwrap_or_else(|e| panic!("{path}: {e:?}"));
    assert_eq!(queries.len(), specs.len(), "{path}: one spec per query");
    QueryFile {
        path: path.into(),
        queries: queries
            .into_iter()
            .zip(specs)
            .map(|(query, s)| {
                assert_eq!(query.params.len(), s.params.len(), "{}: params", query.name);
                IrQuery {
                    query,
                    params: s.params,
                    columns: s.columns,
                    model: s.model.map(str::to_string),
                    insert: s.insert.map(|(t, cols)| InsertTarget {
                        schema: None,
                        table: t.into(),
                        columns: cols.iter().map(|c| c.to_string()).collect(),
                    }),
                }
            })
            .collect(),
    }
}

fn posts() -> ModelTable {
    table(
        "posts",
        vec![
            f("id", int(64), false),
            f("author_id", int(64), false),
            f("title", text(), false),
            f("body", text(), true),
        ],
    )
}

fn comments() -> ModelTable {
    table(
        "comments",
        vec![
            f("id", int(64), false),
            f("post_id", int(64), false),
            f("body", text(), false),
        ],
    )
}

/// The users table of each database: every type it has, nullable and not.
fn users(provider: Provider) -> ModelTable {
    let mut cols = vec![
        f("id", int(64), false),
        f("email", text(), false),
        f("name", text(), true),
        f("mood", mood(), false),
        f("active", TypeKind::Bool, false),
        f("score", float(), true),
        f("balance", decimal(), true),
        f("avatar", bytes(), true),
        f("birthday", TypeKind::Date, true),
        f("wake_at", time(false), true),
        f("created_at", timestamp(false), false),
        f("seen_at", timestamp(true), true),
        f("api_key", TypeKind::Uuid, false),
        f("prefs", json(false), true),
        f("from", text(), true),
        f("type", text(), true),
    ];
    if provider == Provider::Postgresql {
        cols.extend([
            f("meta", json(true), false),
            f("wake_tz", time(true), true),
            f("period", TypeKind::Interval, true),
            f("tags", array(text()), false),
            f("moods", array(mood()), true),
            f(
                "ip",
                TypeKind::Other {
                    name: "inet".into(),
                },
                true,
            ),
        ]);
    }
    table("users", cols)
}

/// The request of one database: users/posts/comments and a view, every command.
fn request(provider: Provider) -> GenRequest {
    let pg = provider == Provider::Postgresql;
    let users = users(provider);
    let posts = posts();
    let mut emails = table(
        "user_emails",
        vec![f("id", int(64), false), f("email", text(), false)],
    );
    emails.view = true;

    // The parameter syntax of each database.
    let arg = |name: &str| match provider {
        Provider::Mysql => format!("sqlc.arg({name})"),
        _ => format!("@{name}"),
    };
    let inserted: Vec<&Field> = users.columns.iter().skip(1).collect();
    let insert_cols: Vec<String> = inserted
        .iter()
        .map(|c| {
            format!("\"{}\"", c.name).replace(
                '"',
                if provider == Provider::Mysql {
                    "`"
                } else {
                    "\""
                },
            )
        })
        .collect();
    let insert_vals: Vec<String> = inserted.iter().map(|c| arg(&c.name)).collect();
    let returning = if pg { " RETURNING id" } else { "" };
    let like = match provider {
        Provider::Mysql => format!("CONCAT('%', {})", arg("domain")),
        _ => format!("'%' || {}", arg("domain")),
    };
    let by_mood = match provider {
        Provider::Postgresql => "sqlc.narg(mood)::mood IS NULL OR mood = sqlc.narg(mood)",
        _ => "sqlc.narg(mood) IS NULL OR mood = sqlc.narg(mood)",
    };
    let many_moods = if pg {
        "-- name: ListUsersByMoods :many\nSELECT id, moods FROM users WHERE mood = ANY(@moods::mood[]);"
            .to_string()
    } else {
        format!(
            "-- name: ListUsersByIds :many\nSELECT * FROM users WHERE id IN (sqlc.slice(ids)) AND email <> {} ORDER BY id;",
            arg("not_email")
        )
    };
    let users_sql = format!(
        r#"
-- Finds a user by id.
-- The row is the users model.
-- name: GetUser :one
SELECT * FROM users WHERE id = {id};

-- name: ListUsersByMood :many
SELECT id, email, mood FROM users
WHERE {by_mood}
ORDER BY id;

{many_moods}

-- Every user whose e-mail ends in "domain" (the % stays a LIKE wildcard).
-- name: SearchEmails :many
SELECT id, email FROM users WHERE email LIKE {like} ORDER BY id;

-- name: CreateUser :execlastid
INSERT INTO users ({cols}) VALUES ({vals}){returning};

-- name: UpdatePrefs :exec
UPDATE users SET prefs = {prefs}, mood = {mood} WHERE api_key = {api_key};

-- name: DeleteUser :execrows
DELETE FROM users WHERE id = {id};

-- name: TouchUsers :execresult
UPDATE users SET seen_at = {now} WHERE created_at < {before};

-- name: CountUsers :one
SELECT count(*) AS count FROM users;
"#,
        id = arg("id"),
        cols = insert_cols.join(", "),
        vals = insert_vals.join(", "),
        prefs = arg("prefs"),
        mood = arg("mood"),
        api_key = arg("api_key"),
        before = arg("before"),
        now = arg("now"),
    );
    let id = || p("id", int(64), false);
    let users_file = query_file(
        provider,
        "users.sql",
        &users_sql,
        vec![
            model(vec![id()], &users),
            spec(
                vec![p("mood", mood(), true)],
                vec![
                    f("id", int(64), false),
                    f("email", text(), false),
                    f("mood", mood(), false),
                ],
            ),
            if pg {
                spec(
                    vec![p("moods", array(mood()), false)],
                    vec![f("id", int(64), false), f("moods", array(mood()), true)],
                )
            } else {
                model(
                    vec![list("ids", int(64)), p("not_email", text(), false)],
                    &users,
                )
            },
            spec(
                vec![p("domain", text(), false)],
                vec![f("id", int(64), false), f("email", text(), false)],
            ),
            spec(
                params_of(&users.columns[1..]),
                if pg {
                    vec![f("id", int(64), false)]
                } else {
                    vec![]
                },
            ),
            spec(
                vec![
                    p("prefs", json(false), true),
                    p("mood", mood(), false),
                    p("api_key", TypeKind::Uuid, false),
                ],
                vec![],
            ),
            spec(vec![id()], vec![]),
            spec(
                vec![
                    p("now", timestamp(true), false),
                    p("before", timestamp(false), false),
                ],
                vec![],
            ),
            spec(vec![], vec![f("count", int(64), false)]),
        ],
    );

    let posts_sql = format!(
        r#"
-- name: CreatePosts :copyfrom
INSERT INTO posts (author_id, title, body) VALUES ({author_id}, {title}, {body});

-- name: ListPostsWithAuthors :many
SELECT p.id, p.title, u.id, u.email FROM posts p JOIN users u ON u.id = p.author_id ORDER BY p.id;

-- name: GetPosts :batchone
SELECT * FROM posts WHERE id = {id};

-- name: ListPostsByAuthor :batchmany
SELECT id, title FROM posts WHERE author_id = {author_id} ORDER BY id;

-- name: DeletePosts :batchexec
DELETE FROM posts WHERE id = {id};
"#,
        author_id = arg("author_id"),
        title = arg("title"),
        body = arg("body"),
        id = arg("id"),
    );
    let post_params = vec![
        p("author_id", int(64), false),
        p("title", text(), false),
        p("body", text(), true),
    ];
    let posts_file = query_file(
        provider,
        "posts.sql",
        &posts_sql,
        vec![
            Spec {
                params: post_params,
                insert: Some(("posts", &["author_id", "title", "body"])),
                ..Spec::default()
            },
            spec(
                vec![],
                vec![
                    f("id", int(64), false),
                    f("title", text(), false),
                    f("id_2", int(64), false),
                    f("email", text(), false),
                ],
            ),
            model(vec![id()], &posts),
            spec(
                vec![p("author_id", int(64), false)],
                vec![f("id", int(64), false), f("title", text(), false)],
            ),
            spec(vec![id()], vec![]),
        ],
    );

    let audit_sql = r#"
-- name: ListUserEmails :many
SELECT * FROM user_emails ORDER BY id;

-- name: Import :exec
DELETE FROM comments;
"#;
    let audit_file = query_file(
        provider,
        "admin/audit.sql",
        audit_sql,
        vec![model(vec![], &emails), spec(vec![], vec![])],
    );

    GenRequest {
        provider,
        catalog: Catalog {
            tables: vec![users, posts, comments(), emails],
            enums: vec![ModelEnum {
                name: "mood".into(),
                values: MOOD.iter().map(|v| v.to_string()).collect(),
            }],
        },
        files: vec![audit_file, posts_file, users_file],
    }
}

fn opts(driver: PyDriver, async_: bool, enums: PyEnums, frozen: bool) -> PythonOptions {
    PythonOptions {
        driver,
        async_,
        frozen,
        enums,
    }
}

/// Every driver with its database, `async`, and a package name.
const VARIANTS: &[(PyDriver, Provider, bool, &str)] = &[
    (PyDriver::Asyncpg, Provider::Postgresql, true, "asyncpg"),
    (PyDriver::Psycopg, Provider::Postgresql, false, "psycopg"),
    (
        PyDriver::Psycopg,
        Provider::Postgresql,
        true,
        "psycopg_async",
    ),
    (PyDriver::Sqlite3, Provider::Sqlite, false, "sqlite3"),
    (PyDriver::Aiosqlite, Provider::Sqlite, true, "aiosqlite"),
    (PyDriver::Pymysql, Provider::Mysql, false, "pymysql"),
    (PyDriver::Aiomysql, Provider::Mysql, true, "aiomysql"),
];

fn generate(
    driver: PyDriver,
    provider: Provider,
    async_: bool,
    enums: PyEnums,
    frozen: bool,
) -> Vec<GeneratedFile> {
    python::generate(&request(provider), &opts(driver, async_, enums, frozen))
        .unwrap_or_else(|e| panic!("{driver:?}: {e}"))
}

/// All files of one output, for a snapshot.
fn render(files: &[GeneratedFile]) -> String {
    files
        .iter()
        .map(|f| format!("==> {} <==\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------------
// Snapshots.

#[test]
fn snapshots_per_driver() {
    for &(driver, provider, async_, name) in VARIANTS {
        let files = generate(driver, provider, async_, PyEnums::Enum, false);
        insta::assert_snapshot!(format!("python_{name}"), render(&files));
    }
}

#[test]
fn snapshot_literal_enums_frozen() {
    let files = generate(
        PyDriver::Sqlite3,
        Provider::Sqlite,
        false,
        PyEnums::Literal,
        true,
    );
    let models = files
        .iter()
        .find(|f| f.path == "models.py")
        .expect("models.py");
    insta::assert_snapshot!("python_models_literal_frozen", models.contents);
}

#[test]
fn output_is_deterministic_and_complete() {
    let a = generate(
        PyDriver::Psycopg,
        Provider::Postgresql,
        false,
        PyEnums::Enum,
        false,
    );
    let b = generate(
        PyDriver::Psycopg,
        Provider::Postgresql,
        false,
        PyEnums::Enum,
        false,
    );
    assert_eq!(a, b);
    let paths: Vec<&str> = a.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "__init__.py",
            "admin_audit.py",
            "models.py",
            "posts.py",
            "py.typed",
            "users.py"
        ]
    );
    for f in &a {
        if f.path.ends_with(".py") {
            assert!(
                f.contents
                    .starts_with("# Code generated by flash-orm. DO NOT EDIT.\n"),
                "{}",
                f.path
            );
        }
    }
    let users = &a
        .iter()
        .find(|f| f.path == "users.py")
        .expect("users.py")
        .contents;
    // `%` doubled for psycopg, the nullable parameter bound at both of its uses.
    assert!(users.contains("LIKE '%%' || %s"), "{users}");
    assert!(
        users.contains("(mood, mood)") || users.contains("mood.value"),
        "{users}"
    );
    assert!(users.contains("from_: str | None"), "{users}");
}

// ---------------------------------------------------------------------------------------------
// Errors.

fn error_of(req: &GenRequest, o: &PythonOptions) -> GenError {
    match python::generate(req, o) {
        Ok(_) => panic!("expected an error for {o:?}"),
        Err(e) => e,
    }
}

#[test]
fn options_must_fit_driver_and_database() {
    let pg = request(Provider::Postgresql);
    let e = error_of(&pg, &opts(PyDriver::Sqlite3, false, PyEnums::Enum, false));
    assert!(matches!(e, GenError::Options { .. }), "{e}");
    assert!(e.help().contains("asyncpg or psycopg"), "{}", e.help());

    let e = error_of(&pg, &opts(PyDriver::Asyncpg, false, PyEnums::Enum, false));
    assert!(matches!(e, GenError::Options { .. }), "{e}");
    assert!(e.to_string().contains("async only"), "{e}");

    let lite = request(Provider::Sqlite);
    let e = error_of(&lite, &opts(PyDriver::Sqlite3, true, PyEnums::Enum, false));
    assert!(e.help().contains("async = false"), "{}", e.help());
}

#[test]
fn unsupported_queries_say_what_to_do() {
    // :execlastid on PostgreSQL without RETURNING.
    let mut req = request(Provider::Postgresql);
    let users = req
        .files
        .iter_mut()
        .find(|f| f.path == "users.sql")
        .expect("users");
    let q = users
        .queries
        .iter_mut()
        .find(|q| q.name() == "CreateUser")
        .expect("CreateUser");
    q.columns.clear();
    let e = error_of(&req, &opts(PyDriver::Asyncpg, true, PyEnums::Enum, false));
    assert!(matches!(e, GenError::Unsupported { .. }), "{e}");
    assert!(e.help().contains("RETURNING"), "{}", e.help());

    // :copyfrom on PostgreSQL without its insert target.
    let mut req = request(Provider::Postgresql);
    let posts = req
        .files
        .iter_mut()
        .find(|f| f.path == "posts.sql")
        .expect("posts");
    posts.queries[0].insert = None;
    let e = error_of(&req, &opts(PyDriver::Psycopg, false, PyEnums::Enum, false));
    assert!(e.to_string().contains(":copyfrom"), "{e}");

    // :many of a statement without columns.
    let mut req = request(Provider::Sqlite);
    let audit = req
        .files
        .iter_mut()
        .find(|f| f.path == "admin/audit.sql")
        .expect("audit");
    audit.queries[0].columns.clear();
    audit.queries[0].model = None;
    let e = error_of(&req, &opts(PyDriver::Sqlite3, false, PyEnums::Enum, false));
    assert!(e.help().contains(":exec"), "{}", e.help());
}

#[test]
fn name_clashes_are_reported() {
    // Two query files that give the same module.
    let mut req = request(Provider::Sqlite);
    let mut copy = req.files[0].clone();
    copy.path = "admin-audit.sql".into();
    req.files.push(copy);
    let e = error_of(&req, &opts(PyDriver::Sqlite3, false, PyEnums::Enum, false));
    assert!(matches!(e, GenError::NameClash { .. }), "{e}");

    // The same query name in two modules: the package re-exports both.
    let mut req = request(Provider::Sqlite);
    let audit = req
        .files
        .iter_mut()
        .find(|f| f.path == "admin/audit.sql")
        .expect("audit");
    audit.queries[1].query.name = "DeleteUser".into();
    let e = error_of(&req, &opts(PyDriver::Sqlite3, false, PyEnums::Enum, false));
    assert!(e.to_string().contains("delete_user"), "{e}");

    // Two tables whose singulars clash keep their names as written.
    let mut req = request(Provider::Sqlite);
    req.catalog
        .tables
        .push(table("user", vec![f("id", int(64), false)]));
    let files = python::generate(&req, &opts(PyDriver::Sqlite3, false, PyEnums::Enum, false))
        .expect("generates");
    let models = &files
        .iter()
        .find(|f| f.path == "models.py")
        .expect("models")
        .contents;
    assert!(
        models.contains("class Users:") && models.contains("class User:"),
        "{models}"
    );
}

// ---------------------------------------------------------------------------------------------
// The real type checker and interpreter.

/// What the type-check venv has installed; a change reinstalls.
const PY_PACKAGES: &[&str] = &[
    "mypy",
    "asyncpg",
    "asyncpg-stubs",
    "psycopg[binary]",
    "aiosqlite",
    "pymysql",
    "types-PyMySQL",
    "aiomysql",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("workspace root")
        .to_path_buf()
}

fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The venv's interpreter, created once under `target/py-toolchain`; None (after saying so)
/// when `python3` is missing outside CI.
fn python_toolchain() -> Option<PathBuf> {
    let has_python = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_python {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("python3 is not on PATH, and CI needs the Python type check");
        }
        eprintln!("SKIPPED: python3 is not on PATH: the generated Python is not type-checked");
        return None;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let venv = target.join("py-toolchain").join("venv");
    let bin = if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    };
    let stamp = venv.join(".flash-packages");
    let want = PY_PACKAGES.join("\n");
    if bin.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        return Some(bin);
    }
    if !bin.exists() {
        let (ok, out) = run(Command::new("python3").arg("-m").arg("venv").arg(&venv));
        assert!(ok, "python3 -m venv {}: {out}", venv.display());
    }
    let (ok, out) = run(Command::new(&bin)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(PY_PACKAGES));
    assert!(ok, "pip install: {out}");
    std::fs::write(&stamp, want).expect("write the venv stamp");
    Some(bin)
}

fn write_package(dir: &Path, name: &str, files: &[GeneratedFile]) {
    let pkg = dir.join(name);
    std::fs::create_dir_all(&pkg).expect("package dir");
    for f in files {
        std::fs::write(pkg.join(&f.path), &f.contents).expect("write generated file");
    }
}

#[test]
fn generated_python_type_checks_imports_and_runs() {
    let Some(python) = python_toolchain() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut packages = Vec::new();
    for &(driver, provider, async_, name) in VARIANTS {
        for (enums, frozen, suffix) in [
            (PyEnums::Enum, false, "enum"),
            (PyEnums::Literal, true, "literal_frozen"),
        ] {
            let pkg = format!("gen_{name}_{suffix}");
            write_package(
                dir.path(),
                &pkg,
                &generate(driver, provider, async_, enums, frozen),
            );
            packages.push(pkg);
        }
    }

    let mut mypy = Command::new(&python);
    mypy.current_dir(dir.path())
        .args([
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.10",
            "--cache-dir",
        ])
        .arg(dir.path().join(".mypy_cache"));
    for pkg in &packages {
        mypy.args(["-p", pkg]);
    }
    let (ok, out) = run(&mut mypy);
    assert!(
        ok && out.contains("Success: no issues found"),
        "mypy --strict failed:\n{out}"
    );

    let (ok, out) = run(Command::new(&python)
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!("import {}", packages.join(", "))));
    assert!(ok, "import failed:\n{out}");

    std::fs::write(dir.path().join("run_sqlite.py"), SQLITE_SCRIPT).expect("script");
    for pkg in [
        "gen_sqlite3_enum",
        "gen_sqlite3_literal_frozen",
        "gen_aiosqlite_enum",
    ] {
        let (ok, out) = run(Command::new(&python)
            .current_dir(dir.path())
            .arg("run_sqlite.py")
            .arg(pkg));
        assert!(
            ok && out.contains("sqlite ok"),
            "{pkg} against SQLite:\n{out}"
        );
    }

    // psycopg's parser of the array text of an unknown type (an enum array).
    let (ok, out) = run(Command::new(&python).current_dir(dir.path()).arg("-c").arg(
        r#"
from gen_psycopg_enum.users import _pg_array
assert _pg_array('{}') == []
assert _pg_array('{sad,happy}') == ["sad", "happy"]
assert _pg_array('{"in-progress",NULL,"NULL","a \\"b\\" c"}') == ["in-progress", None, "NULL", 'a "b" c']
assert _pg_array(["ok"]) == ["ok"]
print("pg array ok")
"#,
    ));
    assert!(ok && out.contains("pg array ok"), "{out}");
}

/// Runs a generated sqlite3 or aiosqlite package (its name in argv[1]) against an in-memory
/// database: every command, NULLs, and the exact type of every value.
const SQLITE_SCRIPT: &str = r#"
import asyncio
import datetime
import decimal
import importlib
import inspect
import sqlite3
import sys
import uuid

pkg_name = sys.argv[1]
pkg = importlib.import_module(pkg_name)
literal = "literal" in pkg_name

SCHEMA = """
CREATE TABLE users (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT, mood TEXT NOT NULL,
  active BOOLEAN NOT NULL, score REAL, balance DECIMAL(12, 2), avatar BLOB, birthday DATE,
  wake_at TIME, created_at DATETIME NOT NULL, seen_at TIMESTAMP, api_key UUID NOT NULL,
  prefs JSON, "from" TEXT, "type" TEXT
);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, title TEXT NOT NULL, body TEXT);
CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER NOT NULL, body TEXT NOT NULL);
CREATE VIEW user_emails AS SELECT id, email FROM users;
"""


async def call(fn, *args, **kwargs):
    result = fn(*args, **kwargs)
    if inspect.isawaitable(result):
        result = await result
    return result


def mood(value):
    return value if literal else pkg.Mood(value)


async def main(conn):
    key = uuid.uuid4()
    seen = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    full = dict(
        email="ada@example.com", name="Ada", mood=mood("happy"), active=True, score=1.5,
        balance=decimal.Decimal("12.34"), avatar=b"\x00\x01", birthday=datetime.date(1815, 12, 10),
        wake_at=datetime.time(6, 30), created_at=datetime.datetime(2024, 1, 2, 3, 4, 5),
        seen_at=seen, api_key=key, prefs={"theme": "dark", "n": [1, 2.5, None]},
        from_="here", type="admin",
    )
    ada = await call(pkg.create_user, conn, **full)
    assert ada == 1, ada
    bare = dict(
        email="bob@test.org", name=None, mood=mood("in-progress"), active=False, score=None,
        balance=None, avatar=None, birthday=None, wake_at=None,
        created_at=datetime.datetime(2024, 2, 3, 4, 5, 6), seen_at=None, api_key=uuid.uuid4(),
        prefs=None, from_=None, type=None,
    )
    bob = await call(pkg.create_user, conn, **bare)
    assert bob == 2, bob

    u = await call(pkg.get_user, conn, id=ada)
    assert isinstance(u, pkg.User), u
    for field, want in full.items():
        got = getattr(u, field)
        if field == "seen_at":
            assert got == seen and got.tzinfo is not None, got
            continue
        assert got == want and type(got) is type(want), (field, got, want)
    if not literal:
        assert u.mood is pkg.Mood.HAPPY and pkg.Mood.IN_PROGRESS.value == "in-progress"
    b = await call(pkg.get_user, conn, id=bob)
    assert b.name is None and b.balance is None and b.prefs is None and b.seen_at is None, b
    assert b.active is False and b.mood == mood("in-progress"), b
    assert await call(pkg.get_user, conn, id=99) is None

    rows = await call(pkg.list_users_by_mood, conn, mood=None)
    assert [r.id for r in rows] == [1, 2], rows
    rows = await call(pkg.list_users_by_mood, conn, mood=mood("happy"))
    assert [(r.id, r.email, r.mood) for r in rows] == [(1, "ada@example.com", mood("happy"))], rows
    assert isinstance(rows[0], pkg.ListUsersByMoodRow)

    assert await call(pkg.list_users_by_ids, conn, ids=[], not_email="x") == []
    users = await call(pkg.list_users_by_ids, conn, ids=[2, 1, 7], not_email="x")
    assert [u.id for u in users] == [1, 2], users
    users = await call(pkg.list_users_by_ids, conn, ids=(1, 2), not_email="bob@test.org")
    assert [u.id for u in users] == [1], users

    found = await call(pkg.search_emails, conn, domain="example.com")
    assert [r.email for r in found] == ["ada@example.com"], found

    await call(pkg.update_prefs, conn, prefs=[1, "two"], mood=mood("sad"), api_key=key)
    u = await call(pkg.get_user, conn, id=ada)
    assert u.prefs == [1, "two"] and u.mood == mood("sad"), u

    now = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
    result = await call(pkg.touch_users, conn, now=now, before=datetime.datetime(2024, 1, 31))
    assert result.rowcount == 1, result.rowcount
    u = await call(pkg.get_user, conn, id=ada)
    assert u.seen_at == now, u.seen_at

    count = await call(pkg.count_users, conn)
    assert count is not None and count.count == 2 and type(count.count) is int, count

    n = await call(pkg.create_posts, conn, [
        pkg.CreatePostsParams(author_id=ada, title="one", body=None),
        pkg.CreatePostsParams(author_id=ada, title="two", body="text"),
        pkg.CreatePostsParams(author_id=bob, title="three", body=None),
    ])
    assert n == 3, n
    joined = await call(pkg.list_posts_with_authors, conn)
    assert [(r.id, r.title, r.id_2, r.email) for r in joined][2] == (3, "three", 2, "bob@test.org"), joined

    got = await call(pkg.get_posts, conn, [pkg.GetPostsParams(id=2), pkg.GetPostsParams(id=9)])
    assert got[1] is None and isinstance(got[0], pkg.Post) and got[0].body == "text", got
    lists = await call(pkg.list_posts_by_author, conn, [
        pkg.ListPostsByAuthorParams(author_id=ada), pkg.ListPostsByAuthorParams(author_id=42),
    ])
    assert [[r.title for r in l] for l in lists] == [["one", "two"], []], lists
    await call(pkg.delete_posts, conn, [pkg.DeletePostsParams(id=1), pkg.DeletePostsParams(id=3)])
    assert len(await call(pkg.list_posts_with_authors, conn)) == 1

    emails = await call(pkg.list_user_emails, conn)
    assert [(e.id, e.email) for e in emails] == [(1, "ada@example.com"), (2, "bob@test.org")]
    assert isinstance(emails[0], pkg.UserEmail)
    await call(pkg.import_, conn)

    assert await call(pkg.delete_user, conn, id=bob) == 1
    assert await call(pkg.delete_user, conn, id=bob) == 0


async def run_async():
    import aiosqlite
    async with aiosqlite.connect(":memory:") as conn:
        conn.row_factory = aiosqlite.Row
        await conn.executescript(SCHEMA)
        await main(conn)


if pkg_name.startswith("gen_aiosqlite"):
    asyncio.run(run_async())
else:
    conn = sqlite3.connect(":memory:")
    # Generated code must read rows by position whatever the connection's row factory.
    conn.row_factory = lambda cur, row: {d[0]: v for d, v in zip(cur.description, row)}
    conn.executescript(SCHEMA)
    asyncio.run(main(conn))
print("sqlite ok")
"#;
