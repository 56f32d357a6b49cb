//! `flash gen` end to end: what it writes, the cache, `check`, stale files, errors that write
//! nothing, byte-stable output, `--ir`, and `--verify` against real databases.
#![allow(clippy::unwrap_used)]

use flash::gen::verify::{verify, Severity};
use flash::gen::{analyse, generate, FileStatus, GenOptions, GenReport};
use flash::{Error, OpenOptions, Target};
use flash_testkit::TestDb;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SCHEMA_SQLITE: &str = "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT NOT NULL UNIQUE,\n  bio TEXT\n);\n\nCREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER NOT NULL REFERENCES users (id),\n  title TEXT NOT NULL\n);\n";

const USERS: &str = "-- name: GetUser :one\nSELECT * FROM users WHERE id = ?;\n\n-- name: ListUsers :many\nSELECT id, email FROM users ORDER BY id;\n";
const POSTS: &str = "-- name: PostsOf :many\nSELECT p.id, p.title, u.email FROM posts p JOIN users u ON u.id = p.user_id WHERE u.id = @user_id;\n";

/// A project with Go, TypeScript and Python enabled.
fn project(provider: &str, schema: &str, url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("db/schema")).unwrap();
    std::fs::create_dir_all(root.join("db/queries")).unwrap();
    std::fs::write(root.join("db/schema/schema.sql"), schema).unwrap();
    std::fs::write(root.join("db/queries/users.sql"), USERS).unwrap();
    std::fs::write(root.join("db/queries/posts.sql"), POSTS).unwrap();
    std::fs::write(
        root.join("flash.toml"),
        format!("version = \"2\"\nschema_dir = \"db/schema\"\nqueries = \"db/queries/\"\nmigrations_path = \"db/migrations\"\n\n[database]\nprovider = \"{provider}\"\nurl_env = \"DATABASE_URL\"\n\n[gen.go]\nenabled = true\n\n[gen.js]\nenabled = true\n\n[gen.python]\nenabled = true\n"),
    )
    .unwrap();
    std::fs::write(root.join(".env"), format!("DATABASE_URL={url}\n")).unwrap();
    dir
}

fn target(dir: &Path) -> Target {
    Target::open(&OpenOptions {
        cwd: Some(dir.to_path_buf()),
        ..OpenOptions::default()
    })
    .unwrap()
}

fn gen(dir: &Path, opts: GenOptions) -> GenReport {
    generate(&target(dir), &opts).unwrap()
}

/// Every file under `dir/gen`, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(p: &Path, base: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(p) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                out.insert(
                    path.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&dir.join("gen"), dir, &mut out);
    out
}

fn count(r: &GenReport, status: FileStatus) -> usize {
    r.languages
        .iter()
        .flat_map(|l| &l.files)
        .filter(|f| f.status == status)
        .count()
}

#[test]
fn writes_every_language_then_is_up_to_date() {
    let db = TestDb::sqlite();
    let p = project("sqlite", SCHEMA_SQLITE, &db.url);
    let first = gen(p.path(), GenOptions::default());
    assert!(first.changed && !first.up_to_date);
    assert_eq!(
        (first.query_files, first.queries, first.analysed_files),
        (2, 3, 2)
    );
    assert_eq!(first.languages.len(), 3);
    for l in &first.languages {
        assert!(!l.files.is_empty(), "{:?} wrote nothing", l.language);
        for f in &l.files {
            assert_eq!(f.status, FileStatus::Created);
            let text = std::fs::read_to_string(&f.path).unwrap();
            // Every generated file says so (py.typed is empty by definition).
            if !f.path.ends_with("py.typed") {
                assert!(
                    text.contains(flash::gen::files::MARKER),
                    "{}",
                    f.path.display()
                );
            }
        }
    }
    let second = gen(p.path(), GenOptions::default());
    assert!(second.up_to_date && !second.changed);
    assert_eq!(second.analysed_files, 0);
    assert_eq!(
        count(&second, FileStatus::Unchanged),
        count(&first, FileStatus::Created)
    );
}

