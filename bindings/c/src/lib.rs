//! The C ABI of flash-orm: a few functions that take and return JSON text, for the Go package
//! (and any other language with a C FFI).
//!
//! # Who frees what
//!
//! Every `char *` a `flash_*` function returns is owned by the caller and must be released with
//! [`flash_free`] (and nothing else). Every pointer the caller passes in is only borrowed for the
//! duration of the call. Cancel tokens are plain numbers: create one with
//! [`flash_cancel_token_new`], release it with [`flash_cancel_token_free`].
//!
//! No function unwinds into C: a panic becomes an `internal` error (or exit code 1).
//! No function installs a signal handler.

mod cancel;

use flash::api::{ApiError, Envelope, ErrorKind};
use std::ffi::{c_char, c_int, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use cancel::{flash_cancel, flash_cancel_token_free, flash_cancel_token_new};

/// Turns a Rust string into a caller-owned C string. Interior NULs (impossible in JSON output,
/// possible in principle in messages) are replaced so the text is never cut short silently.
fn to_c(s: String) -> *mut c_char {
    let s = if s.contains('\0') {
        s.replace('\0', "\u{FFFD}")
    } else {
        s
    };
    CString::new(s).map_or(std::ptr::null_mut(), CString::into_raw)
}

fn error_envelope(kind: ErrorKind, message: impl Into<String>) -> String {
    Envelope::Error(ApiError::new(kind, message)).to_json()
}

/// Reads a borrowed C string; `what` names it in the error.
///
/// # Safety
/// `p` is null or points to a NUL-terminated string valid for the duration of the call.
unsafe fn read_str<'a>(p: *const c_char, what: &str) -> Result<&'a str, String> {
    if p.is_null() {
        return Err(error_envelope(
            ErrorKind::InvalidRequest,
            format!("{what} is NULL"),
        ));
    }
    // SAFETY: not null, and the caller guarantees a NUL-terminated string that lives for the call.
    let c = unsafe { CStr::from_ptr(p) };
    c.to_str().map_err(|_| {
        error_envelope(
            ErrorKind::InvalidRequest,
            format!("{what} is not valid UTF-8"),
        )
    })
}

/// The engine's version, e.g. `0.1.0`. Free it with [`flash_free`].
#[no_mangle]
pub extern "C" fn flash_version() -> *mut c_char {
    to_c(flash::VERSION.to_string())
}

/// Runs operation `op` with the JSON request `request_json` and returns the JSON envelope
/// (`{"ok": ...}` or `{"error": {...}}`, see docs/API.md). Blocks until the operation ends or
/// `cancel_token` (0 for none) is cancelled. Free the result with [`flash_free`].
///
/// # Safety
/// `op` and `request_json` are null or NUL-terminated strings valid for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn flash_call(
    op: *const c_char,
    request_json: *const c_char,
    cancel_token: u64,
) -> *mut c_char {
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: forwarded from this function's contract.
        let op = match unsafe { read_str(op, "op") } {
            Ok(s) => s,
            Err(envelope) => return envelope,
        };
        let request = if request_json.is_null() {
            "{}"
        } else {
            // SAFETY: forwarded from this function's contract.
            match unsafe { read_str(request_json, "request_json") } {
                Ok(s) => s,
                Err(envelope) => return envelope,
            }
        };
        let flag = cancel::flag(cancel_token);
        flash::api::call_blocking(op, request, &mut || flag.is_cancelled())
    }));
    to_c(result.unwrap_or_else(|_| {
        error_envelope(
            ErrorKind::Internal,
            "flash panicked; please report this with the command that caused it",
        )
    }))
}

/// Runs a `flash` command line (`argv[0]` is the program name) and returns its exit code; the
/// command prints to the process's stdout and stderr. Cancelling `cancel_token` (0 for none)
/// stops it with exit code 130.
///
/// # Safety
/// `argv` points to `argc` NUL-terminated strings valid for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn flash_run_cli(
    argc: c_int,
    argv: *const *const c_char,
    cancel_token: u64,
) -> c_int {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let n = usize::try_from(argc).unwrap_or(0);
        let mut args: Vec<String> = Vec::with_capacity(n);
        if !argv.is_null() {
            for i in 0..n {
                // SAFETY: the caller guarantees `argc` valid pointers at `argv`.
                let p = unsafe { *argv.add(i) };
                if p.is_null() {
                    break;
                }
                // SAFETY: each is a NUL-terminated string valid for the call.
                let s = unsafe { CStr::from_ptr(p) };
                args.push(s.to_string_lossy().into_owned());
            }
        }
        if args.is_empty() {
            args.push("flash".into());
        }
        let flag = cancel::flag(cancel_token);
        flash_cli::run_cli_with(args, &mut || flag.is_cancelled())
    }));
    result.unwrap_or(flash_cli::EXIT_ERROR)
}

/// Frees a string returned by a `flash_*` function. NULL is ignored.
///
/// # Safety
/// `s` is null or a pointer returned by a `flash_*` function and not freed yet.
#[no_mangle]
pub unsafe extern "C" fn flash_free(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: `s` came from CString::into_raw in `to_c` and is freed once (the contract).
        drop(unsafe { CString::from_raw(s) });
    }
}
