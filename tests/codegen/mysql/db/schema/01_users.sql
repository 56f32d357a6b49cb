-- People: accounts, their profiles and who follows whom.

CREATE TABLE users (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    public_id       CHAR(36) NOT NULL,
    email           VARCHAR(255) NOT NULL,
    username        VARCHAR(40) NOT NULL,
    name            VARCHAR(100) NOT NULL,
    role            ENUM('admin', 'editor', 'member', 'guest') NOT NULL DEFAULT 'member',
    requested_role  ENUM('admin', 'editor', 'member', 'guest') NULL,
    status          ENUM('active', 'suspended', 'deleted') NOT NULL DEFAULT 'active',
    bio             TEXT NULL,
    avatar_url      VARCHAR(500) NULL,
    country_code    CHAR(2) NULL,
    is_verified     BOOLEAN NOT NULL DEFAULT FALSE,
    karma           INT NOT NULL DEFAULT 0,
    login_count     SMALLINT UNSIGNED NOT NULL DEFAULT 0,
    last_login_at   TIMESTAMP NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      DATETIME NULL,
    PRIMARY KEY (id),
    UNIQUE KEY users_email_key (email),
    UNIQUE KEY users_username_key (username),
    UNIQUE KEY users_public_id_key (public_id),
    KEY users_role_status_idx (role, status),
    CONSTRAINT users_karma_check CHECK (karma >= -1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE profiles (
    user_id                  BIGINT UNSIGNED NOT NULL,
    birth_date               DATE NULL,
    website                  VARCHAR(200) NULL,
    location                 VARCHAR(100) NULL,
    timezone                 VARCHAR(64) NOT NULL DEFAULT 'UTC',
    height_cm                FLOAT NULL,
    rating                   DOUBLE NULL,
    avatar_thumb             VARBINARY(64) NULL,
    preferences              JSON NOT NULL,
    external_ref             CHAR(36) NULL,
    digest_time              TIME NOT NULL DEFAULT '08:00:00',
    session_timeout_minutes  SMALLINT UNSIGNED NOT NULL DEFAULT 30,
    PRIMARY KEY (user_id),
    CONSTRAINT profiles_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE follows (
    follower_id  BIGINT UNSIGNED NOT NULL,
    followee_id  BIGINT UNSIGNED NOT NULL,
    notify       BOOLEAN NULL,
    created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (follower_id, followee_id),
    KEY follows_followee_idx (followee_id),
    CONSTRAINT follows_follower_fk FOREIGN KEY (follower_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT follows_followee_fk FOREIGN KEY (followee_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT follows_not_self CHECK (follower_id <> followee_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
