//! `flash pull` against real databases: the files it writes describe the database exactly
//! (parsed back, they diff to nothing), applying them to an empty database and pulling again
//! gives the same files, a second pull changes nothing, existing files are updated element by
//! element with the user's text kept, and objects flash does not model are listed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use flash_migrate::{
    apply, generate, pull, ApplyOptions, FileAction, GenerateOptions, NoPrompt, PullOptions,
    PullReport,
};
use flash_schema::Provider;
mod common;

use common::{assert_describes, databases, files_of, project, run_sql};
use flash_testkit::TestDb;
use std::path::{Path, PathBuf};

const POSTGRES: &str = r#"
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email varchar(200) NOT NULL UNIQUE,
  name text,
  mood mood NOT NULL DEFAULT 'ok',
  score numeric(10,2) CHECK (score >= 0),
  tags text[],
  created_at timestamptz NOT NULL DEFAULT now(),
  email_lower text GENERATED ALWAYS AS (lower(email)) STORED
);
COMMENT ON TABLE users IS 'People';
COMMENT ON COLUMN users.name IS 'Shown name';
CREATE TABLE posts (
  id serial PRIMARY KEY,
  author_id bigint REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  body jsonb,
  published boolean NOT NULL DEFAULT false
);
CREATE INDEX posts_title_lower ON posts (lower(title));
CREATE INDEX posts_published ON posts (author_id) WHERE published;
CREATE INDEX posts_body ON posts USING gin (body);
CREATE TABLE comments (
  post_id int NOT NULL,
  n int NOT NULL,
  body text,
  PRIMARY KEY (post_id, n),
  CONSTRAINT comments_post FOREIGN KEY (post_id) REFERENCES posts (id) ON UPDATE CASCADE
);
CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE published;
CREATE VIEW recent_titles AS SELECT title FROM published_posts;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();
CREATE SEQUENCE invoice_numbers;
"#;

const MYSQL: &str = r#"
CREATE TABLE users (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(200) NOT NULL UNIQUE,
  name varchar(100),
  mood enum('sad','ok','happy') NOT NULL DEFAULT 'ok',
  score decimal(10,2) CHECK (score >= 0),
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  email_lower varchar(200) GENERATED ALWAYS AS (lower(email)) STORED
) COMMENT 'People';
CREATE TABLE posts (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id bigint,
  title varchar(200) NOT NULL,
  body json,
  published tinyint(1) NOT NULL DEFAULT 0,
  CONSTRAINT posts_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX posts_title ON posts (title(20));
CREATE FULLTEXT INDEX posts_title_ft ON posts (title);
CREATE TABLE comments (
  post_id int NOT NULL,
  n int NOT NULL,
  body text,
  PRIMARY KEY (post_id, n),
  CONSTRAINT comments_post FOREIGN KEY (post_id) REFERENCES posts (id)
);
CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE published = 1;
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW SET NEW.title = NEW.title;
"#;

const SQLITE: &str = r#"
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  score NUMERIC CHECK (score >= 0),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  email_lower TEXT GENERATED ALWAYS AS (lower(email)) STORED
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  published INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX posts_title_lower ON posts (lower(title));
CREATE INDEX posts_published ON posts (author_id) WHERE published = 1;
CREATE TABLE comments (
  post_id INTEGER NOT NULL REFERENCES posts (id),
  n INTEGER NOT NULL,
  body TEXT,
  PRIMARY KEY (post_id, n)
) WITHOUT ROWID;
CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE published = 1;
CREATE TRIGGER posts_touch AFTER UPDATE ON posts BEGIN SELECT 1; END;
"#;

fn ddl(provider: Provider) -> &'static str {
    match provider {
        Provider::Postgresql => POSTGRES,
        Provider::Mysql => MYSQL,
        _ => SQLITE,
    }
}

async fn pull_into(provider: Provider, url: &str, root: &Path, opts: PullOptions) -> PullReport {
    pull(&project(provider, root), url, &opts)
        .await
        .unwrap_or_else(|e| panic!("{provider}: pull failed: {e}"))
}

