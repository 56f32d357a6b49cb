-- People: accounts, their profiles and who follows whom.
-- SQLite has no enum type: the allowed values are CHECK constraints on TEXT columns.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    public_id       CHAR(36) NOT NULL UNIQUE,
    email           TEXT NOT NULL UNIQUE,
    username        VARCHAR(40) NOT NULL UNIQUE,
    name            VARCHAR(100) NOT NULL,
    role            TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'editor', 'member', 'guest')),
    requested_role  TEXT CHECK (requested_role IN ('admin', 'editor', 'member', 'guest')),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
    bio             TEXT,
    avatar_url      TEXT,
    country_code    CHAR(2),
    is_verified     BOOLEAN NOT NULL DEFAULT FALSE,
    karma           INTEGER NOT NULL DEFAULT 0 CHECK (karma >= -1000),
    login_count     SMALLINT NOT NULL DEFAULT 0,
    last_login_at   TIMESTAMP,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      DATETIME
);

CREATE INDEX users_role_status_idx ON users (role, status);

CREATE TABLE profiles (
    user_id                  INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    birth_date               DATE,
    website                  VARCHAR(200),
    location                 TEXT,
    timezone                 TEXT NOT NULL DEFAULT 'UTC',
    height_cm                REAL,
    rating                   DOUBLE PRECISION,
    avatar_thumb             BLOB,
    preferences              JSON NOT NULL DEFAULT '{}',
    external_ref             CHAR(36),
    digest_time              TIME NOT NULL DEFAULT '08:00:00',
    session_timeout_minutes  SMALLINT NOT NULL DEFAULT 30
);

CREATE TABLE follows (
    follower_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notify       BOOLEAN,
    created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
) WITHOUT ROWID;

CREATE INDEX follows_followee_idx ON follows (followee_id);
