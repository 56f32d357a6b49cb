//! Everything the CLI prints goes through here: results on stdout, messages on stderr, colour
//! only on a terminal and never with NO_COLOR.

use std::io::{IsTerminal, Write};

/// The CLI's printer.
pub struct Output {
    color: bool,
}

const RED: &str = "\x1b[31;1m";
const YELLOW: &str = "\x1b[33;1m";
const GREEN: &str = "\x1b[32m";
const BLUE: &str = "\x1b[34;1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl Output {
    pub fn new(no_color: bool) -> Self {
        let color = !no_color
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stderr().is_terminal();
        Output { color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// A line of the command's result, on stdout.
    pub fn line(&self, text: &str) {
        let _ = writeln!(std::io::stdout(), "{text}");
    }

    /// A success line on stdout.
    pub fn ok(&self, text: &str) {
        self.line(&format!("{} {text}", self.paint(GREEN, "✓")));
    }

    /// Secondary information on stderr.
    pub fn note(&self, text: &str) {
        let _ = writeln!(std::io::stderr(), "{}", self.paint(DIM, text));
    }

    /// A JSON document on stdout.
    pub fn json<T: serde::Serialize>(&self, value: &T) {
        match serde_json::to_string_pretty(value) {
            Ok(s) => self.line(&s),
            Err(e) => self.error(&format!("cannot render JSON: {e}"), None, None),
        }
    }

    /// `error: <what>`, `  --> place`, `  help: <what to do>` on stderr.
    pub fn error(&self, what: &str, place: Option<&str>, help: Option<&str>) {
        self.message(RED, "error", what, place, help);
    }

    /// The same shape with `warning:`.
    pub fn warning(&self, what: &str, place: Option<&str>, help: Option<&str>) {
        self.message(YELLOW, "warning", what, place, help);
    }

    fn message(
        &self,
        code: &str,
        label: &str,
        what: &str,
        place: Option<&str>,
        help: Option<&str>,
    ) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{}: {what}", self.paint(code, label));
        if let Some(p) = place {
            let _ = writeln!(err, "  {} {p}", self.paint(BLUE, "-->"));
        }
        if let Some(h) = help {
            let _ = writeln!(err, "  {}: {h}", self.paint(BLUE, "help"));
        }
    }

    pub fn color(&self) -> bool {
        self.color
    }
}
