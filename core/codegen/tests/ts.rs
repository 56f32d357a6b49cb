//! The TypeScript / JavaScript backend: snapshots of its output for hand-built requests (one
//! per database, every type and every command), its errors, and the proof that the output
//! type-checks (`tsc --strict`) and runs (`better-sqlite3`, the `pg` text parsers) when Node
//! is on PATH.

// Skips say so on stderr; helpers outside #[test] functions fail with a message.
#![allow(clippy::print_stderr, clippy::expect_used, clippy::panic)]

mod common;

use flash_codegen::ir::InsertTarget;
use flash_codegen::options::{TsBigint, TsDriver, TsEmit, TsModule};
use flash_codegen::{
    ts, Catalog, Field, GenError, GenRequest, GeneratedFile, IrParam, IrQuery, ModelEnum,
    ModelTable, QueryFile, TsOptions,
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
fn uint(bits: u8) -> TypeKind {
    TypeKind::Int {
        bits,
        unsigned: true,
    }
}
fn float(bits: u8) -> TypeKind {
    TypeKind::Float { bits }
}
fn text() -> TypeKind {
    TypeKind::String {
        len: None,
        fixed: false,
    }
}
fn varchar(n: u32) -> TypeKind {
    TypeKind::String {
        len: Some(n),
        fixed: false,
    }
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
fn timestamp(tz: bool) -> TypeKind {
    TypeKind::Timestamp { tz }
}
fn json(binary: bool) -> TypeKind {
    TypeKind::Json { binary }
}
fn enum_(name: &str, values: &[&str]) -> TypeKind {
    TypeKind::Enum {
        name: Some(name.into()),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}
fn array(element: TypeKind) -> TypeKind {
    TypeKind::Array {
        element: Box::new(element),
    }
}

const MOOD: &[&str] = &["sad", "ok", "happy"];
const POST_STATE: &[&str] = &["draft", "in review", "published"];
const USER_STATUS: &[&str] = &["active", "banned"];

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
fn model(params: Vec<IrParam>, table: &ModelTable, name: &'static str) -> Spec {
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

fn pg_users() -> ModelTable {
    table(
        "users",
        vec![
            f("id", int(64), false),
            f("email", text(), false),
            f("name", varchar(100), true),
            f("age", int(32), true),
            f("small", int(16), false),
            f("score", float(64), false),
            f("ratio", float(32), true),
            f("balance", decimal(), true),
            f("active", TypeKind::Bool, false),
            f("mood", enum_("mood", MOOD), true),
            f("avatar", bytes(), true),
            f("birthday", TypeKind::Date, true),
            f("wake_at", TypeKind::Time { tz: false }, true),
            f("created_at", timestamp(true), false),
            f("updated_at", timestamp(false), true),
            f("session", TypeKind::Interval, true),
            f("api_key", TypeKind::Uuid, false),
            f("prefs", json(true), true),
            f("settings", json(false), false),
            f("tags", array(text()), false),
            f("moods", array(enum_("mood", MOOD)), true),
            f(
                "ip",
                TypeKind::Other {
                    name: "inet".into(),
                },
                true,
            ),
            f("grid", array(array(int(32))), true),
        ],
    )
}

fn pg_posts() -> ModelTable {
    table(
        "posts",
        vec![
            f("id", int(64), false),
            f("author_id", int(64), false),
            f("title", text(), false),
            f("body", text(), true),
            f("state", enum_("post_state", POST_STATE), false),
            f("published_at", timestamp(true), true),
        ],
    )
}

/// PostgreSQL: users/posts/comments, every type, every command.
fn pg_request() -> GenRequest {
    let users = pg_users();
    let posts = pg_posts();
    let comments = table(
        "comments",
        vec![
            f("id", int(64), false),
            f("post_id", int(64), false),
            f("author_id", int(64), true),
            f("body", text(), false),
        ],
    );
    let mut emails = table(
        "user_emails",
        vec![f("id", int(64), false), f("email", text(), false)],
    );
    emails.view = true;
    let mood = || enum_("mood", MOOD);

    let users_sql = r#"
-- Finds a user by id.
-- name: GetUser :one
SELECT * FROM users WHERE id = @id;

-- name: GetUserByEmail :one
SELECT * FROM users WHERE email = @email;

-- name: ListUsers :many
SELECT id, email, mood FROM users
WHERE sqlc.narg(mood)::mood IS NULL OR mood = sqlc.narg(mood)
ORDER BY id;

-- name: CreateUser :one
INSERT INTO users (email, name, active, mood, birthday, created_at, api_key, prefs, settings, tags, moods, avatar, balance, session)
VALUES (@email, @name, @active, @mood, @birthday, @created_at, @api_key, @prefs, @settings, @tags, @moods, @avatar, @balance, @session)
RETURNING *;

-- name: UpdateUserName :exec
UPDATE users SET name = @name WHERE id = @id;

-- name: DeleteUser :execrows
DELETE FROM users WHERE id = @id;

-- name: TouchUsers :execresult
UPDATE users SET updated_at = now() WHERE created_at < @before;

-- name: CountUsers :one
SELECT count(*) AS count FROM users;

-- name: UsersWithTags :many
SELECT id, tags, moods, grid FROM users WHERE tags && @tags AND birthday = ANY(@days);

-- name: Delete :exec
DELETE FROM users;

-- name: UserEmails :many
SELECT id, email FROM user_emails;
"#;
    let users_file = query_file(
        Provider::Postgresql,
        "users.sql",
        users_sql,
        vec![
            model(vec![p("id", int(64), false)], &users, "users"),
            model(vec![p("email", text(), false)], &users, "users"),
            spec(
                vec![p("mood", mood(), true)],
                vec![
                    f("id", int(64), false),
                    f("email", text(), false),
                    f("mood", mood(), true),
                ],
            ),
            model(
                vec![
                    p("email", text(), false),
                    p("name", varchar(100), true),
                    p("active", TypeKind::Bool, false),
                    p("mood", mood(), true),
                    p("birthday", TypeKind::Date, true),
                    p("created_at", timestamp(true), false),
                    p("api_key", TypeKind::Uuid, false),
                    p("prefs", json(true), true),
                    p("settings", json(false), false),
                    p("tags", array(text()), false),
                    p("moods", array(mood()), true),
                    p("avatar", bytes(), true),
                    p("balance", decimal(), true),
                    p("session", TypeKind::Interval, true),
                ],
                &users,
                "users",
            ),
            spec(
                vec![p("name", varchar(100), true), p("id", int(64), false)],
                vec![],
            ),
            spec(vec![p("id", int(64), false)], vec![]),
            spec(vec![p("before", timestamp(true), false)], vec![]),
            spec(vec![], vec![f("count", int(64), false)]),
            spec(
                vec![
                    p("tags", array(text()), false),
                    p("days", array(TypeKind::Date), false),
                ],
                vec![
                    f("id", int(64), false),
                    f("tags", array(text()), false),
                    f("moods", array(mood()), true),
                    f("grid", array(array(int(32))), true),
                ],
            ),
            spec(vec![], vec![]),
            model(vec![], &emails, "user_emails"),
        ],
    );

    let posts_sql = r#"
-- name: InsertPost :execlastid
INSERT INTO posts (author_id, title, body) VALUES (@author_id, @title, @body) RETURNING id;

-- Lists posts with their authors.
-- Two ids come back: the post's and the author's.
-- name: ListPostsWithAuthor :many
SELECT p.id, p.title, u.id, u.email, p.published_at
FROM posts p JOIN users u ON u.id = p.author_id
WHERE p.published_at > @since AND p.state = @state;

-- name: CopyComments :copyfrom
INSERT INTO comments (post_id, author_id, body) VALUES (@post_id, @author_id, @body);

-- name: BatchDeletePosts :batchexec
DELETE FROM posts WHERE id = @id;

-- name: BatchPostsByAuthor :batchmany
SELECT * FROM posts WHERE author_id = @author_id;

-- name: BatchUserById :batchone
SELECT id, email FROM users WHERE id = @id;

-- name: OddNames :one
SELECT 1 AS "1st", 'x' AS "default", now() AS "created-at", '`${x}`' AS "template";
"#;
    let posts_file = query_file(
        Provider::Postgresql,
        "posts.sql",
        posts_sql,
        vec![
            spec(
                vec![
                    p("author_id", int(64), false),
                    p("title", text(), false),
                    p("body", text(), true),
                ],
                vec![f("id", int(64), false)],
            ),
            spec(
                vec![
                    p("since", timestamp(true), false),
                    p("state", enum_("post_state", POST_STATE), false),
                ],
                vec![
                    f("id", int(64), false),
                    f("title", text(), false),
                    f("id_2", int(64), false),
                    f("email", text(), false),
                    f("published_at", timestamp(true), true),
                ],
            ),
            Spec {
                params: vec![
                    p("post_id", int(64), false),
                    p("author_id", int(64), true),
                    p("body", text(), false),
                ],
                insert: Some(("comments", &["post_id", "author_id", "body"])),
                ..Spec::default()
            },
            spec(vec![p("id", int(64), false)], vec![]),
            model(vec![p("author_id", int(64), false)], &posts, "posts"),
            spec(
                vec![p("id", int(64), false)],
                vec![f("id", int(64), false), f("email", text(), false)],
            ),
            spec(
                vec![],
                vec![
                    f("1st", int(32), false),
                    f("default", text(), false),
                    f("created-at", timestamp(true), false),
                    f("template", text(), false),
                ],
            ),
        ],
    );

    let audit_file = query_file(
        Provider::Postgresql,
        "admin/audit.sql",
        "-- name: LastSeen :one\nSELECT max(created_at) AS last_seen FROM users;\n",
        vec![spec(vec![], vec![f("last_seen", timestamp(true), true)])],
    );

    GenRequest {
        provider: Provider::Postgresql,
        catalog: Catalog {
            tables: vec![users, posts, comments, emails],
            enums: vec![
                ModelEnum {
                    name: "mood".into(),
                    values: MOOD.iter().map(|v| v.to_string()).collect(),
                },
                ModelEnum {
                    name: "post_state".into(),
                    values: POST_STATE.iter().map(|v| v.to_string()).collect(),
                },
            ],
        },
        files: vec![audit_file, posts_file, users_file],
    }
}

fn mysql_users() -> ModelTable {
    table(
        "users",
        vec![
            f("id", uint(64), false),
            f("email", varchar(255), false),
            f("name", varchar(100), true),
            f("age", int(32), true),
            f("tiny", int(8), false),
            f("score", float(64), false),
            f("ratio", float(32), true),
            f("balance", decimal(), true),
            f("active", TypeKind::Bool, false),
            f("verified", TypeKind::Bool, true),
            f("status", enum_("users_status", USER_STATUS), false),
            f("avatar", bytes(), true),
            f("birthday", TypeKind::Date, true),
            f("wake_at", TypeKind::Time { tz: false }, true),
            f("created_at", timestamp(true), false),
            f("updated_at", timestamp(false), true),
            f("api_key", varchar(36), false),
            f("prefs", json(false), true),
            f("year", int(16), true),
            f("flags", text(), true),
        ],
    )
}

/// MySQL: an inline enum, TINYINT(1) and BIT(1) booleans, unsigned ids, lists.
fn mysql_request() -> GenRequest {
    let users = mysql_users();
    let posts = table(
        "posts",
        vec![
            f("id", uint(64), false),
            f("author_id", uint(64), false),
            f("title", varchar(200), false),
            f("body", text(), true),
        ],
    );
    let status = || enum_("users_status", USER_STATUS);
    let sql = r#"
-- name: GetUser :one
SELECT * FROM users WHERE id = @id;

-- Users by id, optionally only those with a status.
-- name: ListUsersByIds :many
SELECT id, email, status FROM users
WHERE id IN (sqlc.slice(ids)) AND (sqlc.narg(status) IS NULL OR status = sqlc.narg(status));

-- name: CreateUser :execlastid
INSERT INTO users (email, active, status, created_at, api_key, prefs, birthday, avatar)
VALUES (@email, @active, @status, @created_at, @api_key, @prefs, @birthday, @avatar);

-- name: UpdatePrefs :execrows
UPDATE users SET prefs = @prefs WHERE id = @id;

-- name: Touch :execresult
UPDATE users SET updated_at = NOW() WHERE id IN (sqlc.slice(ids));

-- name: CopyPosts :copyfrom
INSERT INTO posts (author_id, title, body) VALUES (@author_id, @title, @body);

-- name: BatchActivate :batchexec
UPDATE users SET active = @active WHERE id = @id;

-- name: BatchUsers :batchmany
SELECT id, email FROM users WHERE status = @status;

-- name: BatchUser :batchone
SELECT id, email FROM users WHERE id = @id;

-- name: PostsWithAuthor :many
SELECT p.id, p.title, u.id, u.email FROM posts p JOIN users u ON u.id = p.author_id;

-- name: DeleteAll :exec
DELETE FROM users;
"#;
    let file = query_file(
        Provider::Mysql,
        "users.sql",
        sql,
        vec![
            model(vec![p("id", uint(64), false)], &users, "users"),
            spec(
                vec![list("ids", uint(64)), p("status", status(), true)],
                vec![
                    f("id", uint(64), false),
                    f("email", varchar(255), false),
                    f("status", status(), false),
                ],
            ),
            spec(
                vec![
                    p("email", varchar(255), false),
                    p("active", TypeKind::Bool, false),
                    p("status", status(), false),
                    p("created_at", timestamp(true), false),
                    p("api_key", varchar(36), false),
                    p("prefs", json(false), true),
                    p("birthday", TypeKind::Date, true),
                    p("avatar", bytes(), true),
                ],
                vec![],
            ),
            spec(
                vec![p("prefs", json(false), true), p("id", uint(64), false)],
                vec![],
            ),
            spec(vec![list("ids", uint(64))], vec![]),
            Spec {
                params: vec![
                    p("author_id", uint(64), false),
                    p("title", varchar(200), false),
                    p("body", text(), true),
                ],
                insert: Some(("posts", &["author_id", "title", "body"])),
                ..Spec::default()
            },
            spec(
                vec![p("active", TypeKind::Bool, false), p("id", uint(64), false)],
                vec![],
            ),
            spec(
                vec![p("status", status(), false)],
                vec![f("id", uint(64), false), f("email", varchar(255), false)],
            ),
            spec(
                vec![p("id", uint(64), false)],
                vec![f("id", uint(64), false), f("email", varchar(255), false)],
            ),
            spec(
                vec![],
                vec![
                    f("id", uint(64), false),
                    f("title", varchar(200), false),
                    f("id_2", uint(64), false),
                    f("email", varchar(255), false),
                ],
            ),
            spec(vec![], vec![]),
        ],
    );
    GenRequest {
        provider: Provider::Mysql,
        catalog: Catalog {
            tables: vec![users, posts],
            enums: vec![ModelEnum {
                name: "users_status".into(),
                values: USER_STATUS.iter().map(|v| v.to_string()).collect(),
            }],
        },
        files: vec![file],
    }
}

fn sqlite_users() -> ModelTable {
    table(
        "users",
        vec![
            f("id", int(64), false),
            f("email", text(), false),
            f("name", text(), true),
            f("score", float(64), true),
            f("balance", decimal(), true),
            f("active", TypeKind::Bool, false),
            f("birthday", TypeKind::Date, true),
            f("created_at", timestamp(false), false),
            f("wake_at", TypeKind::Time { tz: false }, true),
            f("avatar", bytes(), true),
            f("prefs", json(false), true),
            f("api_key", TypeKind::Uuid, true),
        ],
    )
}

/// The SQLite schema of [`sqlite_request`], for the runtime test.
const SQLITE_SCHEMA: &str = "
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT,
  score REAL,
  balance NUMERIC,
  active BOOLEAN NOT NULL,
  birthday DATE,
  created_at DATETIME NOT NULL,
  wake_at TIME,
  avatar BLOB,
  prefs JSON,
  api_key UUID
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT
);
";

/// SQLite: dates and booleans stored as text and numbers, lists, every command.
fn sqlite_request() -> GenRequest {
    let users = sqlite_users();
    let posts = table(
        "posts",
        vec![
            f("id", int(64), false),
            f("author_id", int(64), false),
            f("title", text(), false),
            f("body", text(), true),
        ],
    );
    let sql = r#"
-- name: GetUser :one
SELECT * FROM users WHERE id = @id;

-- name: ListUsersByIds :many
SELECT id, email, active FROM users
WHERE id IN (sqlc.slice(ids)) AND (sqlc.narg(email) IS NULL OR email = sqlc.narg(email))
ORDER BY id;

-- name: CreateUser :one
INSERT INTO users (email, name, score, balance, active, birthday, created_at, wake_at, avatar, prefs, api_key)
VALUES (@email, @name, @score, @balance, @active, @birthday, @created_at, @wake_at, @avatar, @prefs, @api_key)
RETURNING *;

-- name: CreateUserId :execlastid
INSERT INTO users (email, active, created_at) VALUES (@email, @active, @created_at);

-- name: RenameUser :execrows
UPDATE users SET name = @name WHERE id = @id;

-- name: Touch :execresult
UPDATE users SET created_at = CURRENT_TIMESTAMP WHERE id IN (sqlc.slice(ids));

-- name: CopyPosts :copyfrom
INSERT INTO posts (author_id, title, body) VALUES (@author_id, @title, @body);

-- name: BatchRename :batchexec
UPDATE users SET name = @name WHERE id = @id;

-- name: BatchPosts :batchmany
SELECT id, title FROM posts WHERE author_id = @author_id ORDER BY id;

-- name: BatchUser :batchone
SELECT id, email FROM users WHERE id = @id;

-- name: PostsWithAuthor :many
SELECT p.id, p.title, u.id, u.email FROM posts p JOIN users u ON u.id = p.author_id ORDER BY p.id;

-- name: UsersBornAfter :many
SELECT id, birthday FROM users WHERE birthday > @day AND created_at > @since ORDER BY id;

-- name: CountUsers :one
SELECT count(*) AS count FROM users;

-- name: DeleteAll :exec
DELETE FROM users;
"#;
    let file = query_file(
        Provider::Sqlite,
        "queries.sql",
        sql,
        vec![
            model(vec![p("id", int(64), false)], &users, "users"),
            spec(
                vec![list("ids", int(64)), p("email", text(), true)],
                vec![
                    f("id", int(64), false),
                    f("email", text(), false),
                    f("active", TypeKind::Bool, false),
                ],
            ),
            model(
                vec![
                    p("email", text(), false),
                    p("name", text(), true),
                    p("score", float(64), true),
                    p("balance", decimal(), true),
                    p("active", TypeKind::Bool, false),
                    p("birthday", TypeKind::Date, true),
                    p("created_at", timestamp(false), false),
                    p("wake_at", TypeKind::Time { tz: false }, true),
                    p("avatar", bytes(), true),
                    p("prefs", json(false), true),
                    p("api_key", TypeKind::Uuid, true),
                ],
                &users,
                "users",
            ),
            spec(
                vec![
                    p("email", text(), false),
                    p("active", TypeKind::Bool, false),
                    p("created_at", timestamp(false), false),
                ],
                vec![],
            ),
            spec(
                vec![p("name", text(), true), p("id", int(64), false)],
                vec![],
            ),
            spec(vec![list("ids", int(64))], vec![]),
            Spec {
                params: vec![
                    p("author_id", int(64), false),
                    p("title", text(), false),
                    p("body", text(), true),
                ],
                insert: Some(("posts", &["author_id", "title", "body"])),
                ..Spec::default()
            },
            spec(
                vec![p("name", text(), true), p("id", int(64), false)],
                vec![],
            ),
            spec(
                vec![p("author_id", int(64), false)],
                vec![f("id", int(64), false), f("title", text(), false)],
            ),
            spec(
                vec![p("id", int(64), false)],
                vec![f("id", int(64), false), f("email", text(), false)],
            ),
            spec(
                vec![],
                vec![
                    f("id", int(64), false),
                    f("title", text(), false),
                    f("id_2", int(64), false),
                    f("email", text(), false),
                ],
            ),
            spec(
                vec![
                    p("day", TypeKind::Date, false),
                    p("since", timestamp(false), false),
                ],
                vec![f("id", int(64), false), f("birthday", TypeKind::Date, true)],
            ),
            spec(vec![], vec![f("count", int(64), false)]),
            spec(vec![], vec![]),
        ],
    );
    GenRequest {
        provider: Provider::Sqlite,
        catalog: Catalog {
            tables: vec![users, posts],
            enums: vec![],
        },
        files: vec![file],
    }
}

fn options(driver: TsDriver, emit: TsEmit, module: TsModule, bigint: TsBigint) -> TsOptions {
    TsOptions {
        driver,
        emit,
        module,
        bigint,
        json_type: "unknown".into(),
    }
}

fn request(driver: TsDriver) -> GenRequest {
    match driver {
        TsDriver::Pg => pg_request(),
        TsDriver::Mysql2 => mysql_request(),
        TsDriver::BetterSqlite3 => sqlite_request(),
    }
}

fn generate(
    driver: TsDriver,
    emit: TsEmit,
    module: TsModule,
    bigint: TsBigint,
) -> Vec<GeneratedFile> {
    ts::generate(&request(driver), &options(driver, emit, module, bigint))
        .unwrap_or_else(|e| panic!("{driver:?}: {e}"))
}

/// All files in one text, for a snapshot.
fn joined(files: &[GeneratedFile]) -> String {
    files
        .iter()
        .map(|f| format!("=== {} ===\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------------
// Snapshots.

#[test]
fn pg_typescript() {
    let files = generate(TsDriver::Pg, TsEmit::Ts, TsModule::Esm, TsBigint::String);
    insta::assert_snapshot!(joined(&files));
}

#[test]
fn pg_typescript_bigint() {
    let files = generate(TsDriver::Pg, TsEmit::Ts, TsModule::Esm, TsBigint::Bigint);
    let users = files
        .iter()
        .find(|f| f.path == "users.ts")
        .map(|f| f.contents.clone());
    insta::assert_snapshot!(users.unwrap_or_default());
}

#[test]
fn pg_javascript_esm() {
    let files = generate(TsDriver::Pg, TsEmit::Js, TsModule::Esm, TsBigint::String);
    insta::assert_snapshot!(joined(&files));
}

#[test]
fn mysql2_typescript() {
    let files = generate(
        TsDriver::Mysql2,
        TsEmit::Ts,
        TsModule::Esm,
        TsBigint::String,
    );
    insta::assert_snapshot!(joined(&files));
}

#[test]
fn mysql2_javascript_cjs_bigint() {
    let files = generate(
        TsDriver::Mysql2,
        TsEmit::Js,
        TsModule::Cjs,
        TsBigint::Bigint,
    );
    insta::assert_snapshot!(joined(&files));
}

#[test]
fn sqlite_typescript() {
    let files = generate(
        TsDriver::BetterSqlite3,
        TsEmit::Ts,
        TsModule::Esm,
        TsBigint::String,
    );
    insta::assert_snapshot!(joined(&files));
}

#[test]
fn output_is_deterministic_and_headed() {
    for driver in [TsDriver::Pg, TsDriver::Mysql2, TsDriver::BetterSqlite3] {
        for emit in [TsEmit::Ts, TsEmit::Js] {
            let a = generate(driver, emit, TsModule::Esm, TsBigint::String);
            let b = generate(driver, emit, TsModule::Esm, TsBigint::String);
            assert_eq!(a, b);
            for file in &a {
                assert!(
                    file.contents
                        .starts_with("// Code generated by flash-orm. DO NOT EDIT.\n"),
                    "{}",
                    file.path
                );
            }
        }
    }
}

#[test]
fn json_value_type_is_declared_and_imported() {
    let mut opts = options(TsDriver::Pg, TsEmit::Ts, TsModule::Esm, TsBigint::String);
    opts.json_type = "JsonValue".into();
    let files = ts::generate(&pg_request(), &opts).unwrap_or_default();
    let find = |p: &str| {
        files
            .iter()
            .find(|f| f.path == p)
            .map(|f| f.contents.clone())
            .unwrap_or_default()
    };
    assert!(find("models.ts").contains("export type JsonValue = "));
    assert!(find("models.ts").contains("prefs: JsonValue | null;"));
    assert!(find("users.ts")
        .contains("import type { JsonValue, Mood, User, UserEmail } from \"./models.js\";"));
}

// ---------------------------------------------------------------------------------------------
// Errors.

fn one_query(provider: Provider, sql: &str, s: Spec) -> GenRequest {
    GenRequest {
        provider,
        catalog: Catalog::default(),
        files: vec![query_file(provider, "q.sql", sql, vec![s])],
    }
}

#[test]
fn pg_rejects_slices_with_help() {
    // flash-sql refuses sqlc.slice on PostgreSQL; parse it as MySQL to reach the backend.
    let req = one_query(
        Provider::Mysql,
        "-- name: ByIds :many\nSELECT id FROM t WHERE id IN (sqlc.slice(ids));",
        spec(vec![list("ids", int(64))], vec![f("id", int(64), false)]),
    );
    let err = ts::generate(
        &req,
        &options(TsDriver::Pg, TsEmit::Ts, TsModule::Esm, TsBigint::String),
    );
    match err {
        Err(e @ GenError::Unsupported { .. }) => assert!(e.help().contains("ANY")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn pg_execlastid_needs_one_returned_column() {
    let req = one_query(
        Provider::Postgresql,
        "-- name: Add :execlastid\nINSERT INTO t (a) VALUES (@a);",
        spec(vec![p("a", text(), false)], vec![]),
    );
    let err = ts::generate(
        &req,
        &options(TsDriver::Pg, TsEmit::Ts, TsModule::Esm, TsBigint::String),
    );
    match err {
        Err(e @ GenError::Unsupported { .. }) => assert!(e.help().contains("RETURNING")),
        other => panic!("{other:?}"),
    }
    // mysql2 has insertId.
    let req = one_query(
        Provider::Mysql,
        "-- name: Add :execlastid\nINSERT INTO t (a) VALUES (@a);",
        spec(vec![p("a", text(), false)], vec![]),
    );
    assert!(ts::generate(
        &req,
        &options(
            TsDriver::Mysql2,
            TsEmit::Ts,
            TsModule::Esm,
            TsBigint::String
        )
    )
    .is_ok());
}

#[test]
fn rows_commands_need_columns_and_batches_need_params() {
    let no_columns = one_query(
        Provider::Sqlite,
        "-- name: Nothing :many\nDELETE FROM t;",
        spec(vec![], vec![]),
    );
    let opts = options(
        TsDriver::BetterSqlite3,
        TsEmit::Ts,
        TsModule::Esm,
        TsBigint::String,
    );
    assert!(matches!(
        ts::generate(&no_columns, &opts),
        Err(GenError::Unsupported { .. })
    ));
    let no_params = one_query(
        Provider::Sqlite,
        "-- name: Again :batchexec\nDELETE FROM t;",
        spec(vec![], vec![]),
    );
    assert!(matches!(
        ts::generate(&no_params, &opts),
        Err(GenError::Unsupported { .. })
    ));
    let copy_without_target = one_query(
        Provider::Sqlite,
        "-- name: Copy :copyfrom\nINSERT INTO t (a) VALUES (@a);",
        spec(vec![p("a", text(), false)], vec![]),
    );
    assert!(matches!(
        ts::generate(&copy_without_target, &opts),
        Err(GenError::Unsupported { .. })
    ));
}

#[test]
fn clashing_names_are_reported() {
    let opts = options(
        TsDriver::BetterSqlite3,
        TsEmit::Ts,
        TsModule::Esm,
        TsBigint::String,
    );
    // The same query name in two files: index.ts would export `getUser` twice.
    let file = |path: &str| {
        query_file(
            Provider::Sqlite,
            path,
            "-- name: GetUser :one\nSELECT 1 AS one;",
            vec![spec(vec![], vec![f("one", int(32), false)])],
        )
    };
    let req = GenRequest {
        provider: Provider::Sqlite,
        catalog: Catalog::default(),
        files: vec![file("a.sql"), file("b.sql")],
    };
    match ts::generate(&req, &opts) {
        Err(GenError::NameClash { message, .. }) => {
            assert!(message.contains("GetUserRow"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // Two files giving one module name, and a file named like a generated module.
    for paths in [["a/b.sql", "a_b.sql"], ["models.sql", "x.sql"]] {
        let req = GenRequest {
            provider: Provider::Sqlite,
            catalog: Catalog::default(),
            files: vec![file(paths[0]), {
                let mut f2 = file(paths[1]);
                f2.queries[0].query.name = "Other".into();
                f2
            }],
        };
        assert!(
            matches!(ts::generate(&req, &opts), Err(GenError::NameClash { .. })),
            "{paths:?}"
        );
    }
}

#[test]
fn singular_model_names_fall_back_to_exact_ones() {
    let req = GenRequest {
        provider: Provider::Sqlite,
        catalog: Catalog {
            tables: vec![
                table("user", vec![f("id", int(64), false)]),
                table("users", vec![f("id", int(64), false)]),
                table("dates", vec![f("id", int(64), false)]),
            ],
            enums: vec![],
        },
        files: vec![],
    };
    let opts = options(
        TsDriver::BetterSqlite3,
        TsEmit::Ts,
        TsModule::Esm,
        TsBigint::String,
    );
    let files = ts::generate(&req, &opts).unwrap_or_default();
    let models = files
        .iter()
        .find(|f| f.path == "models.ts")
        .map(|f| f.contents.clone())
        .unwrap_or_default();
    assert!(models.contains("export interface User {"), "{models}");
    assert!(models.contains("export interface Users {"), "{models}");
    // `Date` would shadow the global type.
    assert!(models.contains("export interface Date_ {"), "{models}");
}

#[test]
fn empty_json_type_is_an_option_error() {
    let mut opts = options(TsDriver::Pg, TsEmit::Ts, TsModule::Esm, TsBigint::String);
    opts.json_type = " ".into();
    assert!(matches!(
        ts::generate(&pg_request(), &opts),
        Err(GenError::Options { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// The real compiler and runtime.

/// Node and npm, or why the tests using them cannot run (they then fail under `CI=true`).
fn node_available() -> bool {
    let ok = |cmd: &str| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ok("node") && ok("npm") {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "node and npm must be on PATH under CI=true"
    );
    eprintln!("SKIPPED: node/npm not on PATH: the TypeScript output is not type-checked");
    false
}

/// `target/ts-toolchain`: typescript, the drivers and their types, installed once and reused.
fn toolchain() -> PathBuf {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("ts-toolchain");
    let needed = [
        "typescript",
        "@types/node",
        "pg",
        "@types/pg",
        "mysql2",
        "better-sqlite3",
        "@types/better-sqlite3",
    ];
    if needed.iter().all(|p| {
        dir.join("node_modules")
            .join(p)
            .join("package.json")
            .exists()
    }) {
        return dir;
    }
    std::fs::create_dir_all(&dir).expect("create the toolchain folder");
    let manifest = dir.join("package.json");
    if !manifest.exists() {
        std::fs::write(
            &manifest,
            "{\"name\":\"flash-ts-toolchain\",\"private\":true}\n",
        )
        .expect("write package.json");
    }
    let install = |extra: &[&str]| {
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund"])
            .args(extra)
            .args(needed)
            .current_dir(&dir)
            .status()
            .is_ok_and(|s| s.success())
    };
    // Type-checking does not need better-sqlite3's native binary: without a compiler or
    // network for it, install without build scripts (the runtime test then skips).
    if !install(&[]) {
        assert!(
            install(&["--ignore-scripts"]),
            "npm install failed in {}",
            dir.display()
        );
    }
    dir
}

fn run(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(dir: &Path, path: &str, contents: &str) {
    let file = dir.join(path);
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(&file, contents).expect("write file");
}

/// A consumer of the generated code: the clients each driver offers must be accepted, and
/// calls must type as expected.
fn consumer(driver: TsDriver, bigint: TsBigint) -> String {
    let id = match bigint {
        TsBigint::String => "\"1\"",
        TsBigint::Bigint => "1n",
    };
    let int64 = match bigint {
        TsBigint::String => "string",
        TsBigint::Bigint => "bigint",
    };
    let body = match driver {
        TsDriver::Pg => format!(
            r#"import pg from "pg";
import * as db from "./gen/index.js";

export async function main(): Promise<void> {{
  const pool = new pg.Pool();
  const client = new pg.Client();
  const pooled = await pool.connect();
  const clients: db.Queryable[] = [pool, client, pooled];
  const user: db.User | null = await db.getUser(pool, {{ id: {id} }});
  const moods: db.Mood[] | null = user === null ? null : user.moods;
  const id: {int64} | null = await db.insertPost(pooled, {{ authorId: {id}, title: "t", body: null }});
  const rows: db.ListPostsWithAuthorRow[] = await db.listPostsWithAuthor(client, {{ since: new Date(), state: db.PostState.InReview }});
  const count: number = await db.deleteUser(pool, {{ id: {id} }});
  const copied: number = await db.copyComments(pool, [{{ postId: {id}, authorId: null, body: "b" }}]);
  const batches: db.Post[][] = await db.batchPostsByAuthor(pool, [{{ authorId: {id} }}]);
  const result: db.ExecResult = await db.touchUsers(pool, {{ before: new Date() }});
  const grid: number[][] | null = (await db.usersWithTags(pool, {{ tags: ["a"], days: [new Date()] }}))[0]?.grid ?? null;
  const last: Date | null = (await db.lastSeen(pool))?.lastSeen ?? null;
  const odd = await db.oddNames(pool);
  const first: number | undefined = odd?.["1st"];
  await db.delete_(pool);
  pooled.release();
  void [clients, moods, id, rows, count, copied, batches, result, grid, last, first];
}}
"#
        ),
        TsDriver::Mysql2 => format!(
            r#"import mysql from "mysql2/promise";
import * as db from "./gen/index.js";

export async function main(): Promise<void> {{
  const pool = mysql.createPool({{}});
  const connection = await mysql.createConnection({{}});
  const pooled = await pool.getConnection();
  const clients: db.Queryable[] = [pool, connection, pooled];
  const user: db.User | null = await db.getUser(pool, {{ id: {id} }});
  const status: db.UsersStatus | undefined = user?.status;
  const users: db.ListUsersByIdsRow[] = await db.listUsersByIds(pool, {{ ids: [{id}], status: db.UsersStatus.Banned }});
  const id: {int64} = await db.createUser(connection, {{ email: "e", active: true, status: "active", createdAt: new Date(), apiKey: "k", prefs: {{ a: 1 }}, birthday: null, avatar: Buffer.from("x") }});
  const changed: number = await db.updatePrefs(pooled, {{ prefs: null, id: {id} }});
  const result: db.ExecResult = await db.touch(pool, {{ ids: [] }});
  const copied: number = await db.copyPosts(pool, [{{ authorId: {id}, title: "t", body: null }}]);
  const one: (db.BatchUserRow | null)[] = await db.batchUser(pool, [{{ id: {id} }}]);
  await db.batchActivate(pool, [{{ active: false, id: {id} }}]);
  pooled.release();
  void [clients, status, users, id, changed, result, copied, one];
}}
"#
        ),
        TsDriver::BetterSqlite3 => format!(
            r#"import Database from "better-sqlite3";
import * as db from "./gen/index.js";

export function main(): void {{
  const sqlite = new Database(":memory:");
  const client: db.Queryable = sqlite;
  const user: db.User | null = db.getUser(sqlite, {{ id: {id} }});
  const created: db.User | null = db.createUser(sqlite, {{ email: "e", name: null, score: 1.5, balance: "1.50", active: true, birthday: new Date(), createdAt: new Date(), wakeAt: "07:00", avatar: null, prefs: [1, 2], apiKey: null }});
  const id: {int64} = db.createUserId(sqlite, {{ email: "e", active: false, createdAt: new Date() }});
  const rows: db.ListUsersByIdsRow[] = db.listUsersByIds(sqlite, {{ ids: [{id}], email: null }});
  const copied: number = db.copyPosts(sqlite, [{{ authorId: {id}, title: "t", body: null }}]);
  const posts: db.BatchPostsRow[][] = db.batchPosts(sqlite, [{{ authorId: {id} }}]);
  const result: db.ExecResult = db.touch(sqlite, {{ ids: [] }});
  const count: {int64} | undefined = db.countUsers(sqlite)?.count;
  void [client, user, created, id, rows, copied, posts, result, count];
}}
"#
        ),
    };
    body
}

/// Writes the output for one combination into `dir/gen` (with a consumer and configs), then
/// runs `tsc --noEmit --strict` and, for JavaScript, `node --check` and an import of it.
fn check_combination(
    tools: &Path,
    dir: &Path,
    driver: TsDriver,
    emit: TsEmit,
    module: TsModule,
    bigint: TsBigint,
) {
    let what = format!("{driver:?}/{emit:?}/{module:?}/{bigint:?}");
    let files = generate(driver, emit, module, bigint);
    for file in &files {
        write(dir, &format!("gen/{}", file.path), &file.contents);
    }
    let cjs = emit == TsEmit::Js && module == TsModule::Cjs;
    let package_type = if cjs { "commonjs" } else { "module" };
    write(
        dir,
        "package.json",
        &format!("{{\"type\":\"{package_type}\",\"private\":true}}\n"),
    );
    write(dir, "consumer.ts", &consumer(driver, bigint));
    // Every strictness flag a project may turn on; `.d.ts` files are checked too (no
    // skipLibCheck), which checks the JavaScript output's declarations.
    let tsconfig = format!(
        r#"{{
  "compilerOptions": {{
    "strict": true,
    "noEmit": true,
    "target": "es2022",
    "lib": ["es2022"],
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "types": ["node"],
    "typeRoots": ["{tools}/node_modules/@types"],
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "noImplicitReturns": true,
    "noImplicitOverride": true,
    "noFallthroughCasesInSwitch": true,
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "noPropertyAccessFromIndexSignature": true,
    "verbatimModuleSyntax": {verbatim},
    "isolatedModules": true,
    "forceConsistentCasingInFileNames": true,
    "skipLibCheck": false
  }},
  "include": ["consumer.ts", "gen/**/*"]
}}
"#,
        tools = tools.display(),
        verbatim = !cjs,
    );
    write(dir, "tsconfig.json", &tsconfig);
    // Modules resolve from the toolchain's node_modules.
    let link = dir.join("node_modules");
    if !link.exists() {
        symlink(&tools.join("node_modules"), &link);
    }
    let tsc = tools.join("node_modules/typescript/bin/tsc");
    run(
        Command::new("node")
            .arg(&tsc)
            .args(["-p", "tsconfig.json"])
            .current_dir(dir),
        &format!("tsc ({what})"),
    );
    if emit == TsEmit::Ts {
        // Bundler resolution, as Vite, esbuild or webpack projects use.
        let bundler = tsconfig
            .replace("\"module\": \"nodenext\"", "\"module\": \"esnext\"")
            .replace(
                "\"moduleResolution\": \"nodenext\"",
                "\"moduleResolution\": \"bundler\"",
            );
        write(dir, "tsconfig.bundler.json", &bundler);
        run(
            Command::new("node")
                .arg(&tsc)
                .args(["-p", "tsconfig.bundler.json"])
                .current_dir(dir),
            &format!("tsc, bundler resolution ({what})"),
        );
        return;
    }
    for file in files.iter().filter(|f| f.path.ends_with(".js")) {
        run(
            Command::new("node")
                .args(["--check", &format!("gen/{}", file.path)])
                .current_dir(dir),
            &format!("node --check {} ({what})", file.path),
        );
    }
    // The modules load (they import nothing at run time but each other) and export the
    // functions and enum objects.
    let probe = if cjs {
        "const m = require('./gen/index.js'); if (typeof m.getUser !== 'function') throw new Error('getUser missing');"
    } else {
        "import('./gen/index.js').then((m) => { if (typeof m.getUser !== 'function') throw new Error('getUser missing'); });"
    };
    let input = if cjs {
        "--input-type=commonjs"
    } else {
        "--input-type=module"
    };
    run(
        Command::new("node")
            .args([input, "-e", probe])
            .current_dir(dir),
        &format!("loading the modules ({what})"),
    );
    if cjs {
        // ES modules import the CommonJS output by name (Node finds `exports.name = ...`).
        run(
            Command::new("node")
                .args([
                    "--input-type=module",
                    "-e",
                    "import { getUser } from './gen/index.js'; if (typeof getUser !== 'function') throw new Error('getUser missing');",
                ])
                .current_dir(dir),
            &format!("importing the CommonJS modules by name ({what})"),
        );
    }
}

#[cfg(unix)]
fn symlink(from: &Path, to: &Path) {
    std::os::unix::fs::symlink(from, to).expect("symlink node_modules");
}

#[cfg(not(unix))]
fn symlink(from: &Path, to: &Path) {
    std::os::windows::fs::symlink_dir(from, to).expect("symlink node_modules");
}

#[test]
fn output_type_checks_for_every_combination() {
    if !node_available() {
        return;
    }
    let tools = toolchain();
    let root = tempfile::tempdir().expect("temp dir");
    for driver in [TsDriver::Pg, TsDriver::Mysql2, TsDriver::BetterSqlite3] {
        for (emit, module) in [
            (TsEmit::Ts, TsModule::Esm),
            (TsEmit::Js, TsModule::Esm),
            (TsEmit::Js, TsModule::Cjs),
        ] {
            for bigint in [TsBigint::String, TsBigint::Bigint] {
                let dir = root
                    .path()
                    .join(format!("{driver:?}-{emit:?}-{module:?}-{bigint:?}"));
                check_combination(&tools, &dir, driver, emit, module, bigint);
            }
        }
    }
}

/// Runs the SQLite output against a real in-memory database, and the PostgreSQL text parsers
/// on sample values.
#[test]
fn sqlite_output_runs_and_pg_parsers_parse() {
    if !node_available() {
        return;
    }
    let tools = toolchain();
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path();
    symlink(&tools.join("node_modules"), &dir.join("node_modules"));
    write(
        dir,
        "package.json",
        "{\"type\":\"module\",\"private\":true}\n",
    );
    let native = Command::new("node")
        .args([
            "--input-type=module",
            "-e",
            "import Database from 'better-sqlite3'; new Database(':memory:').close();",
        ])
        .current_dir(dir)
        .output()
        .is_ok_and(|o| o.status.success());
    for (sub, driver, bigint) in [
        ("sqlite", TsDriver::BetterSqlite3, TsBigint::String),
        ("sqlite-bigint", TsDriver::BetterSqlite3, TsBigint::Bigint),
        ("pg", TsDriver::Pg, TsBigint::String),
    ] {
        for file in generate(driver, TsEmit::Js, TsModule::Esm, bigint) {
            write(dir, &format!("{sub}/{}", file.path), &file.contents);
        }
    }
    write(dir, "pg.test.mjs", PG_PARSERS_TEST);
    run(
        Command::new("node").arg("pg.test.mjs").current_dir(dir),
        "the pg text parsers",
    );
    if !native {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "better-sqlite3's native binary must load under CI=true"
        );
        eprintln!(
            "SKIPPED: better-sqlite3's native binary does not load: the SQLite output is not run"
        );
        return;
    }
    write(
        dir,
        "sqlite.test.mjs",
        &SQLITE_TEST.replace("__SCHEMA__", &SQLITE_SCHEMA.replace('\n', " ")),
    );
    run(
        Command::new("node").arg("sqlite.test.mjs").current_dir(dir),
        "the SQLite output against better-sqlite3",
    );
}

const PG_PARSERS_TEST: &str = r#"
import assert from "node:assert/strict";
import * as rt from "./pg/flash-runtime.js";

assert.deepEqual(rt.array("{1,2,NULL}", Number), [1, 2, null]);
assert.deepEqual(rt.array("{}", Number), []);
assert.deepEqual(rt.array('{"a b","c\\"d","e\\\\f",NULL,"NULL",g}', String), ["a b", 'c"d', "e\\f", null, "NULL", "g"]);
assert.deepEqual(rt.array("{{1,2},{3,4}}", Number), [[1, 2], [3, 4]]);
assert.deepEqual(rt.array("[0:1]={7,8}", Number), [7, 8]);
assert.deepEqual(rt.array("{t,f}", (s) => s === "t"), [true, false]);
assert.deepEqual(rt.array("{2024-03-05}", rt.date).map((d) => d.getDate()), [5]);

assert.deepEqual(rt.bytes("\\x0001ff"), Buffer.from([0, 1, 255]));
assert.deepEqual(rt.bytes("a\\\\b\\001"), Buffer.from([97, 92, 98, 1]));

const day = rt.date("2024-03-05");
assert.deepEqual([day.getFullYear(), day.getMonth(), day.getDate(), day.getHours()], [2024, 2, 5, 0]);
assert.equal(rt.dateParam(day), "2024-03-05");
assert.equal(rt.date("0044-03-15 BC").getFullYear(), -43);
assert.equal(rt.date("0099-01-01").getFullYear(), 99);
assert.equal(rt.timestamp("2024-03-05 13:04:05.123456+01").toISOString(), "2024-03-05T12:04:05.123Z");
assert.equal(rt.timestamp("2024-03-05 13:04:05+05:30").toISOString(), "2024-03-05T07:34:05.000Z");
assert.equal(rt.timestamp("1900-01-01 00:00:00-00:09:21").toISOString(), "1900-01-01T00:09:21.000Z");
const local = rt.timestamp("2024-03-05 13:04:05.5");
assert.deepEqual([local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds()], [13, 4, 5, 500]);
assert.equal(rt.timestamp("infinity").getTime(), 8640000000000000);
assert.equal(rt.timestamp("-infinity").getTime(), -8640000000000000);
assert.equal(rt.insertValues("INSERT INTO t (a, b) VALUES ", 2, 2), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
assert.deepEqual(rt.chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);

// Rows are read as text whatever parsers the client has installed.
let seen;
const fake = { query: async (config) => { seen = config; return { rows: [["1", "t"]], rowCount: 1 }; } };
assert.deepEqual(await rt.query(fake, "SELECT $1", [1]), [["1", "t"]]);
assert.equal(seen.rowMode, "array");
assert.equal(seen.types.getTypeParser(20)("123"), "123");
"#;

const SQLITE_TEST: &str = r#"
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import * as q from "./sqlite/index.js";
import * as qb from "./sqlite-bigint/index.js";

for (const [mod, id] of [[q, (n) => String(n)], [qb, (n) => BigInt(n)]]) {
  const db = new Database(":memory:");
  db.exec("__SCHEMA__");

  const created = mod.createUser(db, {
    email: "ann@example.com", name: null, score: 1.5, balance: "12.50", active: true,
    birthday: new Date(1990, 4, 17), createdAt: new Date("2024-03-05T13:04:05.123Z"),
    wakeAt: "07:30", avatar: Buffer.from([1, 2, 3]), prefs: { theme: ["dark"] }, apiKey: null,
  });
  assert.ok(created !== null);
  assert.equal(created.id, id(1));
  assert.equal(created.email, "ann@example.com");
  assert.equal(created.name, null);
  assert.equal(created.score, 1.5);
  assert.equal(created.balance, "12.5");
  assert.equal(created.active, true);
  assert.deepEqual([created.birthday.getFullYear(), created.birthday.getMonth(), created.birthday.getDate()], [1990, 4, 17]);
  assert.equal(created.createdAt.toISOString(), "2024-03-05T13:04:05.123Z");
  assert.equal(created.wakeAt, "07:30");
  assert.deepEqual(created.avatar, Buffer.from([1, 2, 3]));
  assert.deepEqual(created.prefs, { theme: ["dark"] });
  assert.equal(created.apiKey, null);
  // What SQLite stored: the local day, and UTC time as its date functions write it.
  assert.deepEqual(db.prepare("SELECT birthday, created_at, active FROM users").raw(true).get(), ["1990-05-17", "2024-03-05 13:04:05.123", 1]);

  assert.deepEqual(mod.getUser(db, { id: id(1) }), created);
  assert.equal(mod.getUser(db, { id: id(99) }), null);

  const second = mod.createUserId(db, { email: "bob@example.com", active: false, createdAt: new Date("2024-01-01T00:00:00Z") });
  assert.equal(second, id(2));
  assert.equal(db.prepare("SELECT created_at FROM users WHERE id = 2").pluck().get(), "2024-01-01 00:00:00");

  assert.deepEqual(mod.listUsersByIds(db, { ids: [id(1), id(2)], email: null }), [
    { id: id(1), email: "ann@example.com", active: true },
    { id: id(2), email: "bob@example.com", active: false },
  ]);
  assert.deepEqual(mod.listUsersByIds(db, { ids: [id(1), id(2)], email: "bob@example.com" }).map((r) => r.id), [id(2)]);
  assert.deepEqual(mod.listUsersByIds(db, { ids: [], email: null }), []);

  assert.equal(mod.renameUser(db, { name: "Ann", id: id(1) }), 1);
  assert.equal(mod.renameUser(db, { name: "Nobody", id: id(42) }), 0);
  assert.equal(mod.touch(db, { ids: [id(1), id(2)] }).changes, 2);

  const posts = [];
  for (let i = 0; i < 12000; i++) {
    posts.push({ authorId: id(1 + (i % 2)), title: `post ${i}`, body: i % 3 === 0 ? null : "text" });
  }
  // 12000 rows x 3 columns: more than one chunk of SQLite's 32766 parameters.
  assert.equal(mod.copyPosts(db, posts), 12000);
  assert.equal(db.prepare("SELECT count(*) FROM posts WHERE body IS NULL").pluck().get(), 4000);

  mod.batchRename(db, [{ name: "A", id: id(1) }, { name: "B", id: id(2) }]);
  assert.deepEqual(db.prepare("SELECT name FROM users ORDER BY id").pluck().all(), ["A", "B"]);
  const batches = mod.batchPosts(db, [{ authorId: id(1) }, { authorId: id(3) }]);
  assert.equal(batches.length, 2);
  assert.equal(batches[0].length, 6000);
  assert.deepEqual(batches[0][0], { id: id(1), title: "post 0" });
  assert.deepEqual(batches[1], []);
  assert.deepEqual(mod.batchUser(db, [{ id: id(2) }, { id: id(7) }]), [{ id: id(2), email: "bob@example.com" }, null]);

  const joined = mod.postsWithAuthor(db);
  assert.deepEqual(joined[1], { id: id(2), title: "post 1", id2: id(2), email: "bob@example.com" });

  assert.deepEqual(mod.usersBornAfter(db, { day: new Date(1990, 4, 16), since: new Date("2000-01-01T00:00:00Z") }).map((r) => r.id), [id(1)]);
  assert.deepEqual(mod.countUsers(db), { count: id(2) });
  mod.deleteAll(db);
  assert.deepEqual(mod.countUsers(db), { count: id(0) });
  db.close();
}
"#;

// ---------------------------------------------------------------------------------------------
// Against real servers (FLASH_TEST_POSTGRES_URL, FLASH_TEST_MYSQL_URL; `.ci/run` starts them).

/// The server URL in `var`, or a loud skip (a failure under `CI=true`).
fn server_url(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Some(v),
        _ => {
            assert!(
                !matches!(std::env::var("CI").as_deref(), Ok("true" | "1")),
                "{var} is not set, and CI=true: database tests must not be skipped"
            );
            eprintln!("SKIPPED: {var} is not set; this test needs a real server");
            None
        }
    }
}

/// Writes the JavaScript output of `driver` (string and bigint modes) and `script` into a
/// temp folder and runs the script with `FLASH_URL` set, against a database it creates.
fn run_against_server(driver: TsDriver, url: &str, schema: &str, script: &str) {
    let tools = toolchain();
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path();
    symlink(&tools.join("node_modules"), &dir.join("node_modules"));
    write(
        dir,
        "package.json",
        "{\"type\":\"module\",\"private\":true}\n",
    );
    for (sub, bigint) in [("gen", TsBigint::String), ("gen-bigint", TsBigint::Bigint)] {
        for file in generate(driver, TsEmit::Js, TsModule::Esm, bigint) {
            write(dir, &format!("{sub}/{}", file.path), &file.contents);
        }
    }
    write(dir, "schema.sql", schema);
    write(dir, "test.mjs", script);
    run(
        Command::new("node")
            .arg("test.mjs")
            .env("FLASH_URL", url)
            .current_dir(dir),
        &format!("the {driver:?} output against the server"),
    );
}

#[test]
fn pg_output_runs_against_postgres() {
    if !node_available() {
        return;
    }
    let Some(url) = server_url("FLASH_TEST_POSTGRES_URL") else {
        return;
    };
    run_against_server(TsDriver::Pg, &url, PG_SCHEMA, PG_TEST);
}

#[test]
fn mysql2_output_runs_against_mysql() {
    if !node_available() {
        return;
    }
    let Some(url) = server_url("FLASH_TEST_MYSQL_URL") else {
        return;
    };
    run_against_server(TsDriver::Mysql2, &url, MYSQL_SCHEMA, MYSQL_TEST);
}

/// The PostgreSQL schema of [`pg_request`].
const PG_SCHEMA: &str = "
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE post_state AS ENUM ('draft', 'in review', 'published');
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  name varchar(100),
  age int,
  small smallint NOT NULL DEFAULT 7,
  score double precision NOT NULL DEFAULT 0.25,
  ratio real,
  balance numeric(12, 2),
  active boolean NOT NULL,
  mood mood,
  avatar bytea,
  birthday date,
  wake_at time,
  created_at timestamptz NOT NULL,
  updated_at timestamp,
  session interval,
  api_key uuid NOT NULL,
  prefs jsonb,
  settings json NOT NULL,
  tags text[] NOT NULL,
  moods mood[],
  ip inet,
  grid int[][]
);
CREATE TABLE posts (
  id bigserial PRIMARY KEY,
  author_id bigint NOT NULL,
  title text NOT NULL,
  body text,
  state post_state NOT NULL DEFAULT 'in review',
  published_at timestamptz DEFAULT now()
);
CREATE TABLE comments (
  id bigserial PRIMARY KEY,
  post_id bigint NOT NULL,
  author_id bigint,
  body text NOT NULL
);
CREATE VIEW user_emails AS SELECT id, email FROM users;
";

const PG_TEST: &str = r#"
import assert from "node:assert/strict";
import fs from "node:fs";
import pg from "pg";
import * as q from "./gen/index.js";
import * as qb from "./gen-bigint/index.js";

const admin = new pg.Client({ connectionString: process.env.FLASH_URL });
await admin.connect();
const name = `flash_ts_${process.pid}_${Date.now()}`;
await admin.query(`CREATE DATABASE ${name}`);
try {
  const url = new URL(process.env.FLASH_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString() });
  // pool.end() resolves before the server has closed its sessions, so the DROP ... WITH (FORCE)
  // below may still terminate one; pg then reports that on the pool as an idle client's error.
  pool.on("error", () => {});
  await pool.query(fs.readFileSync("schema.sql", "utf8"));
  // Parsers installed globally do not change what the generated functions return.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));

  const createdAt = new Date("2024-03-05T13:04:05.123Z");
  const user = await q.createUser(pool, {
    email: "ann@example.com", name: "Ann", active: true, mood: q.Mood.Happy,
    birthday: new Date(1990, 4, 17), createdAt, apiKey: "6f1c3c1e-8a8f-4a5e-9d51-3f4b8c1d2e3f",
    prefs: { theme: ["dark"], n: 1 }, settings: [1, "two"], tags: ["a", "b c", 'q"uote', "back\\slash", ""],
    moods: ["sad", "happy"], avatar: Buffer.from([0, 1, 254, 255]), balance: "1234567890.12",
    session: "1 day 02:03:04",
  });
  assert.ok(user !== null);
  assert.equal(user.id, "1");
  assert.equal(user.email, "ann@example.com");
  assert.equal(user.name, "Ann");
  assert.equal(user.age, null);
  assert.equal(user.small, 7);
  assert.equal(user.score, 0.25);
  assert.equal(user.ratio, null);
  assert.equal(user.balance, "1234567890.12");
  assert.equal(user.active, true);
  assert.equal(user.mood, "happy");
  assert.deepEqual(user.avatar, Buffer.from([0, 1, 254, 255]));
  assert.deepEqual([user.birthday.getFullYear(), user.birthday.getMonth(), user.birthday.getDate(), user.birthday.getHours()], [1990, 4, 17, 0]);
  assert.equal(user.wakeAt, null);
  assert.equal(user.createdAt.toISOString(), "2024-03-05T13:04:05.123Z");
  assert.equal(user.updatedAt, null);
  assert.equal(user.session, "1 day 02:03:04");
  assert.equal(user.apiKey, "6f1c3c1e-8a8f-4a5e-9d51-3f4b8c1d2e3f");
  assert.deepEqual(user.prefs, { n: 1, theme: ["dark"] });
  assert.deepEqual(user.settings, [1, "two"]);
  assert.deepEqual(user.tags, ["a", "b c", 'q"uote', "back\\slash", ""]);
  assert.deepEqual(user.moods, ["sad", "happy"]);
  assert.equal(user.ip, null);
  assert.equal(user.grid, null);

  await pool.query("UPDATE users SET wake_at = '07:30', updated_at = '2024-01-02 03:04:05.5', ip = '10.0.0.1', grid = '{{1,2},{3,NULL}}', ratio = 0.5, age = 41");
  const got = await q.getUser(pool, { id: "1" });
  assert.equal(got.wakeAt, "07:30:00");
  assert.deepEqual([got.updatedAt.getFullYear(), got.updatedAt.getHours(), got.updatedAt.getMilliseconds()], [2024, 3, 500]);
  assert.equal(got.ip, "10.0.0.1");
  assert.deepEqual(got.grid, [[1, 2], [3, null]]);
  assert.equal(got.ratio, 0.5);
  assert.equal(got.age, 41);
  assert.deepEqual(await q.getUserByEmail(pool, { email: "ann@example.com" }), got);
  assert.equal(await q.getUser(pool, { id: "99" }), null);

  const bigUser = await qb.getUser(pool, { id: 1n });
  assert.equal(bigUser.id, 1n);
  assert.equal((await qb.countUsers(pool)).count, 1n);
  assert.equal((await q.countUsers(pool)).count, "1");

  assert.deepEqual(await q.listUsers(pool, { mood: null }), [{ id: "1", email: "ann@example.com", mood: "happy" }]);
  assert.deepEqual(await q.listUsers(pool, { mood: "sad" }), []);
  const tagged = await q.usersWithTags(pool, { tags: ["b c"], days: [new Date(1990, 4, 17)] });
  assert.deepEqual(tagged.map((r) => r.id), ["1"]);

  await q.updateUserName(pool, { name: null, id: "1" });
  assert.equal((await q.getUser(pool, { id: "1" })).name, null);
  const result = await q.touchUsers(pool, { before: new Date("2030-01-01T00:00:00Z") });
  assert.equal(result.rowCount, 1);
  assert.deepEqual(await q.userEmails(pool), [{ id: "1", email: "ann@example.com" }]);

  const postId = await q.insertPost(pool, { authorId: "1", title: "Hello", body: null });
  assert.equal(postId, "1");
  const listed = await q.listPostsWithAuthor(pool, { since: new Date("2000-01-01T00:00:00Z"), state: q.PostState.InReview });
  assert.equal(listed.length, 1);
  assert.equal(listed[0].id2, "1");
  assert.ok(listed[0].publishedAt instanceof Date);

  const comments = [];
  for (let i = 0; i < 30000; i++) {
    comments.push({ postId: "1", authorId: i % 2 === 0 ? null : "1", body: `c${i}` });
  }
  // 30000 rows x 3 columns: two statements under the 65535 parameter limit.
  assert.equal(await q.copyComments(pool, comments), 30000);
  assert.deepEqual((await pool.query("SELECT count(*)::int AS n FROM comments WHERE author_id IS NULL")).rows, [{ n: 15000 }]);

  assert.deepEqual((await q.batchPostsByAuthor(pool, [{ authorId: "1" }, { authorId: "2" }])).map((r) => r.length), [1, 0]);
  assert.deepEqual(await q.batchUserById(pool, [{ id: "1" }, { id: "5" }]), [{ id: "1", email: "ann@example.com" }, null]);
  await q.batchDeletePosts(pool, [{ id: "1" }, { id: "2" }]);
  assert.deepEqual(await q.batchPostsByAuthor(pool, [{ authorId: "1" }]), [[]]);

  const odd = await q.oddNames(pool);
  assert.equal(odd["1st"], 1);
  assert.equal(odd.default, "x");
  assert.equal(odd.template, "`${x}`");
  assert.ok((await q.lastSeen(pool)).lastSeen instanceof Date);

  // Works on a pooled client too (inside a transaction).
  const client = await pool.connect();
  await client.query("BEGIN");
  assert.equal(await q.deleteUser(client, { id: "1" }), 1);
  await client.query("ROLLBACK");
  client.release();
  await q.delete_(pool);
  assert.equal((await q.countUsers(pool)).count, "0");
  await pool.end();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
"#;

/// The MySQL / MariaDB schema of [`mysql_request`].
const MYSQL_SCHEMA: &str = "
CREATE TABLE users (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  name VARCHAR(100),
  age INT,
  tiny TINYINT NOT NULL DEFAULT 3,
  score DOUBLE NOT NULL DEFAULT 0.25,
  ratio FLOAT,
  balance DECIMAL(12, 2),
  active TINYINT(1) NOT NULL,
  verified BIT(1),
  status ENUM('active', 'banned') NOT NULL,
  avatar BLOB,
  birthday DATE,
  wake_at TIME,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3),
  api_key VARCHAR(36) NOT NULL,
  prefs JSON,
  year YEAR,
  flags SET('a', 'b')
);
CREATE TABLE posts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  author_id BIGINT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL,
  body TEXT
)
";

const MYSQL_TEST: &str = r#"
import assert from "node:assert/strict";
import fs from "node:fs";
import mysql from "mysql2/promise";
import * as q from "./gen/index.js";
import * as qb from "./gen-bigint/index.js";

const admin = await mysql.createConnection(process.env.FLASH_URL);
const name = `flash_ts_${process.pid}_${Date.now()}`;
await admin.query(`CREATE DATABASE ${name}`);
try {
  const url = new URL(process.env.FLASH_URL);
  url.pathname = `/${name}`;
  const pool = mysql.createPool({ uri: url.toString() });
  for (const statement of fs.readFileSync("schema.sql", "utf8").split(";")) {
    await pool.query(statement);
  }

  const createdAt = new Date("2024-03-05T13:04:05.123Z");
  const id = await q.createUser(pool, {
    email: "ann@example.com", active: true, status: q.UsersStatus.Active, createdAt,
    apiKey: "k1", prefs: { theme: ["dark"] }, birthday: new Date(1990, 4, 17), avatar: Buffer.from([0, 255]),
  });
  assert.equal(id, "1");
  const user = await q.getUser(pool, { id });
  assert.ok(user !== null);
  assert.equal(user.id, "1");
  assert.equal(user.name, null);
  assert.equal(user.tiny, 3);
  assert.equal(user.score, 0.25);
  assert.equal(user.balance, null);
  assert.equal(user.active, true);
  assert.equal(user.verified, null);
  assert.equal(user.status, "active");
  assert.deepEqual(user.avatar, Buffer.from([0, 255]));
  assert.deepEqual([user.birthday.getFullYear(), user.birthday.getMonth(), user.birthday.getDate()], [1990, 4, 17]);
  assert.equal(user.createdAt.toISOString(), "2024-03-05T13:04:05.123Z");
  assert.equal(user.apiKey, "k1");
  assert.deepEqual(user.prefs, { theme: ["dark"] });
  assert.equal(user.year, null);

  await pool.query("UPDATE users SET verified = b'1', balance = 1234567890.12, wake_at = '07:30:00', year = 2024, flags = 'a,b', ratio = 0.5, updated_at = '2024-01-02 03:04:05.500'");
  const got = await q.getUser(pool, { id: "1" });
  assert.equal(got.verified, true);
  assert.equal(got.balance, "1234567890.12");
  assert.equal(got.wakeAt, "07:30:00");
  assert.equal(got.year, 2024);
  assert.equal(got.flags, "a,b");
  assert.equal(got.ratio, 0.5);
  assert.deepEqual([got.updatedAt.getHours(), got.updatedAt.getMilliseconds()], [3, 500]);
  assert.equal((await qb.getUser(pool, { id: 1n })).id, 1n);

  const second = await qb.createUser(pool, {
    email: "bob@example.com", active: false, status: "banned", createdAt, apiKey: "k2", prefs: null, birthday: null, avatar: null,
  });
  assert.equal(second, 2n);
  assert.deepEqual(await q.listUsersByIds(pool, { ids: ["1", "2"], status: null }), [
    { id: "1", email: "ann@example.com", status: "active" },
    { id: "2", email: "bob@example.com", status: "banned" },
  ]);
  assert.deepEqual((await q.listUsersByIds(pool, { ids: ["1", "2"], status: "banned" })).map((r) => r.id), ["2"]);
  assert.deepEqual(await q.listUsersByIds(pool, { ids: [], status: null }), []);
  assert.equal((await q.getUser(pool, { id: "2" })).prefs, null);
  assert.equal((await q.getUser(pool, { id: "2" })).active, false);

  assert.equal(await q.updatePrefs(pool, { prefs: [1, { a: null }], id: "2" }), 1);
  assert.deepEqual((await q.getUser(pool, { id: "2" })).prefs, [1, { a: null }]);
  assert.equal((await q.touch(pool, { ids: ["1", "2"] })).affectedRows, 2);

  const posts = [];
  for (let i = 0; i < 30000; i++) {
    posts.push({ authorId: i % 2 === 0 ? "1" : "2", title: `post ${i}`, body: i % 3 === 0 ? null : "text" });
  }
  assert.equal(await q.copyPosts(pool, posts), 30000);
  const [[{ n }]] = await pool.query("SELECT count(*) AS n FROM posts WHERE body IS NULL");
  assert.equal(Number(n), 10000);

  await q.batchActivate(pool, [{ active: true, id: "2" }]);
  assert.equal((await q.getUser(pool, { id: "2" })).active, true);
  assert.deepEqual(await q.batchUsers(pool, [{ status: "banned" }, { status: "active" }]), [
    [{ id: "2", email: "bob@example.com" }],
    [{ id: "1", email: "ann@example.com" }],
  ]);
  assert.deepEqual(await q.batchUser(pool, [{ id: "1" }, { id: "9" }]), [{ id: "1", email: "ann@example.com" }, null]);
  const joined = await q.postsWithAuthor(pool);
  assert.equal(joined.length, 30000);
  assert.equal(joined.find((r) => r.title === "post 1").id2, "2");

  const connection = await pool.getConnection();
  await q.deleteAll(connection);
  connection.release();
  assert.equal(await q.getUser(pool, { id: "1" }), null);
  await pool.end();
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
}
"#;

// ---------------------------------------------------------------------------------------------
// The shared corpus (tests/codegen/<db>/), analysed for real.

#[test]
fn corpus_output_type_checks() {
    if !node_available() {
        return;
    }
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/codegen");
    let tools = toolchain();
    let root = tempfile::tempdir().expect("temp dir");
    for (db, provider, driver) in [
        ("postgresql", Provider::Postgresql, TsDriver::Pg),
        ("mysql", Provider::Mysql, TsDriver::Mysql2),
        ("sqlite", Provider::Sqlite, TsDriver::BetterSqlite3),
    ] {
        let req = common::corpus_request(provider, &corpus.join(db));
        for (emit, module, bigint) in [
            (TsEmit::Ts, TsModule::Esm, TsBigint::String),
            (TsEmit::Js, TsModule::Cjs, TsBigint::Bigint),
        ] {
            let what = format!("tests/codegen/{db} {emit:?}/{module:?}/{bigint:?}");
            let files = ts::generate(&req, &options(driver, emit, module, bigint))
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let dir = root.path().join(format!("{db}-{emit:?}-{bigint:?}"));
            check_files(&tools, &dir, &files, emit, module, &what);
        }
    }
}

/// `tsc --strict` over generated files and a consumer importing them all.
fn check_files(
    tools: &Path,
    dir: &Path,
    files: &[GeneratedFile],
    emit: TsEmit,
    module: TsModule,
    what: &str,
) {
    for file in files {
        write(dir, &format!("gen/{}", file.path), &file.contents);
    }
    let cjs = emit == TsEmit::Js && module == TsModule::Cjs;
    let package_type = if cjs { "commonjs" } else { "module" };
    write(
        dir,
        "package.json",
        &format!("{{\"type\":\"{package_type}\",\"private\":true}}\n"),
    );
    write(
        dir,
        "consumer.ts",
        "import * as db from \"./gen/index.js\";\nexport type Everything = typeof db;\n",
    );
    write(
        dir,
        "tsconfig.json",
        &format!(
            r#"{{
  "compilerOptions": {{
    "strict": true, "noEmit": true, "target": "es2022", "lib": ["es2022"],
    "module": "nodenext", "moduleResolution": "nodenext", "types": ["node"],
    "typeRoots": ["{}/node_modules/@types"], "noUnusedLocals": true,
    "noUnusedParameters": true, "noImplicitReturns": true, "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true, "skipLibCheck": false
  }},
  "include": ["consumer.ts", "gen/**/*"]
}}
"#,
            tools.display()
        ),
    );
    let link = dir.join("node_modules");
    if !link.exists() {
        symlink(&tools.join("node_modules"), &link);
    }
    run(
        Command::new("node")
            .arg(tools.join("node_modules/typescript/bin/tsc"))
            .args(["-p", "tsconfig.json"])
            .current_dir(dir),
        &format!("tsc ({what})"),
    );
    for file in files.iter().filter(|f| f.path.ends_with(".js")) {
        run(
            Command::new("node")
                .args(["--check", &format!("gen/{}", file.path)])
                .current_dir(dir),
            &format!("node --check {} ({what})", file.path),
        );
    }
}
