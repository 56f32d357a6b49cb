//! What a column holds, guessed from its name (and its table's name): what makes seeded rows
//! look real. The type still decides the form; this only picks the kind of value.

/// The kind of value a column's name suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Semantic {
    FirstName,
    LastName,
    FullName,
    Email,
    Username,
    Password,
    Url,
    ImageUrl,
    Phone,
    City,
    Country,
    CountryCode,
    State,
    Street,
    ZipCode,
    Company,
    JobTitle,
    Title,
    Body,
    Slug,
    Currency,
    Color,
    Ip,
    Token,
    Uuid,
    Status,
    Word,
    // Numbers.
    Money,
    Salary,
    Quantity,
    Age,
    Rating,
    Score,
    Year,
    Percent,
    Latitude,
    Longitude,
    Counter,
    Duration,
    // Booleans.
    MostlyTrue,
    MostlyFalse,
    // Times: the rank orders them within a row (created ≤ updated ≤ deleted).
    Time(u8),
    Birth,
    None,
}

/// The tables whose `name` is a person's name.
fn person_table(table: &str) -> bool {
    [
        "user", "person", "people", "customer", "employee", "author", "member", "contact", "staff",
        "student", "teacher", "patient", "client", "account", "profile", "owner", "manager",
        "admin", "player", "driver",
    ]
    .iter()
    .any(|w| table.contains(w))
}

