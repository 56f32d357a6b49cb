//! Function calls: aggregates, window functions and the scalar functions of each database,
//! with their result types and when they return NULL.

use super::ctx::{Ctx, Hint};
use super::scope::{Scope, Typed};
use super::types as t;
use flash_schema::{Provider, TypeKind};
use sqlparser::ast::{Expr, Function, FunctionArg, FunctionArgExpr, FunctionArguments, Spanned};

/// What a function returns when an argument is NULL.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nulls {
    /// NULL when any argument is.
    Strict,
    /// Never NULL.
    Never,
    /// May be NULL whatever the arguments.
    Always,
    /// NULL only when every argument is (COALESCE, PostgreSQL's GREATEST).
    AllArgs,
}

/// The arguments of a call: expressions (a `*` is no argument).
fn arg_exprs(f: &Function) -> (Vec<&Expr>, bool) {
    let mut star = false;
    let mut out = Vec::new();
    if let FunctionArguments::List(list) = &f.args {
        for a in &list.args {
            let e = match a {
                FunctionArg::Unnamed(e) | FunctionArg::Named { arg: e, .. } => e,
                FunctionArg::ExprNamed { arg: e, .. } => e,
            };
            match e {
                FunctionArgExpr::Expr(x) => out.push(x),
                _ => star = true,
            }
        }
    }
    (out, star)
}

const AGGREGATES: &[&str] = &[
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "bool_and",
    "bool_or",
    "every",
    "string_agg",
    "array_agg",
    "json_agg",
    "jsonb_agg",
    "json_object_agg",
    "jsonb_object_agg",
    "group_concat",
    "json_arrayagg",
    "json_objectagg",
    "json_group_array",
    "json_group_object",
    "total",
    "stddev",
    "stddev_pop",
    "stddev_samp",
    "variance",
    "var_pop",
    "var_samp",
    "bit_and",
    "bit_or",
    "bit_xor",
    "percentile_cont",
    "percentile_disc",
    "mode",
];

