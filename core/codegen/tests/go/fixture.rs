//! Hand-built requests: a users/posts/comments schema with an enum, nullable and non-null
//! columns of every type the provider has, and queries of every command.

use flash_codegen::ir::InsertTarget;
use flash_codegen::{
    Catalog, Field, GenRequest, IrParam, IrQuery, ModelEnum, ModelTable, QueryFile,
};
use flash_schema::{Provider, TypeKind};
use flash_sql::{ParamStyle, Query, QueryCommand, QueryParam};

pub fn field(name: &str, ty: TypeKind, nullable: bool) -> Field {
    Field {
        name: name.into(),
        ty,
        nullable,
    }
}

pub fn int(bits: u8) -> TypeKind {
    TypeKind::Int {
        bits,
        unsigned: false,
    }
}

pub fn uint(bits: u8) -> TypeKind {
    TypeKind::Int {
        bits,
        unsigned: true,
    }
}

pub fn text() -> TypeKind {
    TypeKind::String {
        len: None,
        fixed: false,
    }
}

pub fn bytes() -> TypeKind {
    TypeKind::Bytes {
        len: None,
        fixed: false,
    }
}

pub fn decimal() -> TypeKind {
    TypeKind::Decimal {
        precision: Some(10),
        scale: Some(2),
    }
}

pub fn enum_(name: &str, values: &[&str]) -> TypeKind {
    TypeKind::Enum {
        name: Some(name.into()),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

pub fn array(el: TypeKind) -> TypeKind {
    TypeKind::Array {
        element: Box::new(el),
    }
}

pub fn other(name: &str) -> TypeKind {
    TypeKind::Other { name: name.into() }
}

/// A parameter of a test query.
pub struct P {
    pub name: &'static str,
    pub ty: TypeKind,
    pub nullable: bool,
    pub slice: bool,
}

pub fn p(name: &'static str, ty: TypeKind) -> P {
    P {
        name,
        ty,
        nullable: false,
        slice: false,
    }
}

pub fn p_null(name: &'static str, ty: TypeKind) -> P {
    P {
        nullable: true,
        ..p(name, ty)
    }
}

pub fn p_slice(name: &'static str, ty: TypeKind) -> P {
    P {
        slice: true,
        ..p(name, ty)
    }
}

/// A query whose SQL writes parameters as `@name` or `sqlc.slice(name)`; `params` are the
/// analysed parameters in order of first use.
pub struct Q {
    pub name: &'static str,
    pub cmd: QueryCommand,
    pub doc: &'static [&'static str],
    pub sql: String,
    pub params: Vec<P>,
    pub columns: Vec<Field>,
    pub model: Option<&'static str>,
    pub insert: Option<InsertTarget>,
}

pub fn q(name: &'static str, cmd: QueryCommand, sql: &str) -> Q {
    Q {
        name,
        cmd,
        doc: &[],
        sql: sql.into(),
        params: Vec::new(),
        columns: Vec::new(),
        model: None,
        insert: None,
    }
}

impl Q {
    pub fn doc(mut self, doc: &'static [&'static str]) -> Q {
        self.doc = doc;
        self
    }
    pub fn params(mut self, params: Vec<P>) -> Q {
        self.params = params;
        self
    }
    pub fn columns(mut self, columns: Vec<Field>) -> Q {
        self.columns = columns;
        self
    }
    pub fn model(mut self, table: &'static str, columns: &[Field]) -> Q {
        self.model = Some(table);
        self.columns = columns.to_vec();
        self
    }
    pub fn insert(mut self, table: &str, columns: &[&str]) -> Q {
        self.insert = Some(InsertTarget {
            schema: None,
            table: table.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
        });
        self
    }

    /// The IR query: each `@name` / `sqlc.slice(name)` use located in the SQL.
    pub fn build(self, file: &str, line: u32) -> IrQuery {
        let mut uses: Vec<(String, std::ops::Range<usize>, bool)> = Vec::new();
        let bytes = self.sql.as_bytes();
        let ident_end = |from: usize| {
            let mut e = from;
            while e < bytes.len() && (bytes[e].is_ascii_alphanumeric() || bytes[e] == b'_') {
                e += 1;
            }
            e
        };
        let mut i = 0;
        while i < bytes.len() {
            if self.sql[i..].starts_with("sqlc.slice(") {
                let start = i + "sqlc.slice(".len();
                let end = ident_end(start);
                uses.push((self.sql[start..end].to_string(), i..end + 1, true));
                i = end + 1;
            } else if bytes[i] == b'@' {
                let end = ident_end(i + 1);
                uses.push((self.sql[i + 1..end].to_string(), i..end, false));
                i = end;
            } else {
                i += 1;
            }
        }
        let mut params: Vec<QueryParam> = Vec::new();
        for (name, range, slice) in uses {
            if let Some(qp) = params
                .iter_mut()
                .find(|qp| qp.name.as_deref() == Some(&name))
            {
                qp.uses.push(range);
                continue;
            }
            params.push(QueryParam {
                number: params.len() + 1,
                name: Some(name),
                style: if slice {
                    ParamStyle::Slice
                } else {
                    ParamStyle::Named
                },
                line: line + 1,
                column: 1,
                uses: vec![range],
            });
        }
        assert_eq!(params.len(), self.params.len(), "params of {}", self.name);
        let ir_params = self
            .params
            .into_iter()
            .zip(&params)
            .map(|(p, qp)| {
                assert_eq!(
                    qp.name.as_deref(),
                    Some(p.name),
                    "param order of {}",
                    self.name
                );
                IrParam {
                    name: p.name.into(),
                    ty: p.ty,
                    nullable: p.nullable,
                    slice: p.slice,
                }
            })
            .collect();
        IrQuery {
            query: Query {
                name: self.name.into(),
                command: self.cmd,
                doc: self.doc.iter().map(|d| format!(" {d}")).collect(),
                sql: self.sql,
                file: file.into(),
                line,
                sql_line: line + 1,
                sql_column: 1,
                params,
            },
            params: ir_params,
            columns: self.columns,
            model: self.model.map(String::from),
            insert: self.insert,
        }
    }
}

