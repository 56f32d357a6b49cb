//! The private functions a query module defines when its conversions call them.

/// Every helper, in the order a module defines them.
pub(crate) const NAMES: [&str; 8] = [
    "_cursor",
    "_rows_affected",
    "_bool",
    "_json",
    "_aware",
    "_utc_text",
    "_utc_naive",
    "_pg_array",
];

/// What a helper's own code needs imported.
pub(crate) fn needs(name: &str) -> &'static [&'static str] {
    match name {
        "_cursor" => &["sqlite3"],
        "_aware" | "_utc_text" | "_utc_naive" => &["datetime"],
        "_pg_array" => &["Any"],
        "_json" => &["json", "Any"],
        _ => &[],
    }
}

/// The Python source of a helper.
pub(crate) fn source(name: &str) -> &'static str {
    match name {
        "_cursor" => CURSOR,
        "_rows_affected" => ROWS_AFFECTED,
        "_bool" => BOOL,
        "_json" => JSON,
        "_aware" => AWARE,
        "_utc_text" => UTC_TEXT,
        "_utc_naive" => UTC_NAIVE,
        "_pg_array" => PG_ARRAY,
        _ => "",
    }
}

const CURSOR: &str = r#"def _cursor(conn: sqlite3.Connection) -> sqlite3.Cursor:
    # Rows are read by position, whatever row_factory the connection has.
    cur = conn.cursor()
    cur.row_factory = None
    return cur"#;

const ROWS_AFFECTED: &str = r#"def _rows_affected(status: str) -> int:
    # asyncpg returns the command tag: "UPDATE 3", "INSERT 0 1", "COPY 5".
    count = status.rpartition(" ")[2]
    return int(count) if count.isdigit() else 0"#;

const BOOL: &str = r#"def _bool(v: int | bytes) -> bool:
    # TINYINT(1) arrives as 0 or 1, BIT(1) as one byte.
    return any(v) if isinstance(v, bytes) else bool(v)"#;

const JSON: &str = r#"def _json(v: Any) -> Any:
    # JSON columns have NUMERIC affinity: a JSON number is stored (and read) as a number.
    return json.loads(v) if isinstance(v, (str, bytes)) else v"#;

const AWARE: &str = r#"def _aware(v: datetime.datetime) -> datetime.datetime:
    # Timestamps without an offset are UTC (SQLite's CURRENT_TIMESTAMP, MySQL in UTC).
    return v if v.tzinfo is not None else v.replace(tzinfo=datetime.timezone.utc)"#;

const UTC_TEXT: &str = r#"def _utc_text(v: datetime.datetime) -> str:
    # UTC without an offset, as CURRENT_TIMESTAMP writes, so that text comparisons agree.
    return v.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat(" ")"#;

const UTC_NAIVE: &str = r#"def _utc_naive(v: datetime.datetime) -> datetime.datetime:
    # The driver would drop the offset: send the UTC wall-clock time.
    return v.astimezone(datetime.timezone.utc).replace(tzinfo=None)"#;

const PG_ARRAY: &str = r#"def _pg_array(v: Any) -> list[Any]:
    # psycopg gives the array of a type it does not know (an enum) as its text: {a,"b c"}.
    if not isinstance(v, str):
        return list(v)
    if v == "{}":
        return []
    items: list[Any] = []
    text = ""
    quoted = escaped = was_quoted = False
    for c in v[1:-1] + ",":
        if escaped:
            text += c
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == '"':
            quoted = not quoted
            was_quoted = True
        elif c == "," and not quoted:
            items.append(None if text == "NULL" and not was_quoted else text)
            text = ""
            was_quoted = False
        else:
            text += c
    return items"#;
