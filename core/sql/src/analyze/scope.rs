//! What a query can see while it is analysed: the relations of its FROM clause (with the
//! outer-join nullability they got), the scopes of enclosing queries for correlated
//! subqueries, and the select list's aliases.

use super::ColumnSource;
use flash_schema::TypeKind;

/// The type of an expression as far as the analysis knows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Typed {
    /// None while unknown (a bare NULL, a parameter nothing has typed yet).
    pub ty: Option<TypeKind>,
    pub nullable: bool,
    /// The column name the database gives an expression like this in a select list
    /// (PostgreSQL's rules: the column's name, the function's name); empty when none.
    pub name: String,
    /// The table column read unchanged, if it is one.
    pub source: Option<ColumnSource>,
    /// The parameter this expression is, if it is exactly one (0-based).
    pub param: Option<usize>,
}

impl Typed {
    pub fn of(ty: TypeKind, nullable: bool) -> Typed {
        Typed {
            ty: Some(ty),
            nullable,
            name: String::new(),
            source: None,
            param: None,
        }
    }
    pub fn unknown(nullable: bool) -> Typed {
        Typed {
            ty: None,
            nullable,
            name: String::new(),
            source: None,
            param: None,
        }
    }
    pub fn named(mut self, name: impl Into<String>) -> Typed {
        self.name = name.into();
        self
    }
    /// The same type as a derived value: no longer a plain column or parameter.
    pub fn derived(mut self) -> Typed {
        self.source = None;
        self.param = None;
        self
    }
}

/// A column of a relation in scope.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Col {
    pub name: String,
    pub ty: Option<TypeKind>,
    pub nullable: bool,
    pub source: Option<ColumnSource>,
}

/// A relation of a FROM clause: a table, a view, a CTE, a derived table or a function.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    /// The name the query uses for it: the alias, else the table name.
    pub alias: String,
    pub cols: Vec<Col>,
    /// Every column may be NULL because of an outer join.
    pub nullable: bool,
}

/// The relations visible at one level of a query, and the enclosing levels.
#[derive(Debug, Default)]
pub(crate) struct Scope<'p> {
    pub rels: Vec<Rel>,
    pub parent: Option<&'p Scope<'p>>,
    /// Select-list aliases, usable in ORDER BY (and GROUP BY / HAVING on MySQL and SQLite).
    pub aliases: Vec<(String, Typed)>,
    /// `JOIN ... USING (x)` / NATURAL JOIN: the merged columns, which an unqualified `*` shows
    /// once.
    pub merged: Vec<Col>,
    /// `(relation index, column)` pairs an unqualified `*` leaves out because a merged column
    /// stands for them.
    pub hidden: Vec<(usize, String)>,
}

/// Why a column reference did not resolve.
pub(crate) enum Missing {
    /// No relation has that alias.
    Relation,
    /// The relation exists but has no such column; its columns, for the message.
    Column(Vec<String>),
}

impl<'p> Scope<'p> {
    pub fn child(parent: &'p Scope<'p>) -> Scope<'p> {
        Scope {
            rels: Vec::new(),
            parent: Some(parent),
            aliases: Vec::new(),
            merged: Vec::new(),
            hidden: Vec::new(),
        }
    }

    /// Resolves `qualifier.name` (or `name`) here or in an enclosing scope.
    pub fn column(
        &self,
        qualifier: Option<&str>,
        name: &str,
        same: &dyn Fn(&str, &str) -> bool,
    ) -> Result<Typed, Missing> {
        let mut missing = Missing::Relation;
        for rel in &self.rels {
            if let Some(q) = qualifier {
                if !same(&rel.alias, q) {
                    continue;
                }
            }
            match rel.cols.iter().find(|c| same(&c.name, name)) {
                Some(c) => {
                    return Ok(Typed {
                        ty: c.ty.clone(),
                        nullable: c.nullable || rel.nullable,
                        name: c.name.clone(),
                        source: c.source.clone(),
                        param: None,
                    })
                }
                None if qualifier.is_some() => {
                    missing = Missing::Column(rel.cols.iter().map(|c| c.name.clone()).collect())
                }
                None => {}
            }
        }
        if qualifier.is_none() {
            if let Some((_, t)) = self.aliases.iter().find(|(a, _)| same(a, name)) {
                return Ok(t.clone());
            }
        }
        match self.parent {
            Some(p) => match p.column(qualifier, name, same) {
                Ok(t) => Ok(t),
                Err(Missing::Relation) => Err(missing),
                Err(m) => Err(m),
            },
            None => Err(missing),
        }
    }

    /// The relation called `alias` here or in an enclosing scope.
    pub fn relation(&self, alias: &str, same: &dyn Fn(&str, &str) -> bool) -> Option<&Rel> {
        self.rels
            .iter()
            .find(|r| same(&r.alias, alias))
            .or_else(|| self.parent.and_then(|p| p.relation(alias, same)))
    }

    /// Every column name of this level, for messages.
    pub fn column_names(&self) -> Vec<String> {
        self.rels
            .iter()
            .flat_map(|r| {
                r.cols
                    .iter()
                    .map(move |c| format!("{}.{}", r.alias, c.name))
            })
            .collect()
    }
}