#[test]
fn only_the_changed_query_file_is_analysed_and_check_writes_nothing() {
    let db = TestDb::sqlite();
    let p = project("sqlite", SCHEMA_SQLITE, &db.url);
    gen(p.path(), GenOptions::default());
    let before = tree(p.path());
    std::fs::write(
        p.path().join("db/queries/posts.sql"),
        format!("{POSTS}\n-- name: CountPosts :one\nSELECT count(*) AS n FROM posts;\n"),
    )
    .unwrap();

    let check = gen(
        p.path(),
        GenOptions {
            check: true,
            ..GenOptions::default()
        },
    );
    assert!(check.changed && check.check);
    assert_eq!(tree(p.path()), before, "--check wrote something");

    let r = gen(p.path(), GenOptions::default());
    assert_eq!(r.analysed_files, 1);
    assert!(count(&r, FileStatus::Updated) >= 3, "{r:#?}");
    let after = tree(p.path());
    // The outputs of users.sql did not change.
    for (path, bytes) in &before {
        if path.to_string_lossy().contains("users") {
            assert_eq!(after.get(path), Some(bytes), "{}", path.display());
        }
    }
}

#[test]
fn a_removed_query_file_takes_its_outputs_with_it() {
    let db = TestDb::sqlite();
    let p = project("sqlite", SCHEMA_SQLITE, &db.url);
    gen(p.path(), GenOptions::default());
    let had_posts: Vec<PathBuf> = tree(p.path())
        .into_keys()
        .filter(|k| k.to_string_lossy().contains("posts"))
        .collect();
    assert!(!had_posts.is_empty());
    std::fs::remove_file(p.path().join("db/queries/posts.sql")).unwrap();
    let r = gen(p.path(), GenOptions::default());
    assert!(count(&r, FileStatus::Deleted) >= 3, "{r:#?}");
    for f in had_posts {
        assert!(
            !p.path().join(&f).exists(),
            "{} is still there",
            f.display()
        );
    }
}

#[test]
fn query_errors_write_nothing_and_name_their_place() {
    let db = TestDb::sqlite();
    let p = project("sqlite", SCHEMA_SQLITE, &db.url);
    gen(p.path(), GenOptions::default());
    let before = tree(p.path());
    std::fs::write(
        p.path().join("db/queries/posts.sql"),
        "-- name: Broken :many\nSELECT nope FROM posts;\n\n-- name: AlsoBroken :one\nSELECT * FROM missing;\n",
    )
    .unwrap();
    let err = generate(&target(p.path()), &GenOptions::default()).unwrap_err();
    let Error::Queries(errors) = err else {
        panic!("expected query errors, got {err:?}");
    };
    let places: Vec<String> = errors
        .iter()
        .map(|e| format!("{}:{}:{}", e.file, e.line, e.column))
        .collect();
    assert_eq!(places.len(), 2, "{errors:?}");
    assert!(places[0].ends_with("posts.sql:2:8"), "{places:?}");
    assert!(places[1].ends_with("posts.sql:5:15"), "{places:?}");
    assert_eq!(tree(p.path()), before);
}

#[test]
fn a_file_flash_did_not_write_is_left_alone() {
    let db = TestDb::sqlite();
    let p = project("sqlite", SCHEMA_SQLITE, &db.url);
    let first = gen(p.path(), GenOptions::default());
    let victim = first.languages[0].files[0].path.clone();
    std::fs::write(&victim, "hand-written, keep me\n").unwrap();
    let before = tree(p.path());
    let err = generate(
        &target(p.path()),
        &GenOptions {
            force: true,
            ..GenOptions::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("not written by flash"), "{err}");
    assert_eq!(tree(p.path()), before);
}

#[test]
fn output_is_byte_stable_and_the_ir_is_written() {
    let db = TestDb::sqlite();
    let a = project("sqlite", SCHEMA_SQLITE, &db.url);
    let b = project("sqlite", SCHEMA_SQLITE, &db.url);
    let ir = a.path().join("ir.json");
    gen(
        a.path(),
        GenOptions {
            ir: Some(ir.clone()),
            ..GenOptions::default()
        },
    );
    gen(b.path(), GenOptions::default());
    assert_eq!(tree(a.path()), tree(b.path()));
    let forced = gen(
        a.path(),
        GenOptions {
            force: true,
            ..GenOptions::default()
        },
    );
    assert!(!forced.changed, "regenerating changed bytes: {forced:#?}");
    let request: flash_codegen::GenRequest =
        serde_json::from_slice(&std::fs::read(&ir).unwrap()).unwrap();
    assert_eq!(request.files.len(), 2);
    assert_eq!(request.catalog.tables.len(), 2);
    let get_user = &request.files[1].queries[0];
    assert_eq!(get_user.query.name, "GetUser");
    assert_eq!(get_user.model.as_deref(), Some("users"));
}

/// Creates the database from `schema`, then puts `schema_after` in the schema files (drift when
/// they differ) and verifies `queries`.
fn verify_on(
    provider: &str,
    url: &str,
    schema: &str,
    schema_after: &str,
    queries: &str,
) -> flash::gen::verify::VerifyReport {
    let p = project(provider, schema, url);
    std::fs::write(p.path().join("db/queries/posts.sql"), queries).unwrap();
    std::fs::remove_file(p.path().join("db/queries/users.sql")).unwrap();
    let t = target(p.path());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let project = t.project();
        flash::migrate::generate(
            &project,
            Some(url),
            &flash::migrate::GenerateOptions {
                name: "init".into(),
                ..Default::default()
            },
            &flash::migrate::NoPrompt,
        )
        .await
        .unwrap();
        flash::migrate::apply(
            &project,
            url,
            &flash::migrate::ApplyOptions::default(),
            &flash::migrate::NoPrompt,
            &mut |_| {},
        )
        .await
        .unwrap();
        std::fs::write(p.path().join("db/schema/schema.sql"), schema_after).unwrap();
        let (schema, queries) = analyse(&t).unwrap();
        verify(&t, &schema, &queries).await.unwrap()
    })
}