pub fn file(path: &str, queries: Vec<Q>) -> QueryFile {
    QueryFile {
        path: path.into(),
        queries: queries
            .into_iter()
            .enumerate()
            .map(|(i, q)| q.build(&format!("db/queries/{path}"), 3 * i as u32 + 1))
            .collect(),
    }
}

pub fn table(name: &str, columns: Vec<Field>) -> ModelTable {
    ModelTable {
        schema: None,
        name: name.into(),
        columns,
        view: false,
    }
}

/// The types a provider has, each as a (column name, type) pair.
fn all_types(provider: Provider) -> Vec<(&'static str, TypeKind)> {
    let mood = enum_("mood", &["happy", "sad", "in-between"]);
    let mut t = vec![
        ("flag", TypeKind::Bool),
        ("small", int(16)),
        ("medium", int(32)),
        ("big", int(64)),
        ("ratio", TypeKind::Float { bits: 32 }),
        ("score", TypeKind::Float { bits: 64 }),
        ("price", decimal()),
        ("label", text()),
        (
            "code",
            TypeKind::String {
                len: Some(2),
                fixed: true,
            },
        ),
        ("bin", bytes()),
        ("day", TypeKind::Date),
        ("clock", TypeKind::Time { tz: false }),
        ("stamp", TypeKind::Timestamp { tz: false }),
        ("instant", TypeKind::Timestamp { tz: true }),
        ("doc", TypeKind::Json { binary: false }),
        ("mood", mood),
    ];
    match provider {
        Provider::Postgresql => t.extend([
            ("clock_tz", TypeKind::Time { tz: true }),
            ("span", TypeKind::Interval),
            ("uid", TypeKind::Uuid),
            ("docb", TypeKind::Json { binary: true }),
            ("tags", array(text())),
            ("scores", array(int(32))),
            (
                "moods",
                array(enum_("mood", &["happy", "sad", "in-between"])),
            ),
            ("addr", other("inet")),
            ("mac", other("macaddr")),
            ("spot", other("point")),
            ("page", other("xml")),
        ]),
        Provider::Mysql => t.extend([
            ("tiny", int(8)),
            ("utiny", uint(8)),
            ("usmall", uint(16)),
            ("umedium", uint(24)),
            ("uint", uint(32)),
            ("ubig", uint(64)),
            ("flags", text()),
            ("geo", other("geometry")),
        ]),
        _ => t.extend([("uid", TypeKind::Uuid)]),
    }
    t
}

