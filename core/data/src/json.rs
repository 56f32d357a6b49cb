//! The JSON export, written as it streams: `{"version", "timestamp", "provider", "data":
//! {table: [row objects]}, "schema"}` (the Go Flash ORM's layout, plus `provider`). One row
//! object per line.

use crate::value::{json_string, write_json};
use flash_schema::{Cell, Schema, Table};
use std::io::Write;

/// Writes one export document to `out`.
pub struct JsonWriter<W: Write> {
    out: W,
    /// The table whose array is open, and whether it has a row yet.
    open: Option<(usize, bool)>,
    any_table: bool,
    buf: String,
}

impl<W: Write> JsonWriter<W> {
    pub fn start(mut out: W, timestamp: &str, provider: &str) -> std::io::Result<Self> {
        let mut head = String::from("{\n  \"version\": \"1\",\n  \"timestamp\": ");
        json_string(&mut head, timestamp);
        head.push_str(",\n  \"provider\": ");
        json_string(&mut head, provider);
        head.push_str(",\n  \"data\": {");
        out.write_all(head.as_bytes())?;
        Ok(JsonWriter {
            out,
            open: None,
            any_table: false,
            buf: String::new(),
        })
    }

    /// Opens the array of table `index` (closing the previous one).
    pub fn table(&mut self, index: usize, t: &Table) -> std::io::Result<()> {
        self.close_table()?;
        self.buf.clear();
        if self.any_table {
            self.buf.push(',');
        }
        self.buf.push_str("\n    ");
        json_string(&mut self.buf, &t.display_name());
        self.buf.push_str(": [");
        self.out.write_all(self.buf.as_bytes())?;
        self.any_table = true;
        self.open = Some((index, false));
        Ok(())
    }

    pub fn row(&mut self, t: &Table, cells: &[Cell]) -> std::io::Result<()> {
        self.buf.clear();
        if let Some((_, has_row)) = &mut self.open {
            if *has_row {
                self.buf.push(',');
            }
            *has_row = true;
        }
        self.buf.push_str("\n      {");
        for (i, (c, cell)) in t.columns.iter().zip(cells).enumerate() {
            if i > 0 {
                self.buf.push_str(", ");
            }
            json_string(&mut self.buf, &c.name);
            self.buf.push_str(": ");
            write_json(&mut self.buf, cell, &c.ty.kind);
        }
        self.buf.push('}');
        self.out.write_all(self.buf.as_bytes())
    }

    fn close_table(&mut self) -> std::io::Result<()> {
        if let Some((_, has_row)) = self.open.take() {
            self.out
                .write_all(if has_row { b"\n    ]" } else { b"]" })?;
        }
        Ok(())
    }

    /// Closes the document, with the schema unless `schema` is None (`--data-only`).
    pub fn finish(mut self, schema: Option<&Schema>) -> std::io::Result<W> {
        self.close_table()?;
        self.out
            .write_all(if self.any_table { b"\n  }" } else { b"}" })?;
        if let Some(s) = schema {
            let text = serde_json::to_string_pretty(s).map_err(std::io::Error::other)?;
            self.out.write_all(b",\n  \"schema\": ")?;
            // Indented one level to sit inside the document.
            self.out.write_all(text.replace('\n', "\n  ").as_bytes())?;
        }
        self.out.write_all(b"\n}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}
