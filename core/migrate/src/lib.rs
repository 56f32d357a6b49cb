//! `flash-migrate`: migration files, checksums, and the plan / apply / down / status / reset
//! operations over any database flash supports.
//!
//! Everything here returns data (reports, typed errors); nothing prints. Questions that need a
//! person (confirm a destructive step, confirm a rename) go through the [`Prompter`] the caller
//! supplies, so the CLI can ask on a TTY and scripts can answer with flags.

mod adopt;
mod apply;
mod backends;
mod checksum;
mod down;
mod drift;
mod error;
mod file;
mod generate;
mod layout;
mod lock;
mod project;
mod prompt;
mod pull;
mod reset;
mod safeguard;
mod status;

pub use adopt::{absorb_drift, baseline, AdoptReport};
pub use apply::{accept, apply, apply_guarded, ApplyEvent, ApplyOptions, ApplyReport};
pub use backends::{connect, dialect, sqlite_file_missing};
pub use checksum::checksum;
pub use down::{down, down_guarded, DownOptions, DownReport, DownTarget};
pub use drift::{DriftReport, ExpectedSource};
pub use error::{FailedStatement, MigrateError};
pub use file::{migration_id, sanitize_name, MigrationFile, MigrationStatement};
pub use generate::{generate, GenerateOptions, GenerateOutcome, GenerateReport, Notice};
pub use project::{display_path, Project, SNAPSHOT_FILE};
pub use prompt::{NoPrompt, Prompter};
pub use pull::{pull, FileAction, PullOptions, PullReport, PulledFile};
pub use reset::{reset, reset_guarded, ResetReport};
pub use safeguard::{NoSafeguard, Safeguard};
pub use status::{status, MigrationState, StatusEntry, StatusReport};
