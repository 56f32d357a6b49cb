//! The database crates behind one interface.

use crate::error::MigrateError;
use flash_diff::Dialect;
use flash_schema::{Driver, Provider};

/// The planning rules of a provider.
pub fn dialect(provider: Provider) -> Result<Box<dyn Dialect>, MigrateError> {
    match provider {
        Provider::Postgresql => Ok(Box::new(flash_postgres::PostgresDialect)),
        Provider::Mysql => Ok(Box::new(flash_mysql::MysqlDialect)),
        Provider::Sqlite => Ok(Box::new(flash_sqlite::SqliteDialect)),
        Provider::Mongodb => Err(MigrateError::Unsupported { provider }),
    }
}

/// Opens one connection to the database at `url`.
pub async fn connect(provider: Provider, url: &str) -> Result<Box<dyn Driver>, MigrateError> {
    match provider {
        Provider::Postgresql => Ok(Box::new(
            flash_postgres::connect(url)
                .await
                .map_err(MigrateError::Connect)?,
        )),
        Provider::Mysql => Ok(Box::new(
            flash_mysql::connect(url)
                .await
                .map_err(MigrateError::Connect)?,
        )),
        Provider::Sqlite => Ok(Box::new(
            flash_sqlite::connect(url)
                .await
                .map_err(MigrateError::Connect)?,
        )),
        Provider::Mongodb => Err(MigrateError::Unsupported { provider }),
    }
}

/// Whether `url` names a SQLite database file that does not exist yet: reading it would create
/// an empty file, so callers that only look treat it as an empty database instead.
pub fn sqlite_file_missing(provider: Provider, url: &str) -> bool {
    provider == Provider::Sqlite
        && matches!(
            flash_sqlite::parse_url(url),
            Ok(flash_sqlite::SqliteTarget::File { ref path, .. }) if !path.exists()
        )
}
