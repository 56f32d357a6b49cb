-- The audit log and the reporting views.

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    event_uuid    CHAR(36) NOT NULL UNIQUE,
    user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    kind          VARCHAR(50) NOT NULL,
    payload       JSON NOT NULL,
    context       JSON,
    related_ids   JSON,
    checksum      BLOB NOT NULL,
    occurred_at   TIMESTAMP NOT NULL,
    processed_at  TIMESTAMP,
    duration_ms   INTEGER
);

CREATE INDEX events_user_idx ON events (user_id, occurred_at);
CREATE INDEX events_kind_idx ON events (kind);

-- Per post: comments, likes, the latest comment.
CREATE VIEW post_stats AS
SELECT p.id AS post_id,
       p.author_id,
       (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS comment_count,
       (SELECT count(*) FROM post_likes l WHERE l.post_id = p.id) AS like_count,
       (SELECT max(c.created_at) FROM comments c WHERE c.post_id = p.id) AS last_comment_at
FROM posts p;

-- Per customer: orders that were not cancelled and what they spent.
CREATE VIEW customer_totals AS
SELECT u.id AS user_id,
       u.username,
       count(o.id) AS order_count,
       coalesce(sum(o.total), 0) AS lifetime_value,
       max(o.placed_at) AS last_order_at
FROM users u
LEFT JOIN orders o ON o.user_id = u.id AND o.status <> 'cancelled'
GROUP BY u.id, u.username;
