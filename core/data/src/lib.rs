//! Data tools of flash-orm: `export` (JSON in the Go Flash ORM's layout, CSV, a portable
//! SQLite file), streamed table by table with flat memory and exact values for every type;
//! `import` of any of them back into the same or another kind of database, by its bulk path.

mod csv;
mod error;
mod export;
mod import;
mod import_source;
mod json;
mod load_value;
mod retype;
mod sqlite_file;
pub mod value;

pub use error::DataError;
pub use export::{export, ExportEvent, ExportFormat, ExportOptions, ExportReport, ExportedTable};
pub use import::{import, ImportOptions, ImportReport, ImportedTable};
