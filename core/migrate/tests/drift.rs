//! Drift and adoption against real databases: `status` compares the live schema with the
//! snapshot recorded with the last applied migration; `absorb_drift` records out-of-band
//! changes as an applied migration and pulls them into the files; a lost snapshot file comes
//! back from the database's record; `baseline` adopts a database flash never managed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use flash_migrate::{
    absorb_drift, baseline, status, ExpectedSource, GenerateOutcome, MigrateError,
};
use flash_schema::Provider;
mod common;

use common::{apply_all, databases, migrate, project, run_sql};

fn schema(provider: Provider) -> String {
    let mut s = String::from(
        "CREATE TABLE users (\n  id int PRIMARY KEY,\n  name varchar(100) NOT NULL\n);\n\n\
         CREATE TABLE posts (\n  id int PRIMARY KEY,\n  user_id int NOT NULL REFERENCES users (id),\n  title varchar(200)\n);\n",
    );
    if provider == Provider::Postgresql {
        // Kept verbatim and recorded in the snapshot; inspection does not read it back, so it
        // must not count as drift.
        s.push_str("\nCREATE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;\n");
    }
    s
}

#[tokio::test]
async fn drift_is_reported_absorbed_and_the_snapshot_restored() {
    for (provider, db, _) in databases().await {
        let root = tempfile::tempdir().unwrap();
        let p = project(provider, root.path());
        std::fs::create_dir_all(&p.schema_dir).unwrap();
        std::fs::write(p.schema_dir.join("schema.sql"), schema(provider)).unwrap();
        migrate(&p, &db.url, "init").await;
        apply_all(&p, &db.url).await;

        let clean = status(&p, &db.url).await.unwrap();
        assert!(clean.drift.checked, "{provider}: {:?}", clean.drift.reason);
        assert_eq!(clean.drift.source, Some(ExpectedSource::Database));
        assert!(
            !clean.drift.has_drift(),
            "{provider}: {:?}",
            clean.drift.changes
        );

        // Out of band: an index and a column nobody migrated.
        run_sql(
            provider,
            &db.url,
            "CREATE INDEX users_name ON users (name);\nALTER TABLE posts ADD COLUMN extra int;",
        )
        .await;
        let drifted = status(&p, &db.url).await.unwrap();
        assert_eq!(
            drifted.drift.changes.len(),
            2,
            "{provider}: {:?}",
            drifted.drift.changes
        );
        assert!(drifted.drift.sql.contains("users_name"), "{provider}");

        // Absorbed: a migration recorded as applied, the files pulled, no drift left.
        let report = absorb_drift(&p, &db.url, "out of band", None)
            .await
            .unwrap()
            .expect("drift to absorb");
        assert_eq!(report.changes.len(), 2, "{provider}: {:?}", report.changes);
        let after = status(&p, &db.url).await.unwrap();
        assert!(
            !after.drift.has_drift(),
            "{provider}: {:?}",
            after.drift.changes
        );
        assert_eq!((after.applied, after.pending), (2, 0), "{provider}");
        let files = std::fs::read_to_string(p.schema_dir.join("schema.sql")).unwrap();
        assert!(
            files.contains("users_name") && files.contains("extra"),
            "{provider}: {files}"
        );
        if provider == Provider::Postgresql {
            assert!(
                files.contains("FUNCTION answer()"),
                "{provider}: kept verbatim"
            );
        }
        assert!(
            matches!(
                migrate(&p, &db.url, "again").await,
                GenerateOutcome::NothingToDo { .. }
            ),
            "{provider}: the files, the snapshot and the database agree"
        );
        // Nothing left to absorb.
        assert!(absorb_drift(&p, &db.url, "none", None)
            .await
            .unwrap()
            .is_none());

        // The snapshot file lost: `migrate` takes it back from the database's record.
        std::fs::remove_file(p.snapshot_path()).unwrap();
        match migrate(&p, &db.url, "after loss").await {
            GenerateOutcome::NothingToDo { warnings } => {
                assert!(
                    warnings.iter().any(|w| w.message.contains("restored")),
                    "{provider}: {warnings:?}"
                );
            }
            other => panic!("{provider}: {other:?}"),
        }
        assert!(p.snapshot_path().is_file(), "{provider}");
    }
}

#[tokio::test]
async fn baseline_adopts_an_unmanaged_database() {
    for (provider, _, db) in databases().await {
        run_sql(provider, &db.url, &schema(provider)).await;
        let root = tempfile::tempdir().unwrap();
        let p = project(provider, root.path());
        let report = baseline(&p, &db.url, "baseline", None)
            .await
            .unwrap_or_else(|e| panic!("{provider}: baseline: {e}"));
        assert!(report.path.is_file(), "{provider}");
        assert!(
            report.changes.iter().any(|c| c.contains("users")),
            "{provider}: {:?}",
            report.changes
        );
        if provider == Provider::Postgresql {
            assert!(
                report.pull.unmanaged.iter().any(|u| u.name == "answer()"),
                "{provider}: {:?}",
                report.pull.unmanaged
            );
        }
        let st = status(&p, &db.url).await.unwrap();
        assert_eq!((st.applied, st.pending), (1, 0), "{provider}");
        assert!(
            st.drift.checked && !st.drift.has_drift(),
            "{provider}: {:?}",
            st.drift
        );
        // The files and the snapshot agree with the database: nothing to migrate.
        assert!(
            matches!(
                migrate(&p, &db.url, "next").await,
                GenerateOutcome::NothingToDo { .. }
            ),
            "{provider}"
        );
        // A change made in the files now diffs from reality.
        let file = p.schema_dir.join("schema.sql");
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("\nCREATE TABLE tags (id int PRIMARY KEY);\n");
        std::fs::write(&file, text).unwrap();
        match migrate(&p, &db.url, "tags").await {
            GenerateOutcome::Written(r) => {
                assert_eq!(r.changes, vec!["+ table tags".to_string()], "{provider}")
            }
            other => panic!("{provider}: {other:?}"),
        }
        apply_all(&p, &db.url).await;
        // Twice is refused.
        let again = baseline(&p, &db.url, "baseline", None).await;
        assert!(
            matches!(again, Err(MigrateError::HasMigrations { .. })),
            "{provider}: {again:?}"
        );
    }
}
