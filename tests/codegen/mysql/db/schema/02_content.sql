-- Content: a category tree, posts with tags, comments and likes.

CREATE TABLE categories (
    id           INT UNSIGNED NOT NULL AUTO_INCREMENT,
    parent_id    INT UNSIGNED NULL,
    name         VARCHAR(80) NOT NULL,
    slug         VARCHAR(80) NOT NULL,
    position     TINYINT UNSIGNED NULL,
    description  TEXT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY categories_slug_key (slug),
    CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE posts (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    author_id        BIGINT UNSIGNED NOT NULL,
    category_id      INT UNSIGNED NULL,
    title            VARCHAR(200) NOT NULL,
    slug             VARCHAR(255) NOT NULL,
    body             MEDIUMTEXT NOT NULL,
    excerpt          VARCHAR(500) NULL,
    status           ENUM('draft', 'published', 'archived') NOT NULL DEFAULT 'draft',
    published_at     DATETIME NULL,
    metadata         JSON NULL,
    tags             JSON NOT NULL,
    view_count       INT UNSIGNED NOT NULL DEFAULT 0,
    reading_minutes  SMALLINT NULL,
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NULL,
    PRIMARY KEY (id),
    UNIQUE KEY posts_slug_key (slug),
    KEY posts_author_idx (author_id, published_at),
    FULLTEXT KEY posts_search_idx (title, body),
    CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id),
    CONSTRAINT posts_category_fk FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tags (
    id     INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name   VARCHAR(50) NOT NULL,
    color  CHAR(7) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY tags_name_key (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE post_tags (
    post_id  BIGINT UNSIGNED NOT NULL,
    tag_id   INT UNSIGNED NOT NULL,
    PRIMARY KEY (post_id, tag_id),
    CONSTRAINT post_tags_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT post_tags_tag_fk FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE comments (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    post_id     BIGINT UNSIGNED NOT NULL,
    author_id   BIGINT UNSIGNED NULL,
    parent_id   BIGINT UNSIGNED NULL,
    body        TEXT NOT NULL,
    is_edited   TINYINT(1) NOT NULL DEFAULT 0,
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (id),
    KEY comments_post_idx (post_id, created_at),
    CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE,
    CONSTRAINT comments_author_fk FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT comments_parent_fk FOREIGN KEY (parent_id) REFERENCES comments (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE post_likes (
    user_id     BIGINT UNSIGNED NOT NULL,
    post_id     BIGINT UNSIGNED NOT NULL,
    created_at  DATETIME NOT NULL,
    PRIMARY KEY (user_id, post_id),
    CONSTRAINT post_likes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT post_likes_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
