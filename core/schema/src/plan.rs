//! Plans: the statements a migration runs, as produced by a database's planner.

use crate::change::Phase;
use serde::{Deserialize, Serialize};

/// One SQL statement of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub sql: String,
    pub phase: Phase,
    /// Why running this statement may lose data (dropped table, narrowed type, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destructive: Option<String>,
    /// The statement cannot run inside a transaction (`CREATE INDEX CONCURRENTLY`,
    /// `ALTER TYPE ... ADD VALUE` on old PostgreSQL).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_transaction: bool,
}

/// An ordered list of statements plus what the planner wants the user to know.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub statements: Vec<Statement>,
    /// Things that are not errors but deserve a look (e.g. a comment SQLite cannot store).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Plan {
    pub fn new() -> Self {
        Plan::default()
    }

    /// Adds a statement in the given phase.
    pub fn push(&mut self, phase: Phase, sql: impl Into<String>) {
        self.statements.push(Statement {
            sql: sql.into(),
            phase,
            destructive: None,
            no_transaction: false,
        });
    }

    /// Adds a statement that may lose data, with the reason.
    pub fn push_destructive(
        &mut self,
        phase: Phase,
        sql: impl Into<String>,
        why: impl Into<String>,
    ) {
        self.statements.push(Statement {
            sql: sql.into(),
            phase,
            destructive: Some(why.into()),
            no_transaction: false,
        });
    }

    /// Orders statements by phase, keeping the order within a phase.
    pub fn sort(&mut self) {
        self.statements.sort_by_key(|s| s.phase);
    }

    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// Every reason a statement of this plan may lose data.
    pub fn destructive_reasons(&self) -> Vec<String> {
        self.statements
            .iter()
            .filter_map(|s| s.destructive.clone())
            .collect()
    }

    /// The statements as SQL text, each ending in `;`.
    pub fn to_sql(&self) -> String {
        let mut out = String::new();
        for s in &self.statements {
            out.push_str(s.sql.trim_end());
            if !s.sql.trim_end().ends_with(';') {
                out.push(';');
            }
            out.push('\n');
        }
        out
    }
}
