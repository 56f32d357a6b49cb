//! Time, timestamp and interval literals in the form PostgreSQL prints them, so that a default
//! written `'08:00'` or `'30 minutes'` in a schema file equals what the catalog gives back
//! (`'08:00:00'::time without time zone`, `'00:30:00'::interval`).

use flash_schema::TypeKind;

/// True when two canonical default texts (casts already removed) are the same literal of a
/// column of type `kind` written two ways.
pub fn same_literal(kind: &TypeKind, a: &str, b: &str) -> bool {
    let (Some(a), Some(b)) = (string_literal(a), string_literal(b)) else {
        return false;
    };
    let norm = |s: &str| match kind {
        TypeKind::Time { tz: false } => time(s),
        TypeKind::Timestamp { tz: false } => timestamp(s),
        TypeKind::Interval => interval(s),
        _ => None,
    };
    match (norm(a), norm(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// The text of a plain `'...'` literal.
fn string_literal(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.contains('\'')).then_some(inner)
}

/// `H:MM[:SS[.fraction]]` as `HH:MM:SS[.fraction]` (trailing zeros of the fraction dropped).
fn time(s: &str) -> Option<String> {
    let mut parts = s.trim().split(':');
    let h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = parts.next()?.trim().parse().ok()?;
    let sec = parts.next().unwrap_or("0").trim();
    if parts.next().is_some() || h > 24 || m > 59 {
        return None;
    }
    let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
    let whole: u32 = whole.parse().ok()?;
    if whole > 60 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac}")
    };
    Some(format!("{h:02}:{m:02}:{whole:02}{frac}"))
}

/// `YYYY-MM-DD[( |T)time]` as `YYYY-MM-DD HH:MM:SS[.fraction]`.
fn timestamp(s: &str) -> Option<String> {
    let s = s.trim();
    let (date, rest) = match s.find([' ', 'T']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s, "00:00"),
    };
    let mut d = date.split('-');
    let (y, mo, day) = (d.next()?, d.next()?, d.next()?);
    if d.next().is_some()
        || y.len() != 4
        || ![y, mo, day]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (mo, day): (u32, u32) = (mo.parse().ok()?, day.parse().ok()?);
    Some(format!("{y}-{mo:02}-{day:02} {}", time(rest)?))
}

/// An interval in PostgreSQL's default output style: `1 year 2 mons 3 days 04:05:06`.
fn interval(s: &str) -> Option<String> {
    let s = s.trim().trim_start_matches('@').trim();
    let (mut months, mut days, mut micros): (i64, i64, i64) = (0, 0, 0);
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.contains(':') {
            let t = time(w)?;
            let mut p = t.split(':');
            let h: i64 = p.next()?.parse().ok()?;
            let m: i64 = p.next()?.parse().ok()?;
            micros += (h * 3600 + m * 60) * 1_000_000 + seconds_micros(p.next()?)?;
            i += 1;
            continue;
        }
        let n = w;
        let unit = words.get(i + 1)?.to_ascii_lowercase();
        i += 2;
        let unit = unit.trim_end_matches(',');
        match unit {
            "year" | "years" | "y" | "yr" | "yrs" => months += n.parse::<i64>().ok()? * 12,
            "mon" | "mons" | "month" | "months" => months += n.parse::<i64>().ok()?,
            "week" | "weeks" | "w" => days += n.parse::<i64>().ok()? * 7,
            "day" | "days" | "d" => days += n.parse::<i64>().ok()?,
            "hour" | "hours" | "h" | "hr" | "hrs" => {
                micros += n.parse::<i64>().ok()? * 3_600_000_000
            }
            "minute" | "minutes" | "min" | "mins" | "m" => {
                micros += n.parse::<i64>().ok()? * 60_000_000
            }
            "second" | "seconds" | "sec" | "secs" | "s" => micros += seconds_micros(n)?,
            _ => return None,
        }
    }
    if months < 0 || days < 0 || micros < 0 {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if months / 12 > 0 {
        out.push(plural(months / 12, "year", "years"));
    }
    if months % 12 > 0 {
        out.push(plural(months % 12, "mon", "mons"));
    }
    if days > 0 {
        out.push(plural(days, "day", "days"));
    }
    if micros > 0 || out.is_empty() {
        let secs = micros / 1_000_000;
        let frac = micros % 1_000_000;
        let frac = if frac == 0 {
            String::new()
        } else {
            format!(".{:06}", frac).trim_end_matches('0').to_string()
        };
        out.push(format!(
            "{:02}:{:02}:{:02}{frac}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ));
    }
    Some(out.join(" "))
}

/// `SS[.fraction]` in microseconds.
fn seconds_micros(s: &str) -> Option<i64> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let whole: i64 = whole.parse().ok()?;
    if frac.len() > 6 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<6}").parse().ok()?
    };
    Some(whole * 1_000_000 + frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_compare_as_postgresql_prints_them() {
        let t = TypeKind::Time { tz: false };
        assert!(same_literal(&t, "'08:00'", "'08:00:00'"));
        assert!(same_literal(&t, "'8:05:30.500'", "'08:05:30.5'"));
        assert!(!same_literal(&t, "'08:00'", "'08:01:00'"));
        let i = TypeKind::Interval;
        assert!(same_literal(&i, "'30 minutes'", "'00:30:00'"));
        assert!(same_literal(&i, "'1 day'", "'1 day'"));
        assert!(same_literal(&i, "'2 weeks 3 hours'", "'14 days 03:00:00'"));
        assert!(same_literal(&i, "'1 year 14 months'", "'2 years 2 mons'"));
        assert!(same_literal(&i, "'90 seconds'", "'00:01:30'"));
        assert!(!same_literal(&i, "'1 day'", "'24:00:00'"));
        let ts = TypeKind::Timestamp { tz: false };
        assert!(same_literal(&ts, "'2024-01-01'", "'2024-01-01 00:00:00'"));
        assert!(!same_literal(&TypeKind::Date, "'2024-1-1'", "'2024-01-01'"));
        assert!(!same_literal(&t, "now()", "'08:00:00'"));
    }
}