#[tokio::test(flavor = "current_thread")]
async fn verify_reports_drift_and_notes_what_it_cannot_confirm_on_postgresql() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let schema = "CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL,\n  bio text\n);\n";
    // The schema files now say bio is NOT NULL; the database was made before that.
    let after = schema.replace("bio text", "bio text NOT NULL");
    let queries = "-- name: Emails :many\nSELECT id, email FROM users;\n\n-- name: Bios :many\nSELECT id, bio FROM users;\n\n-- flash:column email not null\n-- name: Proven :many\nSELECT u.email FROM users u LEFT JOIN users v ON v.id = u.id WHERE v.email IS NOT NULL;\n\n-- name: Mismatch :many\nSELECT id FROM users WHERE email = 5;\n";
    let url = db.url.clone();
    let report =
        tokio::task::spawn_blocking(move || verify_on("postgresql", &url, schema, &after, queries))
            .await
            .unwrap();
    assert_eq!(report.checked, 4);
    let errors: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 2, "{report:#?}");
    assert_eq!(errors[0].query, "Bios");
    assert!(
        errors[0].message.contains("column `bio`"),
        "{}",
        errors[0].message
    );
    // PostgreSQL refuses `text = integer` when it prepares the query.
    assert_eq!(errors[1].query, "Mismatch");
    assert!(
        errors[1].message.contains("cannot prepare"),
        "{}",
        errors[1].message
    );
}

#[tokio::test(flavor = "current_thread")]
async fn verify_agrees_on_mysql() {
    let Some(db) = TestDb::mysql().await else {
        return;
    };
    let schema = "CREATE TABLE users (\n  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,\n  email varchar(200) NOT NULL,\n  bio text\n);\n";
    let queries = "-- name: Stats :one\nSELECT count(*) AS n, max(bio) AS longest, coalesce(max(email), '') AS e FROM users WHERE id > ?;\n\n-- name: Add :one\nINSERT INTO users (email, bio) VALUES (?, ?) RETURNING id, email;\n";
    let url = db.url.clone();
    let report =
        tokio::task::spawn_blocking(move || verify_on("mysql", &url, schema, schema, queries))
            .await
            .unwrap();
    assert_eq!(report.checked, 2);
    assert_eq!(report.errors(), 0, "{report:#?}");
}

#[test]
fn outputs_of_a_language_not_generated_now_are_left_alone() {
    let db = TestDb::sqlite();
    let p = project("sqlite", SCHEMA_SQLITE, &db.url);
    let all = gen(p.path(), GenOptions::default());
    let go_files: Vec<PathBuf> = all
        .languages
        .iter()
        .filter(|l| l.language == flash::gen::Language::Go)
        .flat_map(|l| l.files.iter().map(|f| f.path.clone()))
        .collect();
    assert!(!go_files.is_empty());
    let only_python = gen(
        p.path(),
        GenOptions {
            languages: vec![flash::gen::Language::Python],
            ..GenOptions::default()
        },
    );
    assert_eq!(
        count(&only_python, FileStatus::Deleted),
        0,
        "{only_python:#?}"
    );
    for f in go_files {
        assert!(f.is_file(), "{} was deleted", f.display());
    }
}
