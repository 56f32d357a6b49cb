//! CSV files, one per table: a header of column names, then one line per row. A NULL is an
//! empty unquoted field and an empty string `""`, as PostgreSQL's `COPY ... CSV` reads them;
//! fields with a comma, quote, line break, or leading or trailing space are quoted.

use crate::value::csv_text;
use flash_schema::{Cell, Table};
use std::io::Write;

/// Appends one field.
fn field(out: &mut String, text: Option<&str>) {
    let Some(t) = text else {
        return;
    };
    let quote = t.is_empty()
        || t.starts_with(' ')
        || t.ends_with(' ')
        || t.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
        out.push_str(&t.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(t);
    }
}

/// Writes the header line of `t`.
pub fn header(out: &mut impl Write, t: &Table) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, c) in t.columns.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        field(&mut line, Some(&c.name));
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

/// Writes one row; `buf` is reused between rows.
pub fn row(out: &mut impl Write, cells: &[Cell], buf: &mut String) -> std::io::Result<()> {
    buf.clear();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            buf.push(',');
        }
        field(buf, csv_text(cell).as_deref());
    }
    buf.push('\n');
    out.write_all(buf.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_empty_and_special_fields() {
        let mut out = Vec::new();
        let mut buf = String::new();
        row(
            &mut out,
            &[
                Cell::Null,
                Cell::Text(String::new()),
                Cell::Text("a,b".into()),
                Cell::Text("say \"hi\"\nbye".into()),
                Cell::Int(7),
                Cell::Text(" x".into()),
            ],
            &mut buf,
        )
        .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&out),
            ",\"\",\"a,b\",\"say \"\"hi\"\"\nbye\",7,\" x\"\n"
        );
    }
}
