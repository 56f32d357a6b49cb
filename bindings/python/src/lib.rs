//! The `flash_orm._native` extension module: the flash engine in the Python process.
//!
//! Three functions, all thin: [`call`] runs one API operation (`flash::api::call_blocking`),
//! [`run_cli`] runs a whole `flash` command line (`flash_cli::run_cli_with`), [`version`] is the
//! engine's version. The typed Python API (`flash_orm._api`) is built on [`call`].
//!
//! Both long-running functions release the GIL while the engine works, so other Python threads
//! keep running. Every 50 ms the engine asks whether to stop; the answer re-attaches to the
//! interpreter for a moment and runs `PyErr_CheckSignals()`, so a Ctrl-C (or any signal handler
//! that raises) stops the work: the open transaction rolls back, the lock is released, and the
//! handler's exception is raised from the call. Nothing global is kept between calls (the engine
//! builds a runtime per call), so the module keeps working in a child after `os.fork()`.

use pyo3::exceptions::PyKeyboardInterrupt;
use pyo3::prelude::*;
use std::ffi::OsString;

/// Runs `work` with the GIL released, giving it a cancellation check that runs pending Python
/// signal handlers. Returns what `work` returned and the exception a signal handler raised, if
/// any (the check answers "cancel" as soon as one did).
fn run_detached<T, F>(py: Python<'_>, work: F) -> (T, Option<PyErr>)
where
    T: Send,
    F: Send + FnOnce(&mut dyn FnMut() -> bool) -> T,
{
    py.detach(move || {
        let mut raised: Option<PyErr> = None;
        let out = {
            let mut is_cancelled = || {
                if raised.is_some() {
                    return true;
                }
                // Signal handlers only run on the main thread; elsewhere this is a no-op.
                match Python::attach(|py| py.check_signals()) {
                    Ok(()) => false,
                    Err(e) => {
                        raised = Some(e);
                        true
                    }
                }
            };
            work(&mut is_cancelled)
        };
        (out, raised)
    })
}

/// Runs the API operation `op` with the JSON request `request_json` and returns the JSON
/// envelope (`{"ok": report}` or `{"error": {...}}`), see docs/API.md.
///
/// The GIL is released while the operation runs. When a signal handler raises (Ctrl-C raises
/// `KeyboardInterrupt`), the operation is cancelled and that exception is raised.
#[pyfunction]
#[pyo3(signature = (op, request_json))]
fn call(py: Python<'_>, op: String, request_json: String) -> PyResult<String> {
    let (envelope, raised) = run_detached(py, move |is_cancelled| {
        flash::api::call_blocking(&op, &request_json, is_cancelled)
    });
    match raised {
        Some(e) => Err(e),
        None => Ok(envelope),
    }
}

/// Runs the `flash` command line `argv` (the program name first) and returns its exit code:
/// 0 ok, 1 error, 2 usage, 3 a `--check` found something, 130 interrupted.
///
/// Output goes straight to file descriptors 1 and 2, exactly as the `flash` binary writes it.
/// On Ctrl-C the command stops, says so, and 130 is returned (no `KeyboardInterrupt`; a Ctrl-C
/// arriving as the command ends is spent too); an exception raised by any other signal handler
/// is raised once the command has stopped.
#[pyfunction]
#[pyo3(signature = (argv))]
fn run_cli(py: Python<'_>, argv: Vec<OsString>) -> PyResult<i32> {
    let (code, raised) = run_detached(py, move |is_cancelled| {
        flash_cli::run_cli_with(argv, is_cancelled)
    });
    // A Ctrl-C that arrives as the command ends, after its last poll, is spent: the command's
    // own exit code stands, as with the `flash` binary, instead of a KeyboardInterrupt raised on
    // the way out.
    let raised = raised.or_else(|| py.check_signals().err());
    match raised {
        Some(e) if !e.is_instance_of::<PyKeyboardInterrupt>(py) => Err(e),
        _ => Ok(code),
    }
}

/// The engine's version, `"0.1.0"`.
#[pyfunction]
fn version() -> &'static str {
    flash::VERSION
}

/// The module: `call`, `run_cli`, `version` and `__version__`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", flash::VERSION)?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    Ok(())
}
