//! One column's values: the form its type asks for (within its bits, precision, length and
//! CHECK rules), the kind of value its name suggests (`semantic.rs`), drawn from the table's
//! seeded RNG so that the same seed gives the same values. Names, places and text come from
//! the `fake` crate.

use super::checks::{Rule, TableRules};
use super::semantic::{semantic, Semantic};
use fake::faker::address::en as addr;
use fake::faker::company::en as company;
use fake::faker::currency::en as currency;
use fake::faker::internet::en as internet;
use fake::faker::job::en as job;
use fake::faker::lorem::en as lorem;
use fake::faker::name::en as name;
use fake::faker::phone_number::en as phone;
use fake::Fake;
use flash_schema::{Cell, Column, Provider, Schema, Table, TypeKind};
use rand::Rng;

/// 2024-01-01T00:00:00Z: seeded times lie before an epoch this far back (minus up to a year
/// chosen by the seed), never relative to the clock, so a run can be repeated.
const EPOCH: i64 = 1_704_067_200;
const DAY: i64 = 86_400;

/// What a row's values share, drawn once per row: its times, so that they keep their order
/// (created ≤ updated ≤ deleted) whatever the order of the columns, and its person, so that
/// a row's name, email and username belong together.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowTimes {
    /// Unix seconds of ranks 0, 1 and 2.
    pub ranks: [i64; 3],
    pub first: &'static str,
    pub last: &'static str,
}

impl RowTimes {
    pub(crate) fn draw<R: Rng + ?Sized>(rng: &mut R, epoch: i64) -> RowTimes {
        let t0 = epoch - rng.random_range(0..3 * 365 * DAY);
        let t1 = t0 + rng.random_range(0..60 * DAY);
        let t2 = t1 + rng.random_range(0..60 * DAY);
        RowTimes {
            ranks: [t0, t1, t2],
            first: name::FirstName().fake_with_rng(rng),
            last: name::LastName().fake_with_rng(rng),
        }
    }
}

/// The epoch of a seed.
pub(crate) fn epoch(seed: u64) -> i64 {
    EPOCH - (seed % 365) as i64 * DAY
}

/// The form of a value.
#[derive(Debug, Clone)]
enum Form {
    Bool {
        text: bool,
    },
    Int {
        min: i64,
        max: i64,
    },
    Float {
        min: f64,
        max: f64,
    },
    /// Fixed point: units of 10^-scale between `min` and `max`.
    Decimal {
        min: i128,
        max: i128,
        scale: u32,
    },
    Text {
        min: usize,
        max: Option<usize>,
        fixed: bool,
    },
    Bytes {
        len: usize,
        fixed: bool,
    },
    Date {
        min: i64,
    },
    Time,
    Timestamp {
        tz: &'static str,
        min: i64,
    },
    Interval,
    Uuid,
    Json,
    OneOf(Vec<Cell>),
    Set(Vec<String>),
    Array(Box<Form>),
    Inet,
    Cidr,
    Mac,
    Xml,
    Point,
}

/// How one column is generated.
#[derive(Debug, Clone)]
pub(crate) struct ColumnGen {
    form: Form,
    sem: Semantic,
    /// Percent of NULLs.
    null_pct: u32,
    /// Text values carry the row's serial so that they stay unique.
    pub unique: bool,
}

/// Why a column cannot be generated.
#[derive(Debug, Clone)]
pub(crate) struct Unsupported(pub String);

fn int_bounds(bits: u8, unsigned: bool) -> (i64, i64) {
    match (bits, unsigned) {
        (8, false) => (i8::MIN as i64, i8::MAX as i64),
        (8, true) => (0, u8::MAX as i64),
        (16, false) => (i16::MIN as i64, i16::MAX as i64),
        (16, true) => (0, u16::MAX as i64),
        (24, false) => (-8_388_608, 8_388_607),
        (24, true) => (0, 16_777_215),
        (32, false) => (i32::MIN as i64, i32::MAX as i64),
        (32, true) => (0, u32::MAX as i64),
        (_, true) => (0, i64::MAX),
        _ => (i64::MIN, i64::MAX),
    }
}

