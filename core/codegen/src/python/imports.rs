//! What a generated module refers to, and the import block that provides it.

use super::helpers;
use std::collections::BTreeSet;

/// The modules, names and private helpers a module's code uses, by key: a module (`json`,
/// `psycopg.types.json`), a name from the standard library (`Any`, `Sequence`, `dataclass`),
/// `models` (the package's models module) or a helper (`_bool`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Needs(BTreeSet<&'static str>);

/// The standard library names a module may import, and where from.
const FROM_IMPORTS: &[(&str, &str)] = &[
    ("Any", "typing"),
    ("Sequence", "collections.abc"),
    ("TypeAlias", "typing"),
    ("dataclass", "dataclasses"),
];

/// The standard library modules a module may import whole.
const MODULES: &[&str] = &[
    "datetime", "decimal", "enum", "json", "sqlite3", "typing", "uuid",
];

impl Needs {
    pub fn add(&mut self, key: &'static str) {
        self.0.insert(key);
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    /// Records what a conversion template refers to (templates are fixed strings of
    /// [`super::types`], never user text).
    pub fn scan(&mut self, template: &str) {
        if template.contains("psycopg.types.json.") {
            self.add("psycopg.types.json");
        } else if template.contains("json.") {
            self.add("json");
        }
        for module in ["datetime", "decimal", "uuid"] {
            if template.contains(&format!("{module}.")) {
                self.add(module);
            }
        }
        for helper in helpers::NAMES {
            if template.contains(&format!("{helper}(")) {
                self.add(helper);
            }
        }
    }

    /// The helpers used, each with what it needs itself added to `self`.
    pub fn helpers(&mut self) -> Vec<&'static str> {
        let used: Vec<&'static str> = helpers::NAMES
            .iter()
            .copied()
            .filter(|h| self.has(h))
            .collect();
        for h in &used {
            for n in helpers::needs(h) {
                self.add(n);
            }
        }
        used
    }

    /// The import block after `from __future__ import annotations`: the standard library,
    /// then `third_party` lines (the driver), then `from . import models`.
    pub fn render(&self, third_party: &[String]) -> Vec<String> {
        let mut std_plain: Vec<String> = MODULES
            .iter()
            .filter(|m| self.has(m))
            .map(|m| format!("import {m}"))
            .collect();
        std_plain.sort();
        let mut from: BTreeSet<(&str, Vec<&str>)> = BTreeSet::new();
        for (_, module) in FROM_IMPORTS {
            let names: Vec<&str> = FROM_IMPORTS
                .iter()
                .filter(|(n, m)| m == module && self.has(n))
                .map(|(n, _)| *n)
                .collect();
            if !names.is_empty() {
                from.insert((module, names));
            }
        }
        let mut std = std_plain;
        std.extend(
            from.into_iter()
                .map(|(m, names)| format!("from {m} import {}", names.join(", "))),
        );
        let mut third: Vec<String> = third_party.to_vec();
        if self.has("psycopg.types.json") {
            third.push("import psycopg.types.json".to_string());
        }
        third.sort();
        third.dedup();
        let mut out = vec!["from __future__ import annotations".to_string()];
        for group in [std, third] {
            if !group.is_empty() {
                out.push(String::new());
                out.extend(group);
            }
        }
        if self.has("models") {
            out.push(String::new());
            out.push("from . import models".to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_block() {
        let mut n = Needs::default();
        n.scan("json.loads({v})");
        n.scan("psycopg.types.json.Jsonb({v})");
        n.add("Sequence");
        n.add("Any");
        n.add("models");
        let lines = n.render(&["import psycopg".to_string()]);
        assert_eq!(
            lines,
            [
                "from __future__ import annotations",
                "",
                "import json",
                "from collections.abc import Sequence",
                "from typing import Any",
                "",
                "import psycopg",
                "import psycopg.types.json",
                "",
                "from . import models",
            ]
        );
    }
}
