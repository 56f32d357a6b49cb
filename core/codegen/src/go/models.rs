//! `models.go`: the enums, then one struct per table and view.

use super::names::{self, EnumNames, Origin, Registry};
use super::plan::Column;
use super::types::Types;
use super::writer::{self, Imports, StructField};
use super::{Ctx, Model};
use crate::options::GoNulls;
use crate::{GenError, GenRequest, GoOptions};
use std::collections::BTreeMap;

fn catalog_origin(what: String) -> Origin {
    Origin {
        file: "models.go".into(),
        line: 0,
        what,
    }
}

/// The Go names of every enum of the catalog, declared in `reg`.
pub fn enum_names(
    req: &GenRequest,
    opts: &GoOptions,
    reg: &mut Registry,
) -> Result<BTreeMap<String, EnumNames>, GenError> {
    let mut out = BTreeMap::new();
    for e in &req.catalog.enums {
        let n = EnumNames::new(&e.name, &e.values);
        let what = |x: &str| catalog_origin(format!("{x} of enum {}", e.name));
        reg.claim(&n.ty, what("the type"))?;
        reg.claim(&format!("All{}Values", n.ty), what("the value list"))?;
        if opts.nulls == GoNulls::SqlNull {
            reg.claim(&n.null, what("the nullable type"))?;
        }
        for (c, v) in &n.consts {
            reg.claim(c, what(&format!("the constant of value {v:?}")))?;
        }
        out.insert(e.name.clone(), n);
    }
    Ok(out)
}

/// The model of each table and view: its singular name, or the name as written when an enum
/// or another table already has the singular (`user_roles` next to an enum `user_role`).
pub fn models(
    req: &GenRequest,
    types: &Types<'_>,
    reg: &mut Registry,
) -> Result<Vec<Model>, GenError> {
    let mut out = Vec::new();
    for t in &req.catalog.tables {
        let schema = t.schema.as_deref();
        let singular = names::model_singular(schema, &t.name);
        let name = if reg.is_free(&singular) {
            singular
        } else {
            names::model_plural(schema, &t.name)
        };
        let kind = if t.view { "view" } else { "table" };
        reg.claim(
            &name,
            catalog_origin(format!("the model of {kind} {}", t.name)),
        )?;
        let fields = names::fields(t.columns.iter().map(|c| c.name.as_str()));
        out.push(Model {
            table: t.name.clone(),
            name,
            columns: t
                .columns
                .iter()
                .zip(fields)
                .map(|(c, field)| Column {
                    field,
                    sql_name: c.name.clone(),
                    ty: types.go(&c.ty, c.nullable),
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The whole `models.go`.
pub fn file(ctx: &Ctx<'_>) -> String {
    let mut imports = Imports::default();
    let mut decls = Vec::new();
    for e in &ctx.req.catalog.enums {
        if let Some(n) = ctx.enums.get(&e.name) {
            decls.extend(enum_decls(&e.name, n, ctx.opts.nulls, &mut imports));
        }
    }
    for (t, m) in ctx.req.catalog.tables.iter().zip(&ctx.models) {
        let kind = if t.view { "view" } else { "table" };
        let doc = vec![format!("{} is a row of the {kind} {}.", m.name, t.name)];
        decls.push(struct_of(ctx, &doc, &m.name, &m.columns, &mut imports));
    }
    writer::file(&ctx.opts.package, &imports, &decls)
}

/// A struct of result columns, with the tags the options ask for.
pub fn struct_of(
    ctx: &Ctx<'_>,
    doc: &[String],
    name: &str,
    columns: &[Column],
    imports: &mut Imports,
) -> String {
    let fields: Vec<StructField> = columns
        .iter()
        .map(|c| {
            imports.extend(&c.ty.imports);
            StructField {
                name: c.field.clone(),
                ty: c.ty.text.clone(),
                tag: ctx.tag(&c.sql_name),
            }
        })
        .collect();
    writer::struct_decl(doc, name, &fields)
}

/// An enum: the type and its constants, `Scan`, `Value`, `Valid`, `All<Enum>Values`, and the
/// `Null<Enum>` type with `sql_null`.
fn enum_decls(db_name: &str, n: &EnumNames, nulls: GoNulls, imports: &mut Imports) -> Vec<String> {
    imports.add("database/sql/driver");
    imports.add("fmt");
    let ty = &n.ty;
    let mut out = Vec::new();

    let mut d = writer::comment("", &[format!("{ty} is a value of the enum {db_name}.")]);
    d.push_str(&format!("type {ty} string\n"));
    out.push(d);

    if !n.consts.is_empty() {
        let rows: Vec<Vec<String>> = n
            .consts
            .iter()
            .map(|(c, v)| vec![c.clone(), ty.clone(), format!("= {}", writer::quote(v))])
            .collect();
        out.push(format!(
            "// The values of {ty}.\nconst (\n{})\n",
            writer::aligned("\t", &rows)
        ));
    }

    out.push(format!(
        "// Scan implements sql.Scanner: drivers return the value as text or bytes.\n\
         func (e *{ty}) Scan(src any) error {{\n\
         \tswitch s := src.(type) {{\n\
         \tcase string:\n\
         \t\t*e = {ty}(s)\n\
         \tcase []byte:\n\
         \t\t*e = {ty}(s)\n\
         \tdefault:\n\
         \t\treturn fmt.Errorf(\"cannot scan %T into {ty}\", src)\n\
         \t}}\n\
         \treturn nil\n\
         }}\n"
    ));
    out.push(format!(
        "// Value implements driver.Valuer.\n\
         func (e {ty}) Value() (driver.Value, error) {{\n\
         \treturn string(e), nil\n\
         }}\n"
    ));

    let names: Vec<&str> = n.consts.iter().map(|(c, _)| c.as_str()).collect();
    let switch = if names.is_empty() {
        String::new()
    } else {
        format!(
            "\tswitch e {{\n\tcase {}:\n\t\treturn true\n\t}}\n",
            names.join(", ")
        )
    };
    out.push(format!(
        "// Valid reports whether e is one of the values of {ty}.\n\
         func (e {ty}) Valid() bool {{\n\
         {switch}\
         \treturn false\n\
         }}\n"
    ));
    out.push(format!(
        "// All{ty}Values returns the values of {ty} in declaration order.\n\
         func All{ty}Values() []{ty} {{\n\
         \treturn []{ty}{{{}}}\n\
         }}\n",
        names.join(", ")
    ));

    if nulls == GoNulls::SqlNull {
        let null = &n.null;
        let field = |name: &str, t: &str| StructField {
            name: name.into(),
            ty: t.into(),
            tag: String::new(),
        };
        out.push(writer::struct_decl(
            &[format!(
                "{null} is a {ty} that may be NULL: Valid is false for NULL."
            )],
            null,
            &[field(ty, ty), field("Valid", "bool")],
        ));
        out.push(format!(
            "// Scan implements sql.Scanner.\n\
             func (n *{null}) Scan(src any) error {{\n\
             \tif src == nil {{\n\
             \t\tn.{ty}, n.Valid = \"\", false\n\
             \t\treturn nil\n\
             \t}}\n\
             \tn.Valid = true\n\
             \treturn n.{ty}.Scan(src)\n\
             }}\n"
        ));
        out.push(format!(
            "// Value implements driver.Valuer.\n\
             func (n {null}) Value() (driver.Value, error) {{\n\
             \tif !n.Valid {{\n\
             \t\treturn nil, nil\n\
             \t}}\n\
             \treturn string(n.{ty}), nil\n\
             }}\n"
        ));
    }
    out
}
