//! Test support: a fresh, empty database per test.
//!
//! PostgreSQL and MySQL tests read a server URL from `FLASH_TEST_POSTGRES_URL` /
//! `FLASH_TEST_MYSQL_URL` and create a database of their own on it, dropped when the
//! [`TestDb`] is dropped. Without the URL a test is skipped loudly; with `CI=true` a missing URL
//! is a failure (a panic), never a silent skip.

#![allow(clippy::print_stderr, clippy::expect_used, clippy::panic)]

use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database made for one test.
pub struct TestDb {
    /// The URL of the test's own database.
    pub url: String,
    admin_url: String,
    name: String,
    kind: Kind,
    _dir: Option<tempfile_dir::Dir>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Postgres,
    Mysql,
    Sqlite,
}

mod tempfile_dir {
    /// A temporary directory removed on drop (kept tiny to avoid a dependency).
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn unique_name(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos:x}", std::process::id())
}

fn server_url(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Some(v),
        _ => {
            if std::env::var("CI")
                .map(|v| v == "true" || v == "1")
                .unwrap_or(false)
            {
                panic!("{var} is not set, and CI=true: database tests must not be skipped");
            }
            eprintln!("SKIPPED: {var} is not set; this test needs a real server");
            None
        }
    }
}

/// Replaces the database (path) part of a server URL.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{db}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl TestDb {
    /// A new PostgreSQL database, or None (skipped) without `FLASH_TEST_POSTGRES_URL`.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = server_url("FLASH_TEST_POSTGRES_URL")?;
        let name = unique_name("flash_t");
        let mut conn = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect to FLASH_TEST_POSTGRES_URL");
        conn.execute(format!("CREATE DATABASE \"{name}\"").as_str())
            .await
            .expect("create test database");
        let _ = conn.close().await;
        Some(TestDb {
            url: with_database(&admin_url, &name),
            admin_url,
            name,
            kind: Kind::Postgres,
            _dir: None,
        })
    }

    /// A new MySQL/MariaDB database, or None (skipped) without `FLASH_TEST_MYSQL_URL`.
    pub async fn mysql() -> Option<TestDb> {
        let admin_url = server_url("FLASH_TEST_MYSQL_URL")?;
        let name = unique_name("flash_t");
        let mut conn = sqlx::MySqlConnection::connect(&admin_url)
            .await
            .expect("connect to FLASH_TEST_MYSQL_URL");
        conn.execute(format!("CREATE DATABASE `{name}`").as_str())
            .await
            .expect("create test database");
        let _ = conn.close().await;
        Some(TestDb {
            url: with_database(&admin_url, &name),
            admin_url,
            name,
            kind: Kind::Mysql,
            _dir: None,
        })
    }

    /// A new SQLite database file in a temporary directory. Always available.
    pub fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(unique_name("flash_sqlite"));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        let path = dir.join("test.db");
        TestDb {
            url: format!("sqlite://{}", path.display()),
            admin_url: String::new(),
            name: path.display().to_string(),
            kind: Kind::Sqlite,
            _dir: Some(tempfile_dir::Dir(dir)),
        }
    }

    /// The database's name (or the SQLite file path).
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if self.kind == Kind::Sqlite {
            return;
        }
        // Drop the database on a thread of its own: Drop may run inside a tokio runtime.
        let admin = self.admin_url.clone();
        let name = self.name.clone();
        let kind = self.kind;
        let _ = std::thread::spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(_) => return,
            };
            rt.block_on(async move {
                match kind {
                    Kind::Postgres => {
                        if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                            let _ = c
                                .execute(
                                    format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")
                                        .as_str(),
                                )
                                .await;
                        }
                    }
                    Kind::Mysql => {
                        if let Ok(mut c) = sqlx::MySqlConnection::connect(&admin).await {
                            let _ = c
                                .execute(format!("DROP DATABASE IF EXISTS `{name}`").as_str())
                                .await;
                        }
                    }
                    Kind::Sqlite => {}
                }
            });
        })
        .join();
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_database_in_url() {
        assert_eq!(
            with_database(
                "postgres://u:p@localhost:5432/postgres?sslmode=disable",
                "x"
            ),
            "postgres://u:p@localhost:5432/x?sslmode=disable"
        );
        assert_eq!(
            with_database("mysql://root@127.0.0.1:3306", "x"),
            "mysql://root@127.0.0.1:3306/x"
        );
    }
}