#[tokio::test]
async fn pull_round_trips_and_updates_files_in_place() {
    for (provider, db, db2) in databases().await {
        run_sql(provider, &db.url, ddl(provider)).await;
        let root = tempfile::tempdir().unwrap();
        let schema_dir = root.path().join("schema");

        // 1. Into an empty folder: one file, and it describes the database exactly.
        let first = pull_into(provider, &db.url, root.path(), PullOptions::default()).await;
        assert_eq!(first.tables, 3, "{provider}");
        assert_eq!(first.files.len(), 1, "{provider}: {:?}", first.files);
        assert_eq!(first.files[0].action, FileAction::Created);
        assert!(first.added.contains(&"table users".to_string()));
        assert_describes(provider, &db.url, &schema_dir).await;
        let pulled = files_of(&schema_dir);

        // 2. Again: nothing to write.
        let again = pull_into(provider, &db.url, root.path(), PullOptions::default()).await;
        assert!(again.files.is_empty(), "{provider}: {:?}", again.files);
        assert!(again.added.is_empty() && again.updated.is_empty());

        // 3. The files applied to an empty database (as migrations), pulled again: the same
        //    files, byte for byte.
        let root2 = tempfile::tempdir().unwrap();
        let p2 = project(provider, root2.path());
        std::fs::create_dir_all(&p2.schema_dir).unwrap();
        for (name, text) in &pulled {
            std::fs::write(p2.schema_dir.join(name), text).unwrap();
        }
        let opts = GenerateOptions {
            name: "pulled".into(),
            ..Default::default()
        };
        generate(&p2, Some(&db2.url), &opts, &NoPrompt)
            .await
            .unwrap_or_else(|e| panic!("{provider}: generate from pulled files: {e}"));
        let apply_opts = ApplyOptions {
            yes: true,
            lock_timeout: None,
        };
        apply(&p2, &db2.url, &apply_opts, &NoPrompt, &mut |_| {})
            .await
            .unwrap_or_else(|e| panic!("{provider}: applying pulled files: {e}"));
        let root3 = tempfile::tempdir().unwrap();
        pull_into(provider, &db2.url, root3.path(), PullOptions::default()).await;
        assert_eq!(
            files_of(&root3.path().join("schema")),
            pulled,
            "{provider}: pulling the re-created database gives other files"
        );

        // 4. In place: the user's own text survives; a changed table is rewritten where it
        //    is, a dropped one goes, a new one is appended.
        let file = schema_dir.join("schema.sql");
        let text = std::fs::read_to_string(&file).unwrap();
        let edited = format!("-- My notes stay.\n{text}\n-- The end.\n");
        std::fs::write(&file, &edited).unwrap();
        run_sql(
            provider,
            &db.url,
            "ALTER TABLE users ADD COLUMN nickname varchar(40);\n\
             DROP TABLE comments;\n\
             CREATE TABLE tags (id int PRIMARY KEY, label varchar(50) NOT NULL);",
        )
        .await;
        let dry = pull_into(
            provider,
            &db.url,
            root.path(),
            PullOptions {
                dry_run: true,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            edited,
            "{provider}"
        );
        assert_eq!(dry.updated, vec!["table users".to_string()], "{provider}");
        let third = pull_into(
            provider,
            &db.url,
            root.path(),
            PullOptions {
                backup: true,
                ..Default::default()
            },
        )
        .await;
        assert_eq!(third.updated, vec!["table users".to_string()], "{provider}");
        assert_eq!(
            third.removed,
            vec!["table comments".to_string()],
            "{provider}"
        );
        assert_eq!(third.added, vec!["table tags".to_string()], "{provider}");
        let now = std::fs::read_to_string(&file).unwrap();
        assert!(now.starts_with("-- My notes stay.\n"), "{provider}: {now}");
        assert!(now.contains("-- The end.\n"), "{provider}");
        assert!(now.contains("nickname"), "{provider}");
        assert!(
            !now.contains("CREATE TABLE comments")
                && !now.contains("CREATE TABLE \"comments\"")
                && !now.contains("CREATE TABLE `comments`"),
            "{provider}: {now}"
        );
        assert!(
            now.trim_end().ends_with(';'),
            "{provider}: new table appended last: {now}"
        );
        assert_describes(provider, &db.url, &schema_dir).await;
        // The backup holds the files as they were.
        let backup: PathBuf = third.backup.clone().expect("a backup folder");
        assert_eq!(
            std::fs::read_to_string(backup.join("schema.sql")).unwrap(),
            edited,
            "{provider}"
        );

        // 5. What flash does not model is listed.
        let kinds: Vec<(String, String)> = third
            .unmanaged
            .iter()
            .map(|u| (u.kind.clone(), u.name.clone()))
            .collect();
        match provider {
            Provider::Postgresql => {
                assert!(
                    kinds.contains(&("FUNCTION".into(), "touch()".into())),
                    "{kinds:?}"
                );
                assert!(
                    kinds.contains(&("TRIGGER".into(), "posts_touch".into())),
                    "{kinds:?}"
                );
                assert!(
                    kinds.contains(&("SEQUENCE".into(), "invoice_numbers".into())),
                    "{kinds:?}"
                );
                // Sequences owned by a column are the column's.
                assert!(!kinds.iter().any(|(_, n)| n == "posts_id_seq"), "{kinds:?}");
            }
            Provider::Mysql => {
                assert!(
                    kinds.contains(&("TRIGGER".into(), "posts_touch".into())),
                    "{kinds:?}"
                );
            }
            _ => assert!(kinds.is_empty(), "{kinds:?}"),
        }
    }
}

#[tokio::test]
async fn one_file_per_table_stays_that_way() {
    let db = TestDb::sqlite();
    run_sql(
        Provider::Sqlite,
        &db.url,
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n\
         CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id));",
    )
    .await;
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("schema");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("users.sql"),
        "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email TEXT NOT NULL -- the login\n);\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("posts.sql"),
        "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n",
    )
    .unwrap();
    run_sql(
        Provider::Sqlite,
        &db.url,
        "CREATE TABLE tags (id INTEGER PRIMARY KEY);",
    )
    .await;
    let report = pull_into(
        Provider::Sqlite,
        &db.url,
        root.path(),
        PullOptions::default(),
    )
    .await;
    assert_eq!(report.updated, vec!["table posts".to_string()]);
    assert_eq!(report.added, vec!["table tags".to_string()]);
    // users.sql matched the database: not touched, comment and layout kept.
    assert!(std::fs::read_to_string(dir.join("users.sql"))
        .unwrap()
        .contains("-- the login"));
    assert!(std::fs::read_to_string(dir.join("posts.sql"))
        .unwrap()
        .contains("REFERENCES"));
    assert!(dir.join("tags.sql").is_file());
    assert_describes(Provider::Sqlite, &db.url, &dir).await;
}

