-- People: accounts, their profiles and who follows whom.

CREATE TYPE user_role AS ENUM ('admin', 'editor', 'member', 'guest');
CREATE TYPE user_status AS ENUM ('active', 'suspended', 'deleted');

CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    public_id       uuid NOT NULL DEFAULT gen_random_uuid(),
    email           text NOT NULL,
    username        varchar(40) NOT NULL,
    name            varchar(100) NOT NULL,
    role            user_role NOT NULL DEFAULT 'member',
    requested_role  user_role,
    status          user_status NOT NULL DEFAULT 'active',
    bio             text,
    avatar_url      text,
    country_code    char(2),
    is_verified     boolean NOT NULL DEFAULT false,
    karma           integer NOT NULL DEFAULT 0,
    login_count     smallint NOT NULL DEFAULT 0,
    last_login_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamp,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_public_id_key UNIQUE (public_id),
    CONSTRAINT users_karma_check CHECK (karma >= -1000)
);

CREATE INDEX users_role_status_idx ON users (role, status);
CREATE INDEX users_last_login_idx ON users (last_login_at DESC NULLS LAST);

CREATE TABLE profiles (
    user_id          bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    birth_date       date,
    website          varchar(200),
    location         text,
    timezone         text NOT NULL DEFAULT 'UTC',
    height_cm        real,
    rating           double precision,
    avatar_thumb     bytea,
    preferences      jsonb NOT NULL DEFAULT '{}',
    external_ref     uuid,
    digest_time      time NOT NULL DEFAULT '08:00',
    session_timeout  interval NOT NULL DEFAULT '30 minutes'
);

CREATE TABLE follows (
    follower_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notify       boolean,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);

CREATE INDEX follows_followee_idx ON follows (followee_id);