/// The range a semantic suggests for a number.
fn semantic_range(sem: Semantic) -> (f64, f64) {
    match sem {
        Semantic::Money => (1.0, 1000.0),
        Semantic::Salary => (30_000.0, 200_000.0),
        Semantic::Quantity => (1.0, 100.0),
        Semantic::Age => (18.0, 90.0),
        Semantic::Rating => (1.0, 5.0),
        Semantic::Score => (0.0, 100.0),
        Semantic::Year => (1990.0, 2024.0),
        Semantic::Percent => (0.0, 100.0),
        Semantic::Latitude => (-90.0, 90.0),
        Semantic::Longitude => (-180.0, 180.0),
        Semantic::Counter => (0.0, 10_000.0),
        Semantic::Duration => (1.0, 3600.0),
        _ => (1.0, 10_000.0),
    }
}

/// `[lo, hi]` of the numeric range rules on `col`, for integers (strict bounds moved by one
/// unit of `step`).
fn rule_bounds(rules: &TableRules, col: &str, step: f64) -> (Option<f64>, Option<f64>) {
    let mut lo: Option<f64> = None;
    let mut hi: Option<f64> = None;
    for r in rules.on(col) {
        if let Rule::Range {
            min,
            min_strict,
            max,
            max_strict,
            ..
        } = r
        {
            if let Some(m) = min {
                let m = if *min_strict { m + step } else { *m };
                lo = Some(lo.map_or(m, |l: f64| l.max(m)));
            }
            if let Some(m) = max {
                let m = if *max_strict { m - step } else { *m };
                hi = Some(hi.map_or(m, |h: f64| h.min(m)));
            }
        }
    }
    (lo, hi)
}

/// The semantic range within the type's and the checks' bounds: the checks win where the
/// two do not overlap.
fn fit(sem: (f64, f64), ty: (f64, f64), rule: (Option<f64>, Option<f64>)) -> (f64, f64) {
    let lo = rule.0.map_or(ty.0, |r| r.max(ty.0));
    let hi = rule.1.map_or(ty.1, |r| r.min(ty.1));
    let (s_lo, s_hi) = (sem.0.max(lo), sem.1.min(hi));
    if s_lo <= s_hi {
        (s_lo, s_hi)
    } else if rule.0.is_some() || rule.1.is_some() {
        // A check such as `x > 5000` moves the range away from the usual one.
        let lo2 = lo;
        let hi2 = hi.min(lo + (sem.1 - sem.0).max(1.0));
        (lo2, hi2.max(lo2))
    } else {
        (lo, hi)
    }
}

fn one_of_rule(rules: &TableRules, col: &str) -> Option<Vec<String>> {
    rules.on(col).find_map(|r| match r {
        Rule::OneOf { values, .. } => Some(values.clone()),
        _ => None,
    })
}

fn length_rule(rules: &TableRules, col: &str) -> (usize, Option<usize>) {
    let mut min = 0usize;
    let mut max: Option<usize> = None;
    for r in rules.on(col) {
        if let Rule::Length {
            min: lo, max: hi, ..
        } = r
        {
            if let Some(l) = lo {
                min = min.max(*l);
            }
            if let Some(h) = hi {
                max = Some(max.map_or(*h, |m| m.min(*h)));
            }
        }
    }
    (min, max)
}

fn pow10(n: u32) -> i128 {
    10i128.checked_pow(n.min(38)).unwrap_or(i128::MAX)
}

