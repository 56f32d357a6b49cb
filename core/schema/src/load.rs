//! Pieces of the multi-row INSERTs that `Driver::load_rows` writes on databases without a
//! COPY: how rows are split into statements and the statement text with placeholders.

use crate::driver::Cell;

impl Cell {
    /// About how many bytes the value takes in a statement.
    pub fn size(&self) -> usize {
        match self {
            Cell::Text(s) => s.len(),
            Cell::Bytes(b) => b.len(),
            _ => 8,
        }
    }
}

/// `rows` in groups of at most `max_rows` rows and about `max_bytes` of values (a group
/// holds one row at least, however large).
pub fn insert_groups(
    rows: Vec<Vec<Cell>>,
    max_rows: usize,
    max_bytes: usize,
) -> Vec<Vec<Vec<Cell>>> {
    let mut groups = Vec::new();
    let mut group: Vec<Vec<Cell>> = Vec::new();
    let mut bytes = 0;
    for row in rows {
        if !group.is_empty() && (group.len() >= max_rows || bytes >= max_bytes) {
            groups.push(std::mem::take(&mut group));
            bytes = 0;
        }
        bytes += row.iter().map(Cell::size).sum::<usize>();
        group.push(row);
    }
    if !group.is_empty() {
        groups.push(group);
    }
    groups
}

/// `INSERT INTO table (a, b) VALUES (?, ?), (?, ?)` for `rows` rows; `table` and `columns`
/// are quoted already.
pub fn insert_sql(table: &str, columns: &[String], rows: usize) -> String {
    let tuple = format!("({})", vec!["?"; columns.len()].join(", "));
    format!(
        "INSERT INTO {table} ({}) VALUES {}",
        columns.join(", "),
        vec![tuple.as_str(); rows].join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_to_rows_and_bytes() {
        let rows: Vec<Vec<Cell>> = (0..5).map(|i| vec![Cell::Int(i)]).collect();
        let sizes: Vec<usize> = insert_groups(rows, 2, 1 << 20)
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, [2, 2, 1]);
        let big = vec![
            vec![Cell::Text("x".repeat(10))],
            vec![Cell::Text("y".repeat(10))],
        ];
        assert_eq!(insert_groups(big, 100, 5).len(), 2);
        assert_eq!(
            insert_sql("\"t\"", &["\"a\"".into(), "\"b\"".into()], 2),
            "INSERT INTO \"t\" (\"a\", \"b\") VALUES (?, ?), (?, ?)"
        );
    }
}