/// users, posts, comments and a view; enums `mood` and `user_role`.
pub fn request(provider: Provider) -> GenRequest {
    let role = enum_("user_role", &["admin", "member", "guest"]);
    let users = vec![
        field("id", int(64), false),
        field("email", text(), false),
        field("name", text(), true),
        field("role", role.clone(), false),
        field("requested_role", role.clone(), true),
        field("avatar_url", text(), true),
        field("created_at", TypeKind::Timestamp { tz: true }, false),
    ];
    let posts = vec![
        field("id", int(64), false),
        field("author_id", int(64), false),
        field("title", text(), false),
        field("body", text(), true),
        field("published_at", TypeKind::Timestamp { tz: true }, true),
    ];
    let comments = vec![
        field("id", int(64), false),
        field("post_id", int(64), false),
        field("user_id", int(64), true),
        field("body", text(), false),
    ];
    let mut everything = vec![field("id", int(64), false)];
    for (name, ty) in all_types(provider) {
        everything.push(field(name, ty.clone(), false));
        everything.push(field(&format!("{name}_null"), ty, true));
    }
    let mut active = users[..2].to_vec();
    active.push(field("post_count", int(64), false));
    let view = ModelTable {
        view: true,
        ..table("active_users", active)
    };
    let catalog = Catalog {
        tables: vec![
            table("users", users.clone()),
            table("posts", posts.clone()),
            table("comments", comments),
            table("everything", everything.clone()),
            view,
        ],
        enums: vec![
            ModelEnum {
                name: "mood".into(),
                values: vec!["happy".into(), "sad".into(), "in-between".into()],
            },
            ModelEnum {
                name: "user_role".into(),
                values: vec!["admin".into(), "member".into(), "guest".into()],
            },
        ],
    };

    let pg = provider == Provider::Postgresql;
    let returning = if provider == Provider::Mysql {
        ""
    } else {
        " RETURNING id"
    };
    let mut user_queries = vec![
        q("GetUserByEmail", QueryCommand::One, "SELECT id, email, name, role, requested_role, avatar_url, created_at FROM users WHERE email = @email")
            .doc(&["Finds an account by its login e-mail.", "", "Returns sql.ErrNoRows when there is none."])
            .params(vec![p("email", text())])
            .model("users", &users),
        q("ListUsers", QueryCommand::Many, "SELECT id, email FROM users ORDER BY id LIMIT @limit OFFSET @offset")
            .params(vec![p("limit", int(64)), p("offset", int(64))])
            .columns(vec![field("id", int(64), false), field("email", text(), false)]),
        q("ListEmails", QueryCommand::Many, "SELECT email FROM users WHERE role = @role")
            .params(vec![p("role", role.clone())])
            .columns(vec![field("email", text(), false)]),
        q("CountUsers", QueryCommand::One, "SELECT count(*) FROM users")
            .columns(vec![field("count", int(64), false)]),
        q("SetUserName", QueryCommand::Exec, "UPDATE users SET name = @name WHERE id = @id")
            .params(vec![p_null("name", text()), p("id", int(64))]),
        q("DeleteUser", QueryCommand::ExecRows, "DELETE FROM users WHERE id = @id")
            .params(vec![p("id", int(64))]),
        q("TouchUsers", QueryCommand::ExecResult, "UPDATE users SET name = name"),
        q("CreateUser", QueryCommand::ExecLastId, &format!("INSERT INTO users (email, role) VALUES (@email, @role){returning}"))
            .params(vec![p("email", text()), p("role", role.clone())])
            .columns(if provider == Provider::Mysql { vec![] } else { vec![field("id", int(64), false)] }),
        q("UsersByType", QueryCommand::Many, "SELECT id FROM users WHERE role = @type")
            .doc(&["A parameter named after a Go keyword."])
            .params(vec![p("type", role.clone())])
            .columns(vec![field("id", int(64), false)]),
        q("FindActive", QueryCommand::Many, "SELECT id, email, post_count FROM active_users WHERE email = @email OR @email = ''")
            .params(vec![p("email", text())])
            .model("active_users", &[field("id", int(64), false), field("email", text(), false), field("post_count", int(64), false)]),
    ];
    if provider == Provider::Mysql {
        user_queries.push(
            q(
                "Select",
                QueryCommand::One,
                "SELECT `id`, `email` FROM `users` WHERE `email` = @email",
            )
            .doc(&["Backticks in the SQL, and a query named like a Go keyword."])
            .params(vec![p("email", text())])
            .columns(vec![
                field("id", int(64), false),
                field("email", text(), false),
            ]),
        );
    }
    if !pg {
        user_queries.push(
            q("ListUsersByIDs", QueryCommand::Many, "SELECT id, email FROM users WHERE id IN (sqlc.slice(ids)) AND email <> @email OR id IN (sqlc.slice(ids))")
                .doc(&["A list parameter used twice, around a plain one."])
                .params(vec![p_slice("ids", int(64)), p("email", text())])
                .columns(vec![field("id", int(64), false), field("email", text(), false)]),
        );
        user_queries.push(
            q(
                "GetEmailsByIDs",
                QueryCommand::Many,
                "SELECT email FROM users WHERE id IN (sqlc.slice(ids))",
            )
            .params(vec![p_slice("ids", int(64))])
            .columns(vec![field("email", text(), false)]),
        );
    } else {
        user_queries.push(
            q(
                "ListUsersByIDs",
                QueryCommand::Many,
                "SELECT id, email FROM users WHERE id = ANY(@ids::bigint[])",
            )
            .params(vec![p("ids", array(int(64)))])
            .columns(vec![
                field("id", int(64), false),
                field("email", text(), false),
            ]),
        );
    }

    let post_queries = vec![
        q("ListPostsWithAuthors", QueryCommand::Many, "SELECT p.id, p.title, p.body, u.id, u.email, u.avatar_url FROM posts p JOIN users u ON u.id = p.author_id WHERE p.published_at > @since")
            .doc(&["Posts with their authors: the second `id` is `id_2`."])
            .params(vec![p("since", TypeKind::Timestamp { tz: true })])
            .columns(vec![
                field("id", int(64), false),
                field("title", text(), false),
                field("body", text(), true),
                field("id_2", int(64), false),
                field("email", text(), false),
                field("avatar_url", text(), true),
            ]),
        q("CopyPosts", QueryCommand::CopyFrom, "INSERT INTO posts (author_id, title, body) VALUES (@author_id, @title, @body)")
            .params(vec![p("author_id", int(64)), p("title", text()), p_null("body", text())])
            .insert("posts", &["author_id", "title", "body"]),
        q("PublishPosts", QueryCommand::BatchExec, "UPDATE posts SET published_at = @published_at WHERE id = @id")
            .params(vec![p_null("published_at", TypeKind::Timestamp { tz: true }), p("id", int(64))]),
        q("GetPostTitles", QueryCommand::BatchOne, "SELECT id, title FROM posts WHERE id = @id")
            .params(vec![p("id", int(64))])
            .columns(vec![field("id", int(64), false), field("title", text(), false)]),
        q("PostsOfAuthors", QueryCommand::BatchMany, "SELECT * FROM posts WHERE author_id = @author_id")
            .params(vec![p("author_id", int(64))])
            .model("posts", &posts),
    ];

    // Every type as a parameter and as a result, nullable and not.
    let all = all_types(provider);
    let mut insert_params: Vec<P> = Vec::new();
    let mut cols = Vec::new();
    let mut values = Vec::new();
    for (name, ty) in &all {
        let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
        let null: &'static str = Box::leak(format!("{name}_null").into_boxed_str());
        insert_params.push(p(leaked, ty.clone()));
        insert_params.push(p_null(null, ty.clone()));
        cols.push(leaked.to_string());
        cols.push(null.to_string());
        values.push(format!("@{name}"));
        values.push(format!("@{null}"));
    }
    let everything_queries = vec![
        q(
            "GetEverything",
            QueryCommand::One,
            "SELECT * FROM everything WHERE id = @id",
        )
        .params(vec![p("id", int(64))])
        .model("everything", &everything),
        q(
            "InsertEverything",
            QueryCommand::Exec,
            &format!(
                "INSERT INTO everything ({}) VALUES ({})",
                cols.join(", "),
                values.join(", ")
            ),
        )
        .params(insert_params),
        q(
            "EverythingDocs",
            QueryCommand::Many,
            "SELECT doc, doc_null FROM everything",
        )
        .columns(vec![
            field("doc", TypeKind::Json { binary: false }, false),
            field("doc_null", TypeKind::Json { binary: false }, true),
        ]),
    ];

    GenRequest {
        provider,
        catalog,
        files: vec![
            file("admin/everything.sql", everything_queries),
            file("posts.sql", post_queries),
            file("users.sql", user_queries),
        ],
    }
}
