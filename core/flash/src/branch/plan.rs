//! The SQL that re-creates a schema in a branch, planned by the engine from the empty schema.

use crate::error::Error;
use flash_diff::{diff, DiffOptions};
use flash_schema::{Provider, Schema};

/// The statements that create `schema` from nothing, in two steps: everything but the foreign
/// keys, then the foreign keys. The rows are copied in between, so the copy needs no table
/// order and cycles of foreign keys are no problem; adding the keys afterwards checks them.
pub fn create_in_two_steps(provider: Provider, schema: &Schema) -> Result<(String, String), Error> {
    let dialect = flash_migrate::dialect(provider)?;
    let mut bare = schema.clone();
    for t in &mut bare.tables {
        t.foreign_keys.clear();
    }
    let plan = |from: &Schema, to: &Schema| -> Result<String, Error> {
        let changes = diff(from, to, dialect.as_ref(), &DiffOptions::default()).changes;
        Ok(dialect
            .plan(&changes, from, to)
            .map_err(flash_migrate::MigrateError::Plan)?
            .to_sql())
    };
    Ok((plan(&Schema::default(), &bare)?, plan(&bare, schema)?))
}

/// The columns a copy writes: all but generated ones, which the database computes.
pub fn copied_columns(table: &flash_schema::Table) -> Vec<String> {
    table
        .columns
        .iter()
        .filter(|c| c.generated.is_none())
        .map(|c| c.name.clone())
        .collect()
}
