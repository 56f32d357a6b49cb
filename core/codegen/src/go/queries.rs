//! `<stem>.sql.go`: per query its SQL constant, `Params` and `Row` structs, and the method.

use super::names::Registry;
use super::plan::{self, Args, Plan, Row};
use super::writer::{self, Imports, StructField};
use super::{batch, commands, copyfrom, models, Ctx, Helpers, Via};
use crate::{GenError, QueryFile};
use flash_sql::QueryCommand;

/// What one query contributes to its file.
#[derive(Debug, Default)]
pub struct Out {
    pub decls: Vec<String>,
    pub imports: Imports,
    pub helpers: Helpers,
}

impl Out {
    pub fn push(&mut self, decl: String) {
        self.decls.push(decl);
    }
}

/// The whole file of one query file, and the helpers it calls.
pub fn file(
    ctx: &Ctx<'_>,
    f: &QueryFile,
    reg: &mut Registry,
) -> Result<(String, Helpers), GenError> {
    let mut out = Out::default();
    out.imports.add("context");
    for q in &f.queries {
        let p = plan::plan(ctx, q, reg)?;
        query(ctx, &p, &mut out);
    }
    let contents = writer::file(&ctx.opts.package, &out.imports, &out.decls);
    Ok((contents, out.helpers))
}

/// One query's declarations.
fn query(ctx: &Ctx<'_>, p: &Plan<'_>, out: &mut Out) {
    let cmd = p.q.command();
    for prm in &p.params {
        out.imports.extend(&prm.ty.imports);
        out.helpers.bind(&prm.ty);
    }
    if cmd != QueryCommand::CopyFrom {
        out.push(format!("const {} = {}\n", p.sql_const, writer::raw(&p.sql)));
    }
    if let Args::Struct(name) = &p.args {
        let fields: Vec<StructField> = p
            .params
            .iter()
            .map(|x| StructField {
                name: x.field.clone(),
                ty: x.go_type(),
                tag: ctx.tag(&x.sql_name),
            })
            .collect();
        let doc = [format!("{name} holds the arguments of {}.", p.method)];
        out.push(writer::struct_decl(&doc, name, &fields));
    }
    match &p.row {
        Row::Struct {
            name,
            columns,
            declare,
        } => {
            if *declare {
                let doc = [format!("{name} is a row of {}.", p.method)];
                let decl = models::struct_of(ctx, &doc, name, columns, &mut out.imports);
                out.push(decl);
            }
            for c in columns {
                out.helpers.scan(&c.ty);
                // `sqliteTime[time.Time]{...}` names the type in the query's file.
                if matches!(c.ty.via, Via::SqliteTime { .. }) {
                    out.imports.extend(&c.ty.imports);
                }
            }
        }
        Row::Scalar(t) => {
            out.imports.extend(&t.imports);
            out.helpers.scan(t);
        }
        Row::None => {}
    }
    match cmd {
        QueryCommand::CopyFrom => copyfrom::write(ctx, p, out),
        QueryCommand::BatchExec | QueryCommand::BatchOne | QueryCommand::BatchMany => {
            batch::write(ctx, p, out)
        }
        _ => commands::write(ctx, p, out),
    }
}

/// The method's doc comment: the query's doc lines.
pub fn doc(p: &Plan<'_>, extra: &[String]) -> String {
    let mut lines = writer::doc_lines(&p.q.query.doc);
    if !extra.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(extra.iter().cloned());
    }
    writer::comment("", &lines)
}
