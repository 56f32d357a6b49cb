-- The audit log and activity reports.

-- name: LogEvent :one
INSERT INTO events (event_uuid, user_id, kind, payload, context, related_ids, checksum, occurred_at, duration_ms)
VALUES (@event_uuid, sqlc.narg(user_id), @kind, @payload, sqlc.narg(context), sqlc.narg(related_ids), @checksum, @occurred_at, sqlc.narg(duration_ms))
RETURNING id, event_uuid, occurred_at;

-- Events of one account, or the anonymous ones when the id is NULL (<=> is NULL-safe).
-- name: ListEventsForUser :many
SELECT id, kind, payload, occurred_at
FROM events
WHERE user_id <=> sqlc.narg(user_id)
ORDER BY occurred_at, id;

-- name: ListRecentEvents :many
SELECT e.id, e.kind, e.occurred_at, e.processed_at, u.username
FROM events e
LEFT JOIN users u ON u.id = e.user_id
WHERE e.occurred_at >= @since
ORDER BY e.occurred_at DESC, e.id DESC
LIMIT @lim;

-- name: EventKindSummary :many
SELECT kind,
       COUNT(*) AS events,
       COUNT(DISTINCT user_id) AS users,
       MIN(occurred_at) AS first_seen,
       MAX(occurred_at) AS last_seen,
       AVG(duration_ms) AS avg_duration_ms
FROM events
GROUP BY kind
HAVING COUNT(*) >= @min_events
ORDER BY events DESC, kind;

-- Fields of the JSON payload and context.
-- flash:column action not null
-- name: EventPayloads :many
SELECT id,
       JSON_UNQUOTE(JSON_EXTRACT(payload, '$.action')) AS action,
       JSON_EXTRACT(payload, '$.meta') AS meta,
       JSON_UNQUOTE(JSON_EXTRACT(payload, '$.meta.source')) AS source,
       JSON_TYPE(JSON_EXTRACT(payload, '$.meta')) AS meta_type,
       JSON_UNQUOTE(JSON_EXTRACT(context, '$.ip')) AS ip,
       related_ids
FROM events
WHERE kind = @kind AND JSON_CONTAINS_PATH(payload, 'one', '$.action')
ORDER BY id;

-- name: ListUnprocessedEvents :many
SELECT id, kind, occurred_at, related_ids, checksum
FROM events
WHERE processed_at IS NULL
ORDER BY occurred_at, id
LIMIT ?;

-- name: MarkEventsProcessed :execrows
UPDATE events SET processed_at = @processed_at
WHERE id IN (sqlc.slice(ids)) AND processed_at IS NULL;

-- name: GetEventByChecksum :one
SELECT id, event_uuid, kind, checksum FROM events WHERE checksum = @checksum;

-- Events that mention an id in their related ids (a JSON array).
-- flash:param related_id bigint unsigned not null
-- name: ListEventsRelatedTo :many
SELECT id, kind, related_ids
FROM events
WHERE JSON_CONTAINS(related_ids, JSON_ARRAY(@related_id))
ORDER BY id;

-- name: PurgeEventsBefore :execresult
DELETE FROM events WHERE occurred_at < @before AND processed_at IS NOT NULL;

-- Everything an account did, newest first: posts, comments and orders in one list
-- (the order's ENUM status unions with text as it is: a CAST would take the connection's collation).
-- name: UserTimeline :many
SELECT 'post' AS kind, p.id, p.title AS summary, p.created_at AS at
FROM posts p WHERE p.author_id = @user_id
UNION ALL
SELECT 'comment', c.id, LEFT(c.body, 40), c.created_at
FROM comments c WHERE c.author_id = @user_id
UNION ALL
SELECT 'order', o.id, o.status, o.placed_at
FROM orders o WHERE o.user_id = @user_id
ORDER BY at DESC, id DESC
LIMIT @lim;

-- Events per day and kind as a JSON object per day.
-- name: DailyEventReport :many
WITH per_kind AS (
    SELECT DATE(occurred_at) AS day, kind, COUNT(*) AS n
    FROM events
    GROUP BY DATE(occurred_at), kind
)
SELECT day, JSON_OBJECTAGG(kind, n) AS kinds, SUM(n) AS total
FROM per_kind
GROUP BY day
ORDER BY day;

-- Logins per account with the gap since the previous login.
-- name: LoginGaps :many
SELECT user_id,
       occurred_at,
       TIMESTAMPDIFF(SECOND, LAG(occurred_at) OVER (PARTITION BY user_id ORDER BY occurred_at), occurred_at) AS gap_seconds,
       COUNT(*) OVER (PARTITION BY user_id) AS logins
FROM events
WHERE kind = 'login' AND user_id IS NOT NULL
ORDER BY user_id, occurred_at;

-- A JSON array of an account's events, newest first, for the activity widget.
-- name: UserEventsJSON :one
SELECT u.id,
       u.username,
       COALESCE((SELECT JSON_ARRAYAGG(JSON_OBJECT('kind', e.kind, 'at', e.occurred_at) ORDER BY e.occurred_at DESC)
                 FROM events e WHERE e.user_id = u.id), JSON_ARRAY()) AS events
FROM users u
WHERE u.id = @user_id;
