//! The URL of a branch: the main URL pointed at the branch's schema, database or file.

use super::error::BranchError;
use flash_schema::Provider;
use std::path::{Path, PathBuf};

/// The main URL made to open the branch at `location`:
/// PostgreSQL: the session's `search_path` is the branch schema alone (sqlx passes `options`
/// to the server as `-c search_path=...`), so unqualified names, `current_schema()` and the
/// history table all resolve inside the branch and nothing falls through to main.
/// MySQL: the database of the path. SQLite: the file.
pub fn branch_url(provider: Provider, main: &str, location: &str) -> Result<String, BranchError> {
    match provider {
        Provider::Postgresql => {
            let mut u = url::Url::parse(main).map_err(|e| BranchError::Url(e.to_string()))?;
            let path = format!(
                "-c search_path={}",
                Provider::Postgresql.quote_ident(location)
            );
            u.query_pairs_mut().append_pair("options", &path);
            Ok(u.to_string())
        }
        Provider::Mysql => {
            let mut u = url::Url::parse(main).map_err(|e| BranchError::Url(e.to_string()))?;
            u.set_path(&format!("/{location}"));
            Ok(u.to_string())
        }
        Provider::Sqlite => {
            let query = main.split_once('?').map(|(_, q)| q);
            let mut out = format!("sqlite://{location}");
            if let Some(q) = query {
                out.push('?');
                out.push_str(q);
            }
            Ok(out)
        }
        Provider::Mongodb => Err(BranchError::Unsupported { provider }),
    }
}

/// The URL of the branch a project has checked out. A SQLite branch file is found again from
/// the main URL (beside the main file), so a project folder that moved still finds it; the
/// PostgreSQL schema and MySQL database are the names recorded at checkout.
pub fn checkout_url(
    provider: Provider,
    main: &str,
    checkout: &super::state::Checkout,
) -> Result<String, BranchError> {
    if provider == Provider::Sqlite {
        let file = sqlite_file(main)?;
        let (stem, _) = split_file(&file);
        let location = sibling(&file, &super::name::physical(&stem, &checkout.branch)?);
        return branch_url(provider, main, &location.to_string_lossy());
    }
    branch_url(provider, main, &checkout.location)
}

/// The database file of a SQLite URL.
pub fn sqlite_file(url: &str) -> Result<PathBuf, BranchError> {
    match flash_sqlite::parse_url(url).map_err(|e| BranchError::Url(e.message))? {
        flash_sqlite::SqliteTarget::File { path, .. } => Ok(path),
        flash_sqlite::SqliteTarget::Memory => Err(BranchError::Memory {
            url: url.to_string(),
        }),
    }
}

/// `dev.db` -> (`dev`, `.db`): the branch file of `dev.db` is `dev__<name>.db` beside it.
pub fn split_file(path: &Path) -> (String, String) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (stem, ext)
}

/// The path of a branch file whose stem is `physical`, beside the main file.
pub fn sibling(main: &Path, physical: &str) -> PathBuf {
    let (_, ext) = split_file(main);
    main.with_file_name(format!("{physical}{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() -> Result<(), BranchError> {
        assert_eq!(
            branch_url(
                Provider::Postgresql,
                "postgres://u:p@h:5432/db?sslmode=disable",
                "public__x"
            )?,
            "postgres://u:p@h:5432/db?sslmode=disable&options=-c+search_path%3D%22public__x%22"
        );
        assert_eq!(
            branch_url(Provider::Mysql, "mysql://root@h:3306/shop", "shop__x")?,
            "mysql://root@h:3306/shop__x"
        );
        let main = sqlite_file("sqlite://./dev.db?mode=rwc")?;
        let loc = sibling(&main, "dev__x");
        assert_eq!(loc, PathBuf::from("./dev__x.db"));
        assert_eq!(
            branch_url(
                Provider::Sqlite,
                "sqlite://./dev.db?mode=rwc",
                &loc.to_string_lossy()
            )?,
            "sqlite://./dev__x.db?mode=rwc"
        );
        assert!(sqlite_file("sqlite::memory:").is_err());
        let moved = super::super::state::Checkout {
            branch: "x".into(),
            location: "/old/place/dev__x.db".into(),
            main: None,
        };
        assert_eq!(
            checkout_url(Provider::Sqlite, "sqlite:///new/place/dev.db", &moved)?,
            "sqlite:///new/place/dev__x.db"
        );
        Ok(())
    }
}