impl Ctx<'_> {
    pub(crate) fn function(&mut self, f: &Function, scope: &Scope<'_>, hint: &Hint) -> Typed {
        let name = f
            .name
            .0
            .last()
            .and_then(|p| p.as_ident())
            .map(|i| i.value.to_lowercase())
            .unwrap_or_default();
        let (args, star) = arg_exprs(f);
        if let FunctionArguments::Subquery(q) = &f.args {
            self.query(q, scope, &[]);
        }
        if let Some(filter) = &f.filter {
            self.expr(filter, scope, &Hint::ty(TypeKind::Bool));
        }
        if let FunctionArguments::List(list) = &f.args {
            for clause in &list.clauses {
                if let sqlparser::ast::FunctionArgumentClause::OrderBy(obs) = clause {
                    for ob in obs {
                        self.expr(&ob.expr, scope, &Hint::none());
                    }
                }
            }
        }
        for ob in &f.within_group {
            self.expr(&ob.expr, scope, &Hint::none());
        }
        if let Some(sqlparser::ast::WindowType::WindowSpec(w)) = &f.over {
            for p in &w.partition_by {
                self.expr(p, scope, &Hint::none());
            }
            for ob in &w.order_by {
                self.expr(&ob.expr, scope, &Hint::none());
            }
        }
        let windowed = f.over.is_some();
        let is_agg = AGGREGATES.contains(&name.as_str());

        // Arguments: typed one by one; parameters among them are typed afterwards from the
        // function's rules and the other arguments.
        // MySQL's TIMESTAMPDIFF(SECOND, a, b) / TIMESTAMPADD(DAY, n, t): the first argument is
        // a unit keyword, not a column.
        let unit_first = matches!(name.as_str(), "timestampdiff" | "timestampadd")
            && matches!(args.first(), Some(Expr::Identifier(i)) if i.quote_style.is_none());
        let typed: Vec<Typed> = args
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if i == 0 && unit_first {
                    Typed::of(t::text(), false)
                } else {
                    self.expr(a, scope, &Hint::none())
                }
            })
            .collect();
        let first_known = typed.iter().find_map(|x| x.ty.clone());
        let any_null = typed.iter().any(|x| x.nullable);
        let provider = self.cat.provider;
        let arg_ty = |i: usize| typed.get(i).and_then(|x| x.ty.clone());
        let arg_null = |i: usize| typed.get(i).is_none_or(|x| x.nullable);

        // (result type, null rule, hint for untyped parameter arguments)
        let (ty, nulls, param_hint): (Option<TypeKind>, Nulls, Option<TypeKind>) = match name
            .as_str()
        {
            // Aggregates.
            "count" => (Some(t::count()), Nulls::Never, None),
            "sum" => (sum_type(arg_ty(0), provider), Nulls::Always, None),
            "total" => (Some(t::float(64)), Nulls::Never, None),
            "avg" => (avg_type(arg_ty(0), provider), Nulls::Always, None),
            "min" | "max" => (arg_ty(0), Nulls::Always, None),
            "bool_and" | "bool_or" | "every" => {
                (Some(TypeKind::Bool), Nulls::Always, Some(TypeKind::Bool))
            }
            "string_agg" | "group_concat" => (Some(t::text()), Nulls::Always, Some(t::text())),
            "array_agg" => (
                arg_ty(0).map(|e| TypeKind::Array {
                    element: Box::new(e),
                }),
                Nulls::Always,
                None,
            ),
            "json_agg" | "json_object_agg" => (Some(t::json(false)), Nulls::Always, None),
            "jsonb_agg" | "jsonb_object_agg" => (Some(t::json(true)), Nulls::Always, None),
            "json_arrayagg" | "json_objectagg" => (Some(t::json(true)), Nulls::Always, None),
            // SQLite gives `[]` / `{}` for no rows.
            "json_group_array" | "json_group_object" => (Some(t::json(false)), Nulls::Never, None),
            "stddev" | "stddev_pop" | "stddev_samp" | "variance" | "var_pop" | "var_samp" => {
                let ty = match (provider, arg_ty(0)) {
                    (Provider::Postgresql, Some(TypeKind::Float { .. }))
                    | (Provider::Mysql | Provider::Sqlite, _) => t::float(64),
                    _ => t::decimal(),
                };
                (Some(ty), Nulls::Always, None)
            }
            "bit_and" | "bit_or" | "bit_xor" => (arg_ty(0), Nulls::Always, None),
            "percentile_cont" => (Some(t::float(64)), Nulls::Always, Some(t::float(64))),
            "percentile_disc" | "mode" => (None, Nulls::Always, None),
            // Window functions.
            "row_number" | "rank" | "dense_rank" => (Some(t::count()), Nulls::Never, None),
            "ntile" => (Some(t::int(32)), Nulls::Never, Some(t::int(32))),
            "percent_rank" | "cume_dist" => (Some(t::float(64)), Nulls::Never, None),
            "lag" | "lead" => {
                // NULL past the partition's edge unless a non-null default is given.
                let nulls = if args.len() >= 3 && !arg_null(2) && !arg_null(0) {
                    Nulls::Strict
                } else {
                    Nulls::Always
                };
                (arg_ty(0), nulls, None)
            }
            "first_value" | "last_value" => (arg_ty(0), Nulls::Strict, None),
            "nth_value" => (arg_ty(0), Nulls::Always, None),
            // NULL handling.
            "coalesce" => (first_known.clone(), Nulls::AllArgs, first_known.clone()),
            "ifnull" | "nvl" => (first_known.clone(), Nulls::AllArgs, first_known.clone()),
            "nullif" => (arg_ty(0), Nulls::Always, arg_ty(0)),
            "greatest" | "least" => (
                first_known.clone(),
                if provider == Provider::Postgresql {
                    Nulls::AllArgs
                } else {
                    Nulls::Strict
                },
                first_known.clone(),
            ),
            "if" | "iif" => {
                let ty = arg_ty(1).or(arg_ty(2));
                let n = if arg_null(1) || arg_null(2) {
                    Nulls::Always
                } else {
                    Nulls::Never
                };
                (ty.clone(), n, ty)
            }
            // Strings.
            "lower" | "upper" | "trim" | "ltrim" | "rtrim" | "btrim" | "replace" | "substr"
            | "substring" | "left" | "right" | "lpad" | "rpad" | "reverse" | "repeat"
            | "initcap" | "md5" | "sha1" | "sha2" | "quote_ident" | "quote_literal"
            | "translate" | "split_part" | "regexp_replace" | "regexp_substr" | "to_hex"
            | "hex" | "unhex" | "soundex" | "space" | "char" | "chr" | "ucase" | "lcase"
            | "mid" | "insert" | "format_number" | "substring_index" | "inet_ntoa" | "unistr"
            | "quote" | "encode" | "strftime" | "date_format" | "time_format" | "to_char"
            | "inet6_ntoa" => (Some(t::text()), Nulls::Strict, Some(t::text())),
            "concat" => (
                Some(t::text()),
                if provider == Provider::Mysql {
                    Nulls::Strict
                } else {
                    Nulls::Never
                },
                Some(t::text()),
            ),
            "concat_ws" => (
                Some(t::text()),
                if arg_null(0) {
                    Nulls::Always
                } else {
                    Nulls::Never
                },
                Some(t::text()),
            ),
            "format" | "printf" => (
                Some(t::text()),
                if provider == Provider::Mysql {
                    Nulls::Strict
                } else {
                    Nulls::Never
                },
                None,
            ),
            "length" | "char_length" | "character_length" | "octet_length" | "bit_length"
            | "strpos" | "instr" | "locate" | "ascii" | "unicode" | "array_length"
            | "cardinality" | "array_position" | "json_length" | "jsonb_array_length"
            | "json_array_length" | "array_ndims" => {
                let ty = match provider {
                    Provider::Postgresql => t::int(32),
                    _ => t::int(64),
                };
                let n = if matches!(name.as_str(), "array_length" | "array_position") {
                    Nulls::Always
                } else {
                    Nulls::Strict
                };
                let h = if name == "json_length"
                    || name.starts_with("json")
                    || name.starts_with("array")
                    || name == "cardinality"
                {
                    None
                } else {
                    Some(t::text())
                };
                (Some(ty), n, h)
            }
            // Numbers.
            "abs" | "round" | "ceil" | "ceiling" | "floor" | "trunc" | "truncate" | "sign"
            | "mod" => {
                let ty = match (provider, arg_ty(0)) {
                    (Provider::Postgresql, Some(TypeKind::Int { .. }))
                        if name == "round" || name == "trunc" =>
                    {
                        Some(t::decimal())
                    }
                    (_, ty) => ty,
                };
                (ty, Nulls::Strict, None)
            }
            "sqrt" | "power" | "pow" | "exp" | "ln" | "log" | "log10" | "log2" | "pi"
            | "degrees" | "radians" | "sin" | "cos" | "tan" | "asin" | "acos" | "atan"
            | "atan2" | "cot" | "cbrt" | "julianday" | "date_part" | "ts_rank" | "ts_rank_cd"
            | "similarity" => {
                let ty = if name.starts_with("ts_rank") {
                    t::float(32)
                } else {
                    t::float(64)
                };
                (Some(ty), Nulls::Strict, Some(t::float(64)))
            }
            "random" | "rand" => (
                Some(if provider == Provider::Sqlite {
                    t::int(64)
                } else {
                    t::float(64)
                }),
                Nulls::Never,
                None,
            ),
            // Dates and times.
            "now"
            | "current_timestamp"
            | "transaction_timestamp"
            | "statement_timestamp"
            | "clock_timestamp"
            | "localtimestamp"
            | "sysdate"
            | "utc_timestamp"
            | "current_timestamp_utc" => {
                let ty = match provider {
                    Provider::Postgresql => t::timestamp(name != "localtimestamp"),
                    Provider::Mysql => t::timestamp(false),
                    _ => t::text(),
                };
                (Some(ty), Nulls::Never, None)
            }
            "current_date" | "curdate" | "utc_date" => (
                Some(if provider == Provider::Sqlite {
                    t::text()
                } else {
                    TypeKind::Date
                }),
                Nulls::Never,
                None,
            ),
            "current_time" | "curtime" | "localtime" | "utc_time" => (
                Some(if provider == Provider::Sqlite {
                    t::text()
                } else {
                    TypeKind::Time {
                        tz: provider == Provider::Postgresql && name == "current_time",
                    }
                }),
                Nulls::Never,
                None,
            ),
            "date_trunc" => (arg_ty(1).or(Some(t::timestamp(true))), Nulls::Strict, None),
            "age" | "make_interval" | "justify_days" | "justify_hours" | "justify_interval" => (
                Some(TypeKind::Interval),
                Nulls::Strict,
                Some(t::timestamp(true)),
            ),
            "to_timestamp" | "from_unixtime" => (
                Some(t::timestamp(provider == Provider::Postgresql)),
                Nulls::Strict,
                None,
            ),
            "make_timestamptz" => (Some(t::timestamp(true)), Nulls::Strict, Some(t::int(32))),
            "make_timestamp" => (Some(t::timestamp(false)), Nulls::Strict, Some(t::int(32))),
            "to_date" | "make_date" | "last_day" | "from_days" => {
                (Some(TypeKind::Date), Nulls::Strict, None)
            }
            "date" => (
                Some(if provider == Provider::Sqlite {
                    t::text()
                } else {
                    TypeKind::Date
                }),
                if provider == Provider::Sqlite {
                    Nulls::Always
                } else {
                    Nulls::Strict
                },
                None,
            ),
            "time" | "datetime" => (
                Some(match provider {
                    Provider::Sqlite => t::text(),
                    _ if name == "time" => TypeKind::Time { tz: false },
                    _ => t::timestamp(false),
                }),
                if provider == Provider::Sqlite {
                    Nulls::Always
                } else {
                    Nulls::Strict
                },
                None,
            ),
            "date_add" | "date_sub" | "adddate" | "subdate" | "timestamp" | "convert_tz"
            | "addtime" | "subtime" => {
                (arg_ty(0).or(Some(t::timestamp(false))), Nulls::Strict, None)
            }
            "datediff" | "timestampdiff" | "year" | "month" | "day" | "dayofmonth"
            | "dayofweek" | "dayofyear" | "hour" | "minute" | "second" | "week" | "weekday"
            | "quarter" | "yearweek" | "to_days" | "unixepoch" | "unix_timestamp"
            | "period_diff" => (Some(t::int(64)), Nulls::Strict, None),
            "monthname" | "dayname" => (Some(t::text()), Nulls::Strict, None),
            "timediff" | "sec_to_time" | "maketime" => {
                (Some(TypeKind::Time { tz: false }), Nulls::Strict, None)
            }
            "time_to_sec" => (Some(t::int(64)), Nulls::Strict, None),
            "timestampadd" => (arg_ty(2).or(Some(t::timestamp(false))), Nulls::Strict, None),
            // JSON.
            "to_json" | "row_to_json" | "array_to_json" | "json_strip_nulls" => {
                (Some(t::json(false)), Nulls::Strict, None)
            }
            "to_jsonb"
            | "jsonb_set"
            | "jsonb_insert"
            | "jsonb_strip_nulls"
            | "jsonb_path_query_first" => {
                let n = if name == "jsonb_path_query_first" {
                    Nulls::Always
                } else {
                    Nulls::Strict
                };
                (Some(t::json(true)), n, Some(t::json(true)))
            }
            "json_build_object" | "json_build_array" => (Some(t::json(false)), Nulls::Never, None),
            "jsonb_build_object" | "jsonb_build_array" => (Some(t::json(true)), Nulls::Never, None),
            "json_object" | "json_array" => (
                Some(t::json(provider == Provider::Mysql)),
                Nulls::Never,
                None,
            ),
            "json" => (Some(t::json(false)), Nulls::Strict, Some(t::text())),
            "json_extract_path" | "jsonb_extract_path" => (
                Some(t::json(name.starts_with("jsonb"))),
                Nulls::Always,
                Some(t::text()),
            ),
            "json_extract_path_text"
            | "jsonb_extract_path_text"
            | "jsonb_pretty"
            | "json_typeof"
            | "jsonb_typeof"
            | "json_type"
            | "json_unquote"
            | "json_quote" => {
                let n = if name.contains("extract") || name == "json_type" {
                    Nulls::Always
                } else {
                    Nulls::Strict
                };
                (Some(t::text()), n, Some(t::text()))
            }
            "json_extract" => match provider {
                // MySQL returns JSON; SQLite returns the SQL value of the item, whose type
                // depends on the data: it must be cast.
                Provider::Mysql => (Some(t::json(true)), Nulls::Always, Some(t::text())),
                _ => (None, Nulls::Always, Some(t::text())),
            },
            // MySQL/MariaDB JSON_VALUE gives the item as text (NULL when missing).
            "json_value" => (Some(t::text()), Nulls::Always, Some(t::text())),
            "json_query" | "json_search" => (
                Some(t::json(provider == Provider::Mysql)),
                Nulls::Always,
                Some(t::text()),
            ),
            "json_depth" | "json_storage_size" => (Some(t::int(64)), Nulls::Strict, None),
            "json_pretty" | "json_detailed" | "json_compact" | "json_loose" => {
                (Some(t::text()), Nulls::Strict, None)
            }
            "json_array_append" | "json_array_insert" | "json_merge" => (
                Some(t::json(provider == Provider::Mysql)),
                Nulls::Strict,
                None,
            ),
            "json_keys"
            | "json_set"
            | "json_insert"
            | "json_replace"
            | "json_remove"
            | "json_merge_patch"
            | "json_merge_preserve"
            | "json_patch" => (
                Some(t::json(provider == Provider::Mysql)),
                if name == "json_keys" {
                    Nulls::Always
                } else {
                    Nulls::Strict
                },
                None,
            ),
            "json_valid" | "json_contains" | "json_contains_path" | "jsonb_path_exists"
            | "json_overlaps" => (Some(TypeKind::Bool), Nulls::Strict, None),
            // Arrays.
            "array_append" | "array_prepend" | "array_cat" | "array_remove" | "array_replace" => {
                let ty = typed.iter().find_map(|x| match &x.ty {
                    Some(a @ TypeKind::Array { .. }) => Some(a.clone()),
                    _ => None,
                });
                (ty, Nulls::Strict, None)
            }
            "array_to_string" => (Some(t::text()), Nulls::Strict, None),
            "string_to_array" | "regexp_split_to_array" => (
                Some(TypeKind::Array {
                    element: Box::new(t::text()),
                }),
                Nulls::Strict,
                Some(t::text()),
            ),
            "unnest" => (
                arg_ty(0).map(|a| match a {
                    TypeKind::Array { element } => *element,
                    other => other,
                }),
                Nulls::Never,
                None,
            ),
            // Full text.
            "to_tsvector" => (
                Some(TypeKind::Other {
                    name: "tsvector".into(),
                }),
                Nulls::Strict,
                Some(t::text()),
            ),
            "to_tsquery" | "plainto_tsquery" | "phraseto_tsquery" | "websearch_to_tsquery" => (
                Some(TypeKind::Other {
                    name: "tsquery".into(),
                }),
                Nulls::Strict,
                Some(t::text()),
            ),
            "ts_headline" => (Some(t::text()), Nulls::Strict, Some(t::text())),
            // Identifiers and misc.
            "gen_random_uuid" | "uuid_generate_v4" | "uuidv4" | "uuidv7" => {
                (Some(TypeKind::Uuid), Nulls::Never, None)
            }
            "uuid" => (Some(t::text()), Nulls::Never, None),
            "last_insert_id" | "last_insert_rowid" | "changes" | "row_count" | "found_rows" => {
                (Some(t::int(64)), Nulls::Never, None)
            }
            "typeof" | "pg_typeof" | "version" | "current_user" | "session_user" | "user"
            | "database" | "current_database" | "current_schema" => {
                (Some(t::text()), Nulls::Never, None)
            }
            "values" => (
                arg_ty(0),
                if arg_null(0) {
                    Nulls::Always
                } else {
                    Nulls::Strict
                },
                None,
            ),
            "generate_series" => (first_known.clone(), Nulls::Never, first_known.clone()),
            "nextval" | "currval" | "setval" | "lastval" => {
                (Some(t::int(64)), Nulls::Never, Some(t::text()))
            }
            _ => {
                let call = Expr::Function(f.clone());
                self.error(
                    f.name.span(),
                    format!("flash does not know what `{name}(...)` returns"),
                    format!(
                        "cast the call to its type (`CAST({call} AS text)`{}), or add `-- flash:column <name> <type>` above the query",
                        if provider == Provider::Postgresql { format!(" or `{call}::text`") } else { String::new() }
                    ),
                );
                (None, Nulls::Always, None)
            }
        };

        // Parameters among the arguments.
        for (i, x) in typed.iter().enumerate() {
            if let Some(p) = x.param {
                let mut h = Hint::none();
                h.ty = param_hint.clone().or_else(|| {
                    typed
                        .iter()
                        .enumerate()
                        .find(|(j, y)| *j != i && y.ty.is_some())
                        .and_then(|(_, y)| y.ty.clone())
                });
                if h.ty.is_none() && i == 0 && hint.ty.is_some() {
                    h.ty = hint.ty.clone();
                }
                // COALESCE(@x, col) and friends: the caller may pass NULL.
                h.nullable = nulls == Nulls::AllArgs;
                self.bind(p, &h);
            }
        }

        let mut nullable = match nulls {
            Nulls::Never => false,
            Nulls::Always => true,
            Nulls::Strict => any_null,
            Nulls::AllArgs => typed.iter().all(|x| x.nullable),
        };
        if is_agg && name != "count" && nulls == Nulls::Always {
            // Over no rows SUM/MIN/... give NULL; inside a group (GROUP BY: never empty) or a
            // window (the frame holds the current row) only NULL inputs can make NULL.
            let nonempty = (self.grouped || windowed) && f.filter.is_none();
            nullable = !nonempty || typed.iter().any(|x| x.nullable);
            if name == "array_agg" && nonempty {
                nullable = false;
            }
        }
        if name == "count" && (star || !args.is_empty()) {
            nullable = false;
        }
        Typed {
            ty,
            nullable,
            name,
            source: None,
            param: None,
        }
    }
}

