//! The flash-orm Node addon: the flash engine in the Node process.
//!
//! The JavaScript side (`npm/index.js`) is the API users see; this addon gives it four things:
//!
//! - [`call`]: runs one operation of [`flash::api`] on the libuv thread pool and resolves a
//!   promise with the JSON envelope (`{"ok": ...}` or `{"error": ...}`). Each call builds and
//!   drops a runtime of its own, so no thread or handle is left behind to keep the process
//!   alive once the promise settles.
//! - [`new_cancel_token`], [`cancel`] and [`release_cancel_token`]: a registry of atomic flags
//!   that a running [`call`] polls every 50 ms; the JavaScript side wires an `AbortSignal` to it.
//! - [`run_cli`]: the `flash` command line, in-process, printing to the process's own stdout and
//!   stderr exactly as the Rust binary does.
//! - [`version`]: the engine's version.

use flash::api::{ApiError, Envelope, ErrorKind};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task};
use napi_derive::napi;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// The cancellation flags of the tokens handed out and not yet released, by id.
fn registry() -> MutexGuard<'static, HashMap<u32, Arc<AtomicBool>>> {
    static REGISTRY: OnceLock<Mutex<HashMap<u32, Arc<AtomicBool>>>> = OnceLock::new();
    let lock = REGISTRY.get_or_init(|| Mutex::new(HashMap::new())).lock();
    // A panic while holding the lock leaves a plain map behind: nothing to repair.
    lock.unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The id of the next cancel token; 0 is never handed out.
static NEXT_TOKEN: AtomicU32 = AtomicU32::new(1);

/// Creates a cancel token: pass its id to [`call`], [`cancel`] it to stop the call, and
/// [`release_cancel_token`] it once the call has settled.
#[napi]
pub fn new_cancel_token() -> u32 {
    let mut map = registry();
    let mut id = NEXT_TOKEN.fetch_add(1, Ordering::Relaxed);
    // After 2^32 tokens the counter wraps: skip 0 and any id still in use.
    while id == 0 || map.contains_key(&id) {
        id = NEXT_TOKEN.fetch_add(1, Ordering::Relaxed);
    }
    map.insert(id, Arc::new(AtomicBool::new(false)));
    id
}

/// Cancels the calls running with token `id`: they stop within about 50 ms and their promise
/// resolves to a `cancelled` error. Unknown or released ids are ignored.
#[napi]
pub fn cancel(id: u32) {
    if let Some(flag) = registry().get(&id) {
        flag.store(true, Ordering::SeqCst);
    }
}

/// Forgets token `id`. A call already running with it keeps its flag until it ends.
#[napi]
pub fn release_cancel_token(id: u32) {
    registry().remove(&id);
}

/// One operation run on the libuv thread pool.
pub struct CallTask {
    op: String,
    request: String,
    cancelled: Option<Arc<AtomicBool>>,
}

impl Task for CallTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> napi::Result<String> {
        let flag = self.cancelled.clone();
        let mut is_cancelled = move || flag.as_ref().is_some_and(|f| f.load(Ordering::SeqCst));
        // napi-rs does not catch panics here: one would abort the whole Node process.
        let result = catch_unwind(AssertUnwindSafe(|| {
            flash::api::call_blocking(&self.op, &self.request, &mut is_cancelled)
        }));
        Ok(result.unwrap_or_else(|_| {
            Envelope::Error(ApiError::new(
                ErrorKind::Internal,
                "flash panicked; please report this with the call that caused it",
            ))
            .to_json()
        }))
    }

    fn resolve(&mut self, _env: Env, output: String) -> napi::Result<String> {
        Ok(output)
    }
}

/// Runs operation `op` with the JSON request `request_json` off the main thread.
///
/// The promise resolves to the JSON envelope (`{"ok": report}` or `{"error": {...}}`, see
/// `docs/API.md`); it is never rejected for an error of the operation. `cancel_id` is a token
/// from [`new_cancel_token`]; an unknown id means the call cannot be cancelled.
#[napi(ts_return_type = "Promise<string>")]
pub fn call(op: String, request_json: String, cancel_id: Option<u32>) -> AsyncTask<CallTask> {
    let cancelled = cancel_id.and_then(|id| registry().get(&id).cloned());
    AsyncTask::new(CallTask {
        op,
        request: request_json,
        cancelled,
    })
}

/// Runs the `flash` command line with `argv` (the program name first) on the calling thread
/// and returns its exit code. Output goes to the process's stdout and stderr. Installs no
/// signal handler: for applications embedding the command line.
#[napi]
pub fn run_cli(argv: Vec<String>) -> i32 {
    catch_unwind(AssertUnwindSafe(|| flash_cli::run_cli(argv))).unwrap_or(flash_cli::EXIT_ERROR)
}

/// [`run_cli`] with Ctrl-C handled by the engine (exit code 130): for the `flash` console
/// command only, which exits right after. The engine's handler stays installed for the life of
/// the process.
#[napi]
pub fn run_console(argv: Vec<String>) -> i32 {
    catch_unwind(AssertUnwindSafe(|| flash_cli::run_cli_interruptible(argv)))
        .unwrap_or(flash_cli::EXIT_ERROR)
}

/// The engine's version.
#[napi]
pub fn version() -> String {
    flash::VERSION.to_string()
}
