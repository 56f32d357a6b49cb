-- The audit log and the reporting views.

CREATE TABLE events (
    id            bigserial PRIMARY KEY,
    event_uuid    uuid NOT NULL UNIQUE,
    user_id       bigint REFERENCES users (id) ON DELETE SET NULL,
    kind          varchar(50) NOT NULL,
    payload       jsonb NOT NULL,
    context       json,
    related_ids   bigint[],
    checksum      bytea NOT NULL,
    occurred_at   timestamptz NOT NULL,
    processed_at  timestamptz,
    duration      interval
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