impl ColumnGen {
    /// How `column` of `table` is generated; `unique`: its values must differ (a unique
    /// constraint on it alone).
    pub(crate) fn new(
        table: &Table,
        column: &Column,
        schema: &Schema,
        provider: Provider,
        rules: &TableRules,
        unique: bool,
    ) -> Result<ColumnGen, Unsupported> {
        let sem = semantic(&table.name, &column.name);
        let col = column.name.as_str();
        let form = match one_of_rule(rules, col) {
            Some(values) => Form::OneOf(
                values
                    .into_iter()
                    .map(|v| match &column.ty.kind {
                        TypeKind::Int { .. } => {
                            v.parse::<i64>().map(Cell::Int).unwrap_or(Cell::Text(v))
                        }
                        TypeKind::Bool if provider != Provider::Postgresql => {
                            Cell::Int(i64::from(matches!(v.as_str(), "1" | "true")))
                        }
                        _ => Cell::Text(v),
                    })
                    .collect(),
            ),
            None => form(
                &column.ty.kind,
                &column.ty.raw,
                sem,
                col,
                schema,
                provider,
                rules,
            )
            .ok_or_else(|| {
                Unsupported(format!(
                    "seed cannot make values of type {} (column {})",
                    column.ty.raw, column.name
                ))
            })?,
        };
        let required = !column.nullable || rules.on(col).any(|r| matches!(r, Rule::NotNull { .. }));
        let null_pct = if required {
            0
        } else if matches!(sem, Semantic::Time(2)) {
            // Most rows are not deleted, archived or closed.
            75
        } else {
            10
        };
        Ok(ColumnGen {
            form,
            sem,
            null_pct,
            unique,
        })
    }

    /// Whether the column is a plain integer (keys count up instead of being drawn).
    pub(crate) fn int_range(&self) -> Option<(i64, i64)> {
        match self.form {
            Form::Int { min, max } => Some((min, max)),
            _ => None,
        }
    }

    /// A value for the row with serial number `serial` (unique tags use it).
    pub(crate) fn value<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        times: &RowTimes,
        serial: u64,
    ) -> Cell {
        if self.null_pct > 0 && rng.random_range(0..100) < self.null_pct {
            return Cell::Null;
        }
        value(&self.form, self.sem, rng, times, serial, self.unique)
    }
}