/// The schema folder of a codegen corpus (tests/codegen/<provider>): realistic hand-written
/// schemas with enums, views, checks and every common type.
fn corpus_schema(provider: Provider) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/codegen")
        .join(provider.to_string())
        .join("db/schema")
}

#[tokio::test]
async fn hand_written_schemas_match_after_apply() {
    for (provider, db, _) in databases().await {
        let root = tempfile::tempdir().unwrap();
        let p = project(provider, root.path());
        std::fs::create_dir_all(&p.schema_dir).unwrap();
        for e in std::fs::read_dir(corpus_schema(provider)).unwrap() {
            let path = e.unwrap().path();
            std::fs::copy(&path, p.schema_dir.join(path.file_name().unwrap())).unwrap();
        }
        let before = files_of(&p.schema_dir);
        let opts = GenerateOptions {
            name: "init".into(),
            ..Default::default()
        };
        generate(&p, Some(&db.url), &opts, &NoPrompt).await.unwrap();
        let apply_opts = ApplyOptions {
            yes: true,
            lock_timeout: None,
        };
        apply(&p, &db.url, &apply_opts, &NoPrompt, &mut |_| {})
            .await
            .unwrap();
        // The user's files already describe the database: pull changes nothing.
        let report = pull(&p, &db.url, &PullOptions::default()).await.unwrap();
        assert!(
            report.files.is_empty() && report.updated.is_empty() && report.added.is_empty(),
            "{provider}: pull would change {:?} / {:?}",
            report.updated,
            report.files
        );
        assert_eq!(files_of(&p.schema_dir), before, "{provider}");
        // And the database has not drifted from what it recorded.
        let st = flash_migrate::status(&p, &db.url).await.unwrap();
        assert!(
            st.drift.checked && !st.drift.has_drift(),
            "{provider}: {:?}",
            st.drift
        );
    }
}

#[tokio::test]
async fn an_empty_or_missing_database_never_empties_the_files() {
    let root = tempfile::tempdir().unwrap();
    let p = project(Provider::Sqlite, root.path());
    std::fs::create_dir_all(&p.schema_dir).unwrap();
    let text = "CREATE TABLE users (id INTEGER PRIMARY KEY);\n";
    std::fs::write(p.schema_dir.join("schema.sql"), text).unwrap();

    let missing = root.path().join("nope.db");
    let url = format!("sqlite://{}", missing.display());
    let e = pull(&p, &url, &PullOptions::default()).await.unwrap_err();
    assert!(
        matches!(e, flash_migrate::MigrateError::EmptyPull { .. }),
        "{e}"
    );
    assert!(!missing.exists(), "looking must not create the database");

    let empty = TestDb::sqlite();
    run_sql(
        Provider::Sqlite,
        &empty.url,
        "CREATE TABLE t (x int); DROP TABLE t;",
    )
    .await;
    let e = pull(&p, &empty.url, &PullOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(e, flash_migrate::MigrateError::EmptyPull { .. }),
        "{e}"
    );
    assert_eq!(
        std::fs::read_to_string(p.schema_dir.join("schema.sql")).unwrap(),
        text
    );
}
