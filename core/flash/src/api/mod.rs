//! The programmatic API: every operation of flash as a serde request in and a serde report out.
//!
//! The Python, Node and Go packages call [`call`] (or [`call_blocking`]) with an operation name
//! and a JSON request; the typed functions in [`ops`] are the same operations for Rust callers.
//! A new capability reaches the three languages by adding an operation here and a thin typed
//! wrapper in each package; the wire format is described in `docs/API.md`.
//!
//! Operations never ask questions: what the CLI would confirm on a terminal is confirmed by a
//! request field (`yes`, `force`, `renames`), or the call fails with
//! [`ErrorKind::NeedsConfirmation`].

mod cancel;
mod dispatch;
mod error;
pub mod ops;
mod request;

pub use cancel::{block_on_cancellable, Cancelled};
pub use dispatch::{call, call_blocking, Envelope, OPERATIONS};
pub use error::{ApiError, ErrorKind};
pub use ops::{AbsorbReport, DatabaseEntry, PlanReport, MAX_LOCK_TIMEOUT_SECS};
pub use request::{
    AcceptRequest, AdoptRequest, ApplyRequest, DownRequest, InitRequest, MigrateRequest,
    PlanRequest, ProjectOptions, PullRequest, RawRequest, ResetRequest,
};
