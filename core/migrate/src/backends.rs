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
