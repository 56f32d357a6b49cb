-- The audit log and the reporting views.

CREATE TABLE events (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    event_uuid    CHAR(36) NOT NULL,
    user_id       BIGINT UNSIGNED NULL,
    kind          VARCHAR(50) NOT NULL,
    payload       JSON NOT NULL,
    context       JSON NULL,
    related_ids   JSON NULL,
    checksum      BINARY(32) NOT NULL,
    occurred_at   TIMESTAMP NOT NULL,
    processed_at  TIMESTAMP NULL,
    duration_ms   MEDIUMINT UNSIGNED NULL,
    PRIMARY KEY (id),
    UNIQUE KEY events_uuid_key (event_uuid),
    KEY events_user_idx (user_id, occurred_at),
    KEY events_kind_idx (kind),
    CONSTRAINT events_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per post: comments, likes, the latest comment.
CREATE VIEW post_stats AS
SELECT p.id AS post_id,
       p.author_id,
       (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id) AS comment_count,
       (SELECT COUNT(*) FROM post_likes l WHERE l.post_id = p.id) AS like_count,
       (SELECT MAX(c.created_at) FROM comments c WHERE c.post_id = p.id) AS last_comment_at
FROM posts p;

-- Per customer: orders that were not cancelled and what they spent.
CREATE VIEW customer_totals AS
SELECT u.id AS user_id,
       u.username,
       COUNT(o.id) AS order_count,
       COALESCE(SUM(o.total), 0) AS lifetime_value,
       MAX(o.placed_at) AS last_order_at
FROM users u
LEFT JOIN orders o ON o.user_id = u.id AND o.status <> 'cancelled'
GROUP BY u.id, u.username;
