//! Taking the migration lock, with an optional limit on the wait.

use crate::error::MigrateError;
use flash_schema::Driver;
use std::time::Duration;

/// Takes the migration lock; returns whether another process held it first.
///
/// With a `timeout`, gives up after it with [`MigrateError::LockTimeout`]. The caller then drops
/// the driver: closing the connection abandons the wait on the server too.
pub(crate) async fn acquire(
    driver: &mut dyn Driver,
    timeout: Option<Duration>,
) -> Result<bool, MigrateError> {
    let Some(limit) = timeout else {
        return Ok(driver.lock().await?);
    };
    match tokio::time::timeout(limit, driver.lock()).await {
        Ok(waited) => Ok(waited?),
        Err(_) => Err(MigrateError::LockTimeout { waited: limit }),
    }
}