/// `SUM(x)`: PostgreSQL widens integers (`bigint` for int2/int4, `numeric` for int8); MySQL
/// sums exact numbers as DECIMAL; SQLite keeps INTEGER or REAL.
fn sum_type(arg: Option<TypeKind>, provider: Provider) -> Option<TypeKind> {
    let arg = arg?;
    Some(match (provider, &arg) {
        (Provider::Postgresql, TypeKind::Int { bits, .. }) if *bits < 64 => t::int(64),
        (Provider::Postgresql, TypeKind::Int { .. }) => t::decimal(),
        (Provider::Mysql, TypeKind::Int { .. } | TypeKind::Decimal { .. } | TypeKind::Bool) => {
            t::decimal()
        }
        (_, TypeKind::Float { .. }) => t::float(64),
        (Provider::Sqlite, TypeKind::Int { .. } | TypeKind::Bool) => t::int(64),
        (Provider::Sqlite, TypeKind::Decimal { .. }) => t::float(64),
        (_, TypeKind::Decimal { .. }) => t::decimal(),
        (_, TypeKind::Interval) => TypeKind::Interval,
        _ => arg,
    })
}

/// `AVG(x)`: exact numbers give `numeric`/DECIMAL (REAL on SQLite), floats give double.
fn avg_type(arg: Option<TypeKind>, provider: Provider) -> Option<TypeKind> {
    let arg = arg?;
    Some(match (provider, &arg) {
        (Provider::Sqlite, _) => t::float(64),
        (_, TypeKind::Float { .. }) => t::float(64),
        (_, TypeKind::Interval) => TypeKind::Interval,
        _ => t::decimal(),
    })
}
