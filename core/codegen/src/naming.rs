//! Names in each language's conventions, from SQL's snake_case (or anything else).
//!
//! Every backend starts from [`words`], so `user_id`, `userId`, `UserID` and `user-id` give the
//! same identifiers everywhere. Reserved words are each backend's business.

/// Splits a name into lower-case words at `_`, `-`, spaces, dots, case changes (`userId`,
/// `HTTPServer` -> `http`, `server`) and letter/digit boundaries after a letter run
/// (`sha256sum` stays one word; `utf8` stays one word).
pub fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            // `userId` -> user|Id; `HTTPServer` -> HTTP|Server (split before the last capital
            // of a run when a lower-case letter follows).
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `user_id` -> `UserId`.
pub fn pascal(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
}

/// `user_id` -> `userId`.
pub fn camel(name: &str) -> String {
    let ws = words(name);
    let mut out = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            out.push_str(&capitalize(w));
        }
    }
    out
}

/// `UserID` -> `user_id`.
pub fn snake(name: &str) -> String {
    words(name).join("_")
}

/// `user_id` -> `USER_ID`.
pub fn screaming_snake(name: &str) -> String {
    snake(name).to_uppercase()
}

/// Go's initialisms (the list `golint` used), written all upper case in identifiers.
const GO_INITIALISMS: &[&str] = &[
    "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip",
    "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl",
    "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss",
];

/// `user_id` -> `UserID`, `avatar_url` -> `AvatarURL`, `ids` -> `IDs`: Go's exported style.
pub fn go_pascal(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            if GO_INITIALISMS.contains(&w.as_str()) {
                w.to_uppercase()
            } else if let Some(stem) = w.strip_suffix('s').filter(|s| GO_INITIALISMS.contains(s)) {
                format!("{}s", stem.to_uppercase())
            } else {
                capitalize(w)
            }
        })
        .collect()
}

/// `user_id` -> `userID`: Go's unexported style (first word lower case, the rest as
/// [`go_pascal`]).
pub fn go_camel(name: &str) -> String {
    let ws = words(name);
    let Some((first, rest)) = ws.split_first() else {
        return String::new();
    };
    let mut out = first.clone();
    out.push_str(&go_pascal(&rest.join("_")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_convention_alike() {
        for n in [
            "user_id", "userId", "UserId", "user-id", "USER_ID", "user id",
        ] {
            assert_eq!(words(n), ["user", "id"], "{n}");
        }
        assert_eq!(words("HTTPServer"), ["http", "server"]);
        assert_eq!(words("sha256sum"), ["sha256sum"]);
        assert_eq!(words("utf8_name"), ["utf8", "name"]);
        assert_eq!(words("__x__"), ["x"]);
    }

    #[test]
    fn go_names_use_initialisms() {
        assert_eq!(go_pascal("get_user_by_email"), "GetUserByEmail");
        assert_eq!(go_pascal("user_id"), "UserID");
        assert_eq!(go_pascal("avatar_url"), "AvatarURL");
        assert_eq!(go_pascal("ids"), "IDs");
        assert_eq!(go_pascal("identity"), "Identity");
        assert_eq!(go_camel("user_id"), "userID");
        assert_eq!(go_camel("id"), "id");
    }

    #[test]
    fn other_cases() {
        assert_eq!(pascal("list_posts"), "ListPosts");
        assert_eq!(camel("ListPosts"), "listPosts");
        assert_eq!(snake("GetUserByEmail"), "get_user_by_email");
        assert_eq!(screaming_snake("in_progress"), "IN_PROGRESS");
    }
}

/// Plurals the suffix rules of [`singular`] get wrong, and words that are their own singular.
const IRREGULAR: &[(&str, &str)] = &[
    ("aliases", "alias"),
    ("analyses", "analysis"),
    ("atlas", "atlas"),
    ("buses", "bus"),
    ("canvas", "canvas"),
    ("caches", "cache"),
    ("children", "child"),
    ("cookies", "cookie"),
    ("criteria", "criterion"),
    ("data", "data"),
    ("feet", "foot"),
    ("gas", "gas"),
    ("gases", "gas"),
    ("geese", "goose"),
    ("indices", "index"),
    ("matrices", "matrix"),
    ("media", "media"),
    ("men", "man"),
    ("metadata", "metadata"),
    ("mice", "mouse"),
    ("movies", "movie"),
    ("news", "news"),
    ("people", "person"),
    ("pies", "pie"),
    ("quizzes", "quiz"),
    ("series", "series"),
    ("species", "species"),
    ("statuses", "status"),
    ("teeth", "tooth"),
    ("ties", "tie"),
    ("vertices", "vertex"),
    ("women", "woman"),
];

/// The singular of one lower-case English word (`users` -> `user`, `categories` ->
/// `category`, `boxes` -> `box`), conservatively: a word the rules do not recognise as a
/// plural stays as it is (`status`, `analysis`, `data`). Every backend names a table's model
/// with it, so `users` is `User` in Go, TypeScript and Python alike.
pub fn singular(word: &str) -> String {
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == word) {
        return (*s).to_string();
    }
    let strip = |n: usize| word[..word.len() - n].to_string();
    if word.len() > 3 && word.ends_with("ies") {
        return format!("{}y", strip(3));
    }
    for suffix in ["sses", "xes", "ches", "shes", "zzes"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            return strip(2);
        }
    }
    if word.len() > 1
        && word.ends_with('s')
        && !["ss", "us", "is"].iter().any(|s| word.ends_with(s))
    {
        return strip(1);
    }
    word.to_string()
}

#[cfg(test)]
mod singular_tests {
    use super::singular;

    #[test]
    fn singulars() {
        for (p, s) in [
            ("users", "user"),
            ("posts", "post"),
            ("categories", "category"),
            ("boxes", "box"),
            ("matches", "match"),
            ("addresses", "address"),
            ("people", "person"),
            ("status", "status"),
            ("statuses", "status"),
            ("analysis", "analysis"),
            ("data", "data"),
            ("news", "news"),
            ("ties", "tie"),
            ("bus", "bus"),
            ("gas", "gas"),
            ("areas", "area"),
        ] {
            assert_eq!(singular(p), s, "{p}");
        }
    }
}