fn form(
    kind: &TypeKind,
    raw: &str,
    sem: Semantic,
    col: &str,
    schema: &Schema,
    provider: Provider,
    rules: &TableRules,
) -> Option<Form> {
    let raw_lower = raw.to_ascii_lowercase();
    Some(match kind {
        TypeKind::Bool => Form::Bool {
            text: provider == Provider::Postgresql,
        },
        // MySQL YEAR reads as a 16-bit integer but holds 1901..2155 only.
        TypeKind::Int { .. } if raw_lower.starts_with("year") => Form::Int {
            min: 1990,
            max: 2024,
        },
        TypeKind::Int { bits, unsigned } => {
            let (lo, hi) = int_bounds(*bits, *unsigned);
            // SQLite stores any integer; a bounded range keeps values readable.
            let (r_lo, r_hi) = fit(
                semantic_range(sem),
                (lo as f64, hi as f64),
                rule_bounds(rules, col, 1.0),
            );
            Form::Int {
                min: r_lo.ceil() as i64,
                max: r_hi.floor() as i64,
            }
        }
        TypeKind::Float { .. } => {
            let (lo, hi) = fit(
                semantic_range(sem),
                (-1e30, 1e30),
                rule_bounds(rules, col, 0.01),
            );
            Form::Float { min: lo, max: hi }
        }
        TypeKind::Decimal { precision, scale } => {
            let scale = scale.unwrap_or(if precision.is_some() { 0 } else { 2 });
            let digits = precision.map(|p| p.saturating_sub(scale)).unwrap_or(12);
            let unit = 1.0 / pow10(scale) as f64;
            let top = pow10(digits) as f64 - unit;
            let (lo, hi) = fit(
                semantic_range(sem),
                (-top, top),
                rule_bounds(rules, col, unit),
            );
            let s = pow10(scale) as f64;
            Form::Decimal {
                min: (lo * s).ceil() as i128,
                max: (hi * s).floor() as i128,
                scale,
            }
        }
        TypeKind::String { len, fixed } => {
            let (min, max) = length_rule(rules, col);
            let max = match (len.map(|l| l as usize), max) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            Form::Text {
                min,
                max,
                fixed: *fixed,
            }
        }
        TypeKind::Bytes { len, fixed } => Form::Bytes {
            len: len.map(|l| l as usize).unwrap_or(32).min(64),
            fixed: *fixed,
        },
        TypeKind::Date => Form::Date { min: 0 },
        TypeKind::Time { .. } => Form::Time,
        TypeKind::Timestamp { tz } => Form::Timestamp {
            tz: if *tz && provider == Provider::Postgresql {
                "+00"
            } else {
                ""
            },
            // MySQL TIMESTAMP starts in 1970.
            min: if provider == Provider::Mysql && raw_lower.starts_with("timestamp") {
                DAY
            } else {
                i64::MIN
            },
        },
        TypeKind::Interval => Form::Interval,
        TypeKind::Uuid => Form::Uuid,
        TypeKind::Json { .. } => Form::Json,
        TypeKind::Enum { name, values } => {
            let values = if values.is_empty() {
                let n = name.as_deref()?;
                let short = n.rsplit('.').next().unwrap_or(n);
                schema
                    .enums
                    .iter()
                    .find(|e| e.name == n || e.name == short)?
                    .values
                    .clone()
            } else {
                values.clone()
            };
            if values.is_empty() {
                return None;
            }
            Form::OneOf(values.into_iter().map(Cell::Text).collect())
        }
        TypeKind::Set { values } => Form::Set(values.clone()),
        TypeKind::Array { element } => {
            let inner = form(
                element,
                "",
                Semantic::Word,
                "",
                schema,
                provider,
                &TableRules::default(),
            )?;
            if matches!(inner, Form::Array(_)) {
                return None;
            }
            Form::Array(Box::new(inner))
        }
        TypeKind::Other { name } => match name.as_str() {
            "inet" => Form::Inet,
            "cidr" => Form::Cidr,
            "macaddr" | "macaddr8" => Form::Mac,
            "bit" | "varbit" | "bit varying" if provider == Provider::Mysql => {
                Form::Int { min: 0, max: 1 }
            }
            "year" => Form::Int {
                min: 1990,
                max: 2024,
            },
            "money" => Form::Decimal {
                min: 100,
                max: 100_000,
                scale: 2,
            },
            "citext" | "name" | "tsvector" => Form::Text {
                min: 0,
                max: None,
                fixed: false,
            },
            "xml" => Form::Xml,
            "point" => Form::Point,
            _ => return None,
        },
    })
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn words<R: Rng + ?Sized>(rng: &mut R, lo: usize, hi: usize) -> String {
    let w: Vec<String> = lorem::Words(lo..hi).fake_with_rng(rng);
    w.join(" ")
}

fn hex_string<R: Rng + ?Sized>(rng: &mut R, bytes: usize) -> String {
    let b: Vec<u8> = (0..bytes).map(|_| rng.random()).collect();
    hex::encode(b)
}

/// A version 4 UUID from the seeded generator.
pub(crate) fn uuid<R: Rng + ?Sized>(rng: &mut R) -> String {
    uuid::Builder::from_random_bytes(rng.random())
        .into_uuid()
        .to_string()
}

/// Sentences with a capital first letter (fake's lorem sentences start in lower case).
fn sentences<R: Rng + ?Sized>(rng: &mut R, lo: usize, hi: usize) -> String {
    let s: Vec<String> = lorem::Sentences(lo..hi).fake_with_rng(rng);
    s.iter()
        .map(|x| capitalize(x))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A text the semantic suggests; `tag` (the row's serial) when it must be unique.
fn text<R: Rng + ?Sized>(
    sem: Semantic,
    rng: &mut R,
    row: &RowTimes,
    tag: Option<u64>,
    short: bool,
) -> String {
    let t = |sep: &str| tag.map(|n| format!("{sep}{n}")).unwrap_or_default();
    let (f, l) = (row.first, row.last);
    match sem {
        Semantic::FirstName => format!("{f}{}", t(" ")),
        Semantic::LastName => format!("{l}{}", t(" ")),
        Semantic::FullName => format!("{f} {l}{}", t(" ")),
        Semantic::Email => {
            let domain = ["example.com", "example.org", "example.net"][rng.random_range(0..3)];
            let local = format!("{f}.{l}").to_lowercase().replace(['\'', ' '], "");
            // A unique email keeps its domain: the tag goes into the local part.
            format!("{local}{}@{domain}", t(""))
        }
        Semantic::Username => {
            let base = format!("{}_{}", f, l)
                .to_lowercase()
                .replace(['\'', ' '], "");
            match tag {
                Some(n) => format!("{base}{n}"),
                None => format!("{base}{}", rng.random_range(1..100)),
            }
        }
        Semantic::Password => {
            const ALPHABET: &[u8] =
                b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            let body: String = (0..53)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect();
            format!("$2b$12${body}")
        }
        Semantic::Url => {
            let w: &str = lorem::Word().fake_with_rng(rng);
            let p: &str = lorem::Word().fake_with_rng(rng);
            format!("https://www.{w}.example.com/{p}{}", t("-"))
        }
        Semantic::ImageUrl => {
            let w: &str = lorem::Word().fake_with_rng(rng);
            let n = tag.unwrap_or_else(|| rng.random_range(1..10_000));
            format!("https://images.example.com/{w}-{n}.jpg")
        }
        Semantic::Phone => phone::PhoneNumber().fake_with_rng::<String, _>(rng) + &t(" x"),
        Semantic::City => addr::CityName().fake_with_rng::<String, _>(rng) + &t(" "),
        Semantic::Country => addr::CountryName().fake_with_rng::<String, _>(rng) + &t(" "),
        Semantic::CountryCode => addr::CountryCode().fake_with_rng::<String, _>(rng) + &t(""),
        Semantic::State => addr::StateName().fake_with_rng::<String, _>(rng) + &t(" "),
        Semantic::Street => {
            let n: String = addr::BuildingNumber().fake_with_rng(rng);
            let s: String = addr::StreetName().fake_with_rng(rng);
            let x: String = addr::StreetSuffix().fake_with_rng(rng);
            format!("{n} {s} {x}{}", t(" #"))
        }
        Semantic::ZipCode => addr::ZipCode().fake_with_rng::<String, _>(rng) + &t("-"),
        Semantic::Company => company::CompanyName().fake_with_rng::<String, _>(rng) + &t(" "),
        Semantic::JobTitle => job::Title().fake_with_rng::<String, _>(rng) + &t(" "),
        Semantic::Title => capitalize(&words(rng, 2, 6)) + &t(" "),
        Semantic::Body if !short => sentences(rng, 1, 4) + &t(" "),
        Semantic::Slug => words(rng, 2, 5).replace(' ', "-") + &t("-"),
        Semantic::Currency => currency::CurrencyCode().fake_with_rng::<String, _>(rng) + &t(""),
        Semantic::Color => format!("#{}", hex_string(rng, 3)) + &t(""),
        Semantic::Ip => internet::IPv4().fake_with_rng::<String, _>(rng) + &t(":"),
        Semantic::Token => hex_string(rng, 16) + &t(""),
        Semantic::Uuid => uuid(rng),
        Semantic::Status => {
            ["active", "pending", "inactive", "archived"][rng.random_range(0..4)].to_string()
                + &t("-")
        }
        _ if short => lorem::Word().fake_with_rng::<&str, _>(rng).to_string() + &t("-"),
        _ => sentences(rng, 1, 2) + &t(" "),
    }
}

/// Cuts `s` to at most `max` characters, keeping its end (the unique tag) when `keep_end`.
fn cut(s: String, max: usize, keep_end: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s;
    }
    if keep_end == 0 || keep_end >= max {
        return s.chars().take(max).collect();
    }
    let head: String = s.chars().take(max - keep_end).collect();
    let tail: String = s.chars().skip(n - keep_end).collect();
    head + &tail
}

/// `YYYY-MM-DD[ HH:MM:SS]` in UTC; written from the parts (a million rows take a strftime
/// pattern apart a million times otherwise).
fn format_time(secs: i64, with_time: bool) -> String {
    use chrono::{Datelike, Timelike};
    let dt = chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default();
    if with_time {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        )
    } else {
        format!("{:04}-{:02}-{:02}", dt.year(), dt.month(), dt.day())
    }
}

/// Unix seconds for a time column.
fn time_of<R: Rng + ?Sized>(sem: Semantic, rng: &mut R, times: &RowTimes, min: i64) -> i64 {
    let t = match sem {
        Semantic::Time(r) => times.ranks[usize::from(r.min(2))],
        // Born between 1950 and 2005.
        Semantic::Birth => rng.random_range(-631_152_000..1_104_537_600),
        // Any other date or time: around the row's first time, either side.
        _ => times.ranks[0] + rng.random_range(-180 * DAY..180 * DAY),
    };
    t.max(min)
}

fn decimal_text(units: i128, scale: u32) -> String {
    if scale == 0 {
        return units.to_string();
    }
    let p = pow10(scale);
    let sign = if units < 0 { "-" } else { "" };
    let a = units.unsigned_abs();
    let p = p as u128;
    format!("{sign}{}.{:0width$}", a / p, a % p, width = scale as usize)
}

fn value<R: Rng + ?Sized>(
    form: &Form,
    sem: Semantic,
    rng: &mut R,
    times: &RowTimes,
    serial: u64,
    unique: bool,
) -> Cell {
    match form {
        Form::Bool { text } => {
            let pct = match sem {
                Semantic::MostlyTrue => 85,
                Semantic::MostlyFalse => 10,
                _ => 50,
            };
            let b = rng.random_range(0..100) < pct;
            if *text {
                Cell::Text(if b { "true" } else { "false" }.into())
            } else {
                Cell::Int(i64::from(b))
            }
        }
        Form::Int { min, max } => Cell::Int(if min >= max {
            *min
        } else {
            rng.random_range(*min..=*max)
        }),
        Form::Float { min, max } => {
            let v = if min >= max {
                *min
            } else {
                rng.random_range(*min..=*max)
            };
            // Two decimals read better and stay within the bounds.
            let r = (v * 100.0).round() / 100.0;
            Cell::Real(if r < *min || r > *max { v } else { r })
        }
        Form::Decimal { min, max, scale } => {
            let units = if min >= max {
                *min
            } else {
                rng.random_range(*min..=*max)
            };
            Cell::Text(decimal_text(units, *scale))
        }
        Form::Text { min, max, fixed } => {
            let tag = unique.then_some(serial);
            let short = max.is_some_and(|m| m <= 24);
            let mut s = text(sem, rng, times, tag, short);
            while s.chars().count() < *min {
                s.push(' ');
                s.push_str(lorem::Word().fake_with_rng::<&str, _>(rng));
            }
            if let Some(m) = max {
                let keep = tag.map(|n| n.to_string().len()).unwrap_or(0);
                s = cut(s, *m, keep);
                if *fixed {
                    // CHAR(n) is read back padded; fill it so the value is what was written.
                    while s.chars().count() < *m {
                        s.push('x');
                    }
                }
            }
            Cell::Text(s)
        }
        Form::Bytes { len, fixed } => {
            let n = if *fixed || *len <= 8 {
                *len
            } else {
                rng.random_range(8..=*len)
            };
            Cell::Bytes((0..n).map(|_| rng.random()).collect())
        }
        Form::Date { min } => Cell::Text(format_time(time_of(sem, rng, times, *min), false)),
        Form::Time => {
            let s = rng.random_range(0..DAY);
            Cell::Text(format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60))
        }
        Form::Timestamp { tz, min } => {
            Cell::Text(format_time(time_of(sem, rng, times, *min), true) + tz)
        }
        Form::Interval => Cell::Text(format!(
            "{} days {:02}:{:02}:00",
            rng.random_range(0..30),
            rng.random_range(0..24),
            rng.random_range(0..60)
        )),
        Form::Uuid => Cell::Text(uuid(rng)),
        Form::Json => {
            let w: Vec<String> = lorem::Words(1..4).fake_with_rng(rng);
            let doc = serde_json::json!({
                "id": rng.random_range(1..10_000),
                "tags": w,
                "active": rng.random_bool(0.5),
            });
            Cell::Text(doc.to_string())
        }
        Form::OneOf(values) => values[rng.random_range(0..values.len())].clone(),
        Form::Set(values) => {
            let picked: Vec<&str> = values
                .iter()
                .filter(|_| rng.random_bool(0.5))
                .map(String::as_str)
                .collect();
            Cell::Text(picked.join(","))
        }
        Form::Array(inner) => {
            let n = rng.random_range(1..4);
            let parts: Vec<String> = (0..n)
                .map(
                    |_| match value(inner, Semantic::Word, rng, times, serial, false) {
                        Cell::Int(i) => i.to_string(),
                        Cell::Real(f) => f.to_string(),
                        Cell::Null => "NULL".into(),
                        Cell::Bytes(b) => format!("\"\\\\x{}\"", hex::encode(b)),
                        Cell::Text(s) => {
                            format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
                        }
                    },
                )
                .collect();
            Cell::Text(format!("{{{}}}", parts.join(",")))
        }
        Form::Inet => Cell::Text(internet::IPv4().fake_with_rng(rng)),
        Form::Cidr => Cell::Text(format!(
            "10.{}.{}.0/24",
            rng.random_range(0..256),
            rng.random_range(0..256)
        )),
        Form::Mac => Cell::Text(internet::MACAddress().fake_with_rng(rng)),
        Form::Xml => Cell::Text(format!(
            "<note>{}</note>",
            lorem::Word().fake_with_rng::<&str, _>(rng)
        )),
        Form::Point => Cell::Text(format!(
            "({},{})",
            rng.random_range(-180..180),
            rng.random_range(-90..90)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flash_schema::ColumnType;
    use rand::SeedableRng;

    fn gen(ty: TypeKind, name: &str, checks: &[&str]) -> ColumnGen {
        let mut t = Table::new("users");
        let mut c = Column::new(name, ColumnType::new("x", ty));
        c.nullable = false;
        t.columns.push(c.clone());
        for (i, e) in checks.iter().enumerate() {
            t.checks.push(flash_schema::Check {
                id: Default::default(),
                name: format!("c{i}"),
                auto_named: false,
                expr: e.to_string(),
                location: None,
            });
        }
        let rules = super::super::checks::table_rules(&t, Provider::Sqlite);
        ColumnGen::new(&t, &c, &Schema::default(), Provider::Sqlite, &rules, false).unwrap()
    }

    #[test]
    fn values_keep_to_type_and_checks() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let times = RowTimes::draw(&mut rng, epoch(7));
        let price = gen(
            TypeKind::Decimal {
                precision: Some(5),
                scale: Some(2),
            },
            "price",
            &["price > 0"],
        );
        let small = gen(
            TypeKind::Int {
                bits: 8,
                unsigned: false,
            },
            "qty",
            &["qty BETWEEN 3 AND 4"],
        );
        let code = gen(
            TypeKind::String {
                len: Some(4),
                fixed: false,
            },
            "code",
            &[],
        );
        for i in 0..500 {
            match price.value(&mut rng, &times, i) {
                Cell::Text(s) => {
                    let v: f64 = s.parse().unwrap();
                    assert!(v > 0.0 && v <= 999.99, "{s}");
                    assert_eq!(s.split('.').nth(1).map(str::len), Some(2), "{s}");
                }
                other => panic!("{other:?}"),
            }
            assert!(matches!(small.value(&mut rng, &times, i), Cell::Int(3 | 4)));
            match code.value(&mut rng, &times, i) {
                Cell::Text(s) => assert!(s.chars().count() <= 4, "{s}"),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn decimals_are_written_exactly() {
        assert_eq!(decimal_text(-5, 2), "-0.05");
        assert_eq!(decimal_text(12345, 2), "123.45");
        assert_eq!(decimal_text(7, 0), "7");
    }
}
