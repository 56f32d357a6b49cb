//! What runs right before a command destroys data, once it is confirmed: the facade writes a
//! backup export there (`flash reset`, a destructive `apply` or `down`).

use crate::error::MigrateError;
use async_trait::async_trait;

/// Called once, after confirmation and before the first destructive statement. An error stops
/// the command before anything is destroyed.
#[async_trait]
pub trait Safeguard: Send + Sync {
    /// `what` is `apply`, `down` or `reset`.
    async fn before_destruction(&self, what: &str) -> Result<(), MigrateError>;
}

/// Nothing to do first.
pub struct NoSafeguard;

#[async_trait]
impl Safeguard for NoSafeguard {
    async fn before_destruction(&self, _what: &str) -> Result<(), MigrateError> {
        Ok(())
    }
}
