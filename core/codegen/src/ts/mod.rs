//! TypeScript / JavaScript backend: `pg`, `mysql2`, `better-sqlite3`.

use crate::{GenError, GenRequest, GeneratedFile, TsOptions};

/// Writes `models.ts` and one module per query file (or `.js` + `.d.ts`).
pub fn generate(req: &GenRequest, opts: &TsOptions) -> Result<Vec<GeneratedFile>, GenError> {
    let _ = (req, opts);
    Ok(Vec::new())
}
