//! Go backend: `database/sql` or `pgx/v5`.

use crate::{GenError, GenRequest, GeneratedFile, GoOptions};

/// Writes `db.go`, `models.go` and one `<stem>.sql.go` per query file.
pub fn generate(req: &GenRequest, opts: &GoOptions) -> Result<Vec<GeneratedFile>, GenError> {
    let _ = (req, opts);
    Ok(Vec::new())
}
