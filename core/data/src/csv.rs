//! CSV files, one per table: a header of column names, then one line per row. A NULL is an
//! empty unquoted field and an empty string `""`, as PostgreSQL's `COPY ... CSV` reads them;
//! fields with a comma, quote, line break, or leading or trailing space are quoted. The
//! reader is written here because CSV libraries do not say whether a field was quoted, and
//! that is what tells NULL from the empty string.

use crate::value::csv_text;
use flash_schema::{Cell, Table};
use std::io::{BufRead, Write};

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

/// Reads the next record; None at the end of the input. Quoted fields may hold line breaks;
/// an unquoted empty field is None (NULL), a quoted one `Some("")`.
pub fn read_record(input: &mut impl BufRead) -> Result<Option<Vec<Option<String>>>, String> {
    let mut line = String::new();
    if input.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
        return Ok(None);
    }
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut in_quotes = false;
    let mut pos = 0;
    loop {
        let Some(ch) = line[pos..].chars().next() else {
            if in_quotes {
                // The quoted field goes on in the next line.
                let at = line.len();
                if input.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                    return Err("a quoted field is not closed before the end of the file".into());
                }
                pos = at;
                continue;
            }
            break;
        };
        pos += ch.len_utf8();
        if in_quotes {
            if ch == '"' {
                if line[pos..].starts_with('"') {
                    field.push('"');
                    pos += 1;
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(ch);
            }
            continue;
        }
        match ch {
            '"' if field.is_empty() && !quoted => {
                quoted = true;
                in_quotes = true;
            }
            ',' => {
                fields.push(take(&mut field, &mut quoted));
            }
            '\n' => break,
            '\r' if line[pos..].starts_with('\n') => {}
            _ => field.push(ch),
        }
    }
    fields.push(take(&mut field, &mut quoted));
    Ok(Some(fields))
}

fn take(field: &mut String, quoted: &mut bool) -> Option<String> {
    let f = std::mem::take(field);
    let was_quoted = std::mem::replace(quoted, false);
    (was_quoted || !f.is_empty()).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_as_written() {
        let rows = vec![
            vec![
                Cell::Null,
                Cell::Text(String::new()),
                Cell::Text("a,b".into()),
                Cell::Text("say \"hi\"\r\nbye\n".into()),
                Cell::Text("ünï €".into()),
            ],
            vec![
                Cell::Text(" x ".into()),
                Cell::Null,
                Cell::Null,
                Cell::Text("\"".into()),
                Cell::Int(-1),
            ],
        ];
        let mut out = Vec::new();
        let mut buf = String::new();
        for r in &rows {
            row(&mut out, r, &mut buf).unwrap_or_default();
        }
        let mut input = std::io::Cursor::new(out);
        for r in &rows {
            let read = read_record(&mut input)
                .unwrap_or_default()
                .unwrap_or_default();
            let expected: Vec<Option<String>> = r.iter().map(csv_text).collect();
            assert_eq!(read, expected);
        }
        assert_eq!(read_record(&mut input), Ok(None));
        let mut bad = std::io::Cursor::new(b"1,\"open\n".to_vec());
        assert!(read_record(&mut bad).is_err());
    }

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
