//! Renames of every element kind on real databases, with rows in the tables: enums (declared),
//! views (declared), unique/check/foreign-key constraints and indexes (the same definition
//! under a new explicit name). Up renames in place where the database can (PostgreSQL all of
//! them, MySQL views), the data and the snapshot's element ids survive, no drift is left, and
//! Down renames back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use flash_migrate::{down, status, DownOptions, DownTarget, GenerateOutcome, NoPrompt};
use flash_schema::Provider;
mod common;

use common::{apply_all, databases, migrate, project, run_sql};

fn before(provider: Provider) -> String {
    let (enum_decl, mood) = match provider {
        Provider::Postgresql => ("CREATE TYPE mood AS ENUM ('sad', 'ok');\n", "mood"),
        Provider::Mysql => ("", "ENUM('sad', 'ok')"),
        _ => ("", "VARCHAR(10)"),
    };
    format!(
        "{enum_decl}CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email VARCHAR(100) NOT NULL CONSTRAINT users_email_uq UNIQUE,\n  age INTEGER CONSTRAINT age_pos CHECK (age > 0),\n  m {mood}\n);\n\
         CREATE INDEX users_age ON users (age);\n\
         CREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER,\n  CONSTRAINT posts_author_fk FOREIGN KEY (user_id) REFERENCES users (id)\n);\n\
         CREATE VIEW adults AS SELECT id, email FROM users WHERE age > 17;\n"
    )
}

fn after(provider: Provider) -> String {
    let (enum_decl, mood) = match provider {
        Provider::Postgresql => (
            "-- flash:renamed_from mood\nCREATE TYPE feeling AS ENUM ('sad', 'ok');\n",
            "feeling",
        ),
        Provider::Mysql => ("", "ENUM('sad', 'ok')"),
        _ => ("", "VARCHAR(10)"),
    };
    format!(
        "{enum_decl}CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  email VARCHAR(100) NOT NULL CONSTRAINT users_email_unique UNIQUE,\n  age INTEGER CONSTRAINT age_positive CHECK (age > 0),\n  m {mood}\n);\n\
         CREATE INDEX users_by_age ON users (age);\n\
         CREATE TABLE posts (\n  id INTEGER PRIMARY KEY,\n  user_id INTEGER,\n  CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)\n);\n\
         -- flash:renamed_from adults\n\
         CREATE VIEW grownups AS SELECT id, email FROM users WHERE age > 17;\n"
    )
}

#[tokio::test]
async fn every_element_kind_is_renamed_without_losing_rows() {
    for (provider, db, _) in databases().await {
        let root = tempfile::tempdir().unwrap();
        let p = project(provider, root.path());
        std::fs::create_dir_all(&p.schema_dir).unwrap();
        let file = p.schema_dir.join("schema.sql");
        std::fs::write(&file, before(provider)).unwrap();
        migrate(&p, &db.url, "init").await;
        apply_all(&p, &db.url).await;
        run_sql(
            provider,
            &db.url,
            "INSERT INTO users (id, email, age, m) VALUES (1, 'a@x', 30, 'ok'), (2, 'b@x', 12, 'sad');\n\
             INSERT INTO posts (id, user_id) VALUES (10, 1);",
        )
        .await;
        let ids_before = p.load_snapshot().unwrap().unwrap().schema;

        std::fs::write(&file, after(provider)).unwrap();
        let GenerateOutcome::Written(report) = migrate(&p, &db.url, "renames").await else {
            panic!("{provider}: no migration written");
        };
        // Without identifier quotes (SQLite quotes every name).
        let up = &report.up.replace(['"', '`'], "");
        let changes = report.changes.join("\n");
        assert!(
            changes.contains("~ index users.users_age -> users_by_age"),
            "{provider}: {changes}"
        );
        match provider {
            Provider::Postgresql => {
                for sql in [
                    "ALTER TYPE mood RENAME TO feeling",
                    "ALTER VIEW adults RENAME TO grownups",
                    "ALTER TABLE users RENAME CONSTRAINT age_pos TO age_positive",
                    "ALTER TABLE users RENAME CONSTRAINT users_email_uq TO users_email_unique",
                    "ALTER TABLE posts RENAME CONSTRAINT posts_author_fk TO posts_user_fk",
                    "ALTER INDEX users_age RENAME TO users_by_age",
                ] {
                    assert!(up.contains(sql), "{provider}: {sql} not in\n{up}");
                }
                assert!(!up.contains("DROP"), "{provider}: {up}");
                assert!(report.destructive.is_empty(), "{:?}", report.destructive);
            }
            Provider::Mysql => {
                assert!(up.contains("RENAME TABLE adults TO grownups"), "{up}");
            }
            _ => {
                // No view renames in SQLite: dropped and created again.
                assert!(up.contains("CREATE VIEW grownups"), "{up}");
            }
        }
        apply_all(&p, &db.url).await;

        let s = status(&p, &db.url).await.unwrap();
        assert!(!s.drift.has_drift(), "{provider}: {:?}", s.drift.changes);
        let mut d = flash_migrate::connect(provider, &db.url).await.unwrap();
        let rows = d
            .query("SELECT id, email, age, m FROM users ORDER BY id")
            .await
            .unwrap();
        assert_eq!(
            rows[0].rows,
            vec![
                vec![
                    Some("1".into()),
                    Some("a@x".into()),
                    Some("30".into()),
                    Some("ok".into())
                ],
                vec![
                    Some("2".into()),
                    Some("b@x".into()),
                    Some("12".into()),
                    Some("sad".into())
                ],
            ],
            "{provider}"
        );
        let adults = d.query("SELECT id FROM grownups").await.unwrap();
        assert_eq!(adults[0].rows, vec![vec![Some("1".into())]], "{provider}");

        // The snapshot keeps each renamed element's id.
        let now = p.load_snapshot().unwrap().unwrap().schema;
        let id_of = |s: &flash_schema::Schema,
                     f: &dyn Fn(&flash_schema::Table) -> Option<String>| {
            s.table("users").and_then(f).unwrap_or_default()
        };
        let check_id = |t: &flash_schema::Table| t.checks.first().map(|c| c.id.0.clone());
        let index_id = |t: &flash_schema::Table| t.indexes.first().map(|i| i.id.0.clone());
        assert_eq!(
            id_of(&now, &index_id),
            id_of(&ids_before, &index_id),
            "{provider}"
        );
        assert_eq!(
            id_of(&now, &check_id),
            id_of(&ids_before, &check_id),
            "{provider}"
        );
        assert_eq!(now.views[0].id, ids_before.views[0].id, "{provider}");
        if provider == Provider::Postgresql {
            assert_eq!(now.enums[0].id, ids_before.enums[0].id);
            assert_eq!(now.enums[0].name, "feeling");
        }

        // Down renames back; the rows are still there.
        let opts = DownOptions {
            target: DownTarget::Steps(1),
            yes: true,
            lock_timeout: None,
        };
        down(&p, &db.url, &opts, &NoPrompt)
            .await
            .unwrap_or_else(|e| panic!("{provider}: down: {e}"));
        let s = status(&p, &db.url).await.unwrap();
        assert!(!s.drift.has_drift(), "{provider}: {:?}", s.drift.changes);
        let adults = d.query("SELECT id FROM adults").await.unwrap();
        assert_eq!(adults[0].rows, vec![vec![Some("1".into())]], "{provider}");
        let count = d.query("SELECT count(*) FROM posts").await.unwrap();
        assert_eq!(count[0].rows, vec![vec![Some("1".into())]], "{provider}");
    }
}
