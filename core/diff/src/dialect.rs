//! What a database crate provides to turn changes into SQL.

use crate::hooks::DiffHooks;
use flash_schema::{Change, Plan, Provider, Schema};

/// A change the database cannot carry out, with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PlanError {
    pub message: String,
    pub help: Option<String>,
}

impl PlanError {
    pub fn new(message: impl Into<String>) -> Self {
        PlanError {
            message: message.into(),
            help: None,
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// One database's rules: equivalence hooks, schema normalization and the planner.
pub trait Dialect: DiffHooks + Send + Sync {
    fn provider(&self) -> Provider;

    /// Brings a parsed schema into this database's normal form before it is diffed or saved:
    /// e.g. names for unnamed constraints, implied NOT NULL on primary keys.
    fn normalize(&self, schema: &mut Schema) {
        let _ = schema;
    }

    /// Turns changes (in phase order) into statements. `from` is the schema before, `to` the
    /// schema after; planners that rebuild tables read the full definitions from them.
    fn plan(&self, changes: &[Change], from: &Schema, to: &Schema) -> Result<Plan, PlanError>;
}
