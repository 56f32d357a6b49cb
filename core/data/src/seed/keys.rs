//! The keys a child can point at: a parent's existing keys (read once) followed by the keys
//! this seed gives it, kept as a range when they count up (no memory per row) or as a list.
//! Also the canonical text of a value, which unique checks hash.

use flash_schema::Cell;
use rand::Rng;
use std::hash::{Hash, Hasher};

/// The keys (tuples of the referenced columns) of one parent.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyPool {
    pub existing: Vec<Vec<Cell>>,
    /// New keys `start..start + len` of a single integer column.
    pub range: Option<(i64, u64)>,
    /// New keys of any other form.
    pub list: Vec<Vec<Cell>>,
}

impl KeyPool {
    pub(crate) fn len(&self) -> u64 {
        self.existing.len() as u64 + self.range.map_or(0, |r| r.1) + self.list.len() as u64
    }

    /// Key `i` in the order existing, range, list.
    pub(crate) fn get(&self, i: u64) -> Option<Vec<Cell>> {
        let e = self.existing.len() as u64;
        if i < e {
            return self.existing.get(i as usize).cloned();
        }
        let mut i = i - e;
        if let Some((start, len)) = self.range {
            if i < len {
                return Some(vec![Cell::Int(start + i as i64)]);
            }
            i -= len;
        }
        self.list.get(i as usize).cloned()
    }

    /// A key among the first `limit` (all when None).
    pub(crate) fn pick<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        limit: Option<u64>,
    ) -> Option<Vec<Cell>> {
        let n = limit.map_or(self.len(), |l| l.min(self.len()));
        if n == 0 {
            return None;
        }
        self.get(rng.random_range(0..n))
    }
}

/// The text a value is compared by in unique checks: the same for a generated cell and for
/// the database's text of the same value (integers, text).
pub(crate) fn canonical(cell: &Cell, out: &mut String) -> bool {
    use std::fmt::Write;
    match cell {
        Cell::Null => return false,
        Cell::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Cell::Real(f) => {
            let _ = write!(out, "{f}");
        }
        Cell::Text(s) => out.push_str(s),
        Cell::Bytes(b) => out.push_str(&hex::encode(b)),
    }
    true
}

/// A 64-bit fingerprint of a tuple; None when a part is NULL (NULLs never conflict). A
/// collision only costs a retry, never a duplicate.
pub(crate) fn fingerprint<'a>(cells: impl Iterator<Item = &'a Cell>) -> Option<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut buf = String::new();
    for c in cells {
        buf.clear();
        if !canonical(c, &mut buf) {
            return None;
        }
        buf.hash(&mut h);
    }
    Some(h.finish())
}

/// The same fingerprint for a row read back as text.
pub(crate) fn fingerprint_text<'a>(cells: impl Iterator<Item = &'a Option<String>>) -> Option<u64> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in cells {
        c.as_ref()?.hash(&mut h);
    }
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_list_existing_then_new_keys() {
        let p = KeyPool {
            existing: vec![vec![Cell::Int(3)]],
            range: Some((10, 2)),
            list: Vec::new(),
        };
        assert_eq!(p.len(), 3);
        assert_eq!(p.get(0), Some(vec![Cell::Int(3)]));
        assert_eq!(p.get(2), Some(vec![Cell::Int(11)]));
        assert_eq!(p.get(3), None);
        let a = fingerprint([Cell::Int(5), Cell::Text("x".into())].iter());
        let b = fingerprint_text([Some("5".to_string()), Some("x".to_string())].iter());
        assert_eq!(a, b);
        assert_eq!(fingerprint([Cell::Null].iter()), None);
    }
}