/// The lower-case words of a name: `createdAt` and `created_at` both give `created at`.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if ch == '_' || ch == '-' || ch == ' ' || ch == '.' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        cur.extend(ch.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The semantic of column `column` of table `table`.
pub(crate) fn semantic(table: &str, column: &str) -> Semantic {
    use Semantic as S;
    let w = words(column);
    let table = table.to_lowercase();
    let joined = w.join("_");
    let has = |x: &str| w.iter().any(|v| v == x);
    let last = w.last().map(String::as_str).unwrap_or("");
    let first = w.first().map(String::as_str).unwrap_or("");

    // Times first: `email_verified_at` is a time, not an email.
    if matches!(last, "at" | "on" | "date" | "time" | "timestamp" | "ts") || has("date") {
        if has("birth") || has("dob") || has("birthday") || joined == "born_on" {
            return S::Birth;
        }
        let rank = if [
            "deleted",
            "archived",
            "closed",
            "ended",
            "completed",
            "expires",
            "expired",
            "expiry",
            "cancelled",
            "canceled",
            "finished",
            "resolved",
            "end",
            "due",
            "shipped",
            "delivered",
            "paid",
            "until",
        ]
        .iter()
        .any(|x| has(x))
        {
            2
        } else if [
            "updated",
            "modified",
            "edited",
            "published",
            "posted",
            "last",
            "confirmed",
            "verified",
            "approved",
            "seen",
            "login",
            "accessed",
            "changed",
            "sent",
            "read",
        ]
        .iter()
        .any(|x| has(x))
        {
            1
        } else {
            0
        };
        return S::Time(rank);
    }
    if matches!(joined.as_str(), "dob" | "birthday" | "birthdate") {
        return S::Birth;
    }
    match joined.as_str() {
        "first_name" | "firstname" | "given_name" | "fname" | "forename" => return S::FirstName,
        "last_name" | "lastname" | "surname" | "family_name" | "lname" => return S::LastName,
        "full_name" | "fullname" | "display_name" | "author_name" | "contact_name"
        | "customer_name" | "user_name_full" => return S::FullName,
        "username" | "user_name" | "login" | "handle" | "nickname" | "screen_name" => {
            return S::Username
        }
        "uuid" | "guid" => return S::Uuid,
        "country_code" | "country_iso" | "iso_country" => return S::CountryCode,
        "currency" | "currency_code" => return S::Currency,
        "job_title" | "occupation" | "profession" | "role_title" => return S::JobTitle,
        "zip" | "zipcode" | "zip_code" | "postal_code" | "postcode" | "post_code" => {
            return S::ZipCode
        }
        "lat" | "latitude" => return S::Latitude,
        "lng" | "lon" | "long" | "longitude" => return S::Longitude,
        "year" | "model_year" | "release_year" => return S::Year,
        "age" => return S::Age,
        _ => {}
    }
    if has("email") || has("mail") {
        return S::Email;
    }
    if has("password") || has("passwd") || joined.contains("pass_hash") {
        return S::Password;
    }
    if has("avatar") || has("image") || has("photo") || has("picture") || has("thumbnail") {
        return S::ImageUrl;
    }
    if has("url") || has("website") || has("homepage") || has("link") || has("uri") {
        return S::Url;
    }
    if has("phone") || has("mobile") || has("telephone") || has("tel") || has("fax") {
        return S::Phone;
    }
    if has("city") || has("town") {
        return S::City;
    }
    if has("country") {
        return S::Country;
    }
    if has("state") || has("province") || has("region") {
        return S::State;
    }
    if has("address") || has("street") || joined == "line1" || joined == "address_line" {
        return S::Street;
    }
    if has("company") || has("organization") || has("organisation") || has("employer") {
        return S::Company;
    }
    if has("slug") {
        return S::Slug;
    }
    if has("color") || has("colour") {
        return S::Color;
    }
    if has("ip") {
        return S::Ip;
    }
    if has("token") || has("secret") || has("hash") || has("key") || has("digest") || has("sha") {
        return S::Token;
    }
    if has("status") || has("state") {
        return S::Status;
    }
    if has("title") || has("subject") || has("headline") || has("heading") || has("caption") {
        return S::Title;
    }
    if [
        "description",
        "body",
        "content",
        "bio",
        "about",
        "summary",
        "text",
        "message",
        "comment",
        "notes",
        "note",
        "details",
        "excerpt",
        "review",
        "reason",
        "remarks",
    ]
    .iter()
    .any(|x| has(x))
    {
        return S::Body;
    }
    if joined == "name" || last == "name" {
        if person_table(&table) || first == "author" || first == "owner" {
            return S::FullName;
        }
        if table.contains("compan") || table.contains("org") || table.contains("vendor") {
            return S::Company;
        }
        return S::Title;
    }
    // Numbers.
    if has("salary") || has("wage") || has("income") {
        return S::Salary;
    }
    if [
        "price", "amount", "cost", "total", "balance", "fee", "subtotal", "tax", "discount",
        "revenue", "budget", "paid", "charge",
    ]
    .iter()
    .any(|x| has(x))
    {
        return S::Money;
    }
    if ["quantity", "qty", "stock", "inventory", "units"]
        .iter()
        .any(|x| has(x))
    {
        return S::Quantity;
    }
    if has("rating") || has("stars") {
        return S::Rating;
    }
    if has("score") || has("points") {
        return S::Score;
    }
    if has("percent") || has("percentage") || has("pct") || has("rate") {
        return S::Percent;
    }
    if [
        "count",
        "views",
        "likes",
        "followers",
        "visits",
        "clicks",
        "downloads",
    ]
    .iter()
    .any(|x| has(x))
    {
        return S::Counter;
    }
    if [
        "duration", "minutes", "seconds", "hours", "days", "length", "size",
    ]
    .iter()
    .any(|x| has(x))
    {
        return S::Duration;
    }
    // Booleans.
    if [
        "active",
        "enabled",
        "verified",
        "visible",
        "published",
        "available",
        "confirmed",
        "approved",
    ]
    .iter()
    .any(|x| has(x))
    {
        return S::MostlyTrue;
    }
    if [
        "deleted", "archived", "banned", "blocked", "disabled", "hidden", "admin", "locked", "spam",
    ]
    .iter()
    .any(|x| has(x))
    {
        return S::MostlyFalse;
    }
    if has("code") || has("sku") || has("reference") || has("ref") {
        return S::Token;
    }
    if has("tag") || has("label") || has("category") || has("type") || has("kind") {
        return S::Word;
    }
    S::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_what_a_column_holds() {
        assert_eq!(semantic("users", "email"), Semantic::Email);
        assert_eq!(semantic("users", "emailVerifiedAt"), Semantic::Time(1));
        assert_eq!(semantic("users", "name"), Semantic::FullName);
        assert_eq!(semantic("products", "name"), Semantic::Title);
        assert_eq!(semantic("posts", "created_at"), Semantic::Time(0));
        assert_eq!(semantic("posts", "updated_at"), Semantic::Time(1));
        assert_eq!(semantic("posts", "deleted_at"), Semantic::Time(2));
        assert_eq!(semantic("users", "date_of_birth"), Semantic::Birth);
        assert_eq!(semantic("orders", "total_price"), Semantic::Money);
        assert_eq!(semantic("users", "is_active"), Semantic::MostlyTrue);
        assert_eq!(semantic("t", "avatar_url"), Semantic::ImageUrl);
        assert_eq!(semantic("t", "zip_code"), Semantic::ZipCode);
    }
}
