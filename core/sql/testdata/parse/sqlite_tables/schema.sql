-- Every column form flash models, SQLite flavour.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name VARCHAR(100),
    anything,
    score REAL DEFAULT 0.0 CHECK (score >= 0),
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    born DATE,
    price DECIMAL(10,2),
    data BLOB,
    meta JSON,
    big UNSIGNED BIG INT,
    full_name TEXT GENERATED ALWAYS AS (name || ' ' || email) VIRTUAL,
    name_len INTEGER AS (length(name)) STORED
);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    title TEXT NOT NULL,
    CONSTRAINT posts_title_len CHECK (length(title) > 0),
    UNIQUE (user_id, title)
);

CREATE TABLE kv (
    k TEXT PRIMARY KEY,
    v ANY
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS "Mixed Case" ([key] integer, `val` text, PRIMARY KEY ([key]));

CREATE INDEX posts_user_idx ON posts (user_id);
CREATE UNIQUE INDEX IF NOT EXISTS users_lower_email ON users (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX ON posts (title DESC);
CREATE VIEW user_posts AS
    SELECT u.id, u.email, count(p.id) AS posts -- trailing comment kept
    FROM users u LEFT JOIN posts p ON p.user_id = u.id
    GROUP BY u.id;
CREATE TABLE conflicts (a TEXT, b INT NOT NULL ON CONFLICT FAIL, UNIQUE (a) ON CONFLICT IGNORE);
