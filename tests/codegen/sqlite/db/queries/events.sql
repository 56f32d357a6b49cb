-- The audit log and activity reports.

-- name: LogEvent :one
INSERT INTO events (event_uuid, user_id, kind, payload, context, related_ids, checksum, occurred_at, duration_ms)
VALUES (@event_uuid, sqlc.narg(user_id), @kind, @payload, sqlc.narg(context), sqlc.narg(related_ids), @checksum, @occurred_at, sqlc.narg(duration_ms))
RETURNING id, event_uuid, occurred_at;

-- Events of one account, or the anonymous ones when the id is NULL.
-- name: ListEventsForUser :many
SELECT id, kind, payload, occurred_at
FROM events
WHERE user_id IS NOT DISTINCT FROM sqlc.narg(user_id)
ORDER BY occurred_at, id;

-- name: ListRecentEvents :many
SELECT e.id, e.kind, e.occurred_at, e.processed_at, u.username
FROM events e
LEFT JOIN users u ON u.id = e.user_id
WHERE e.occurred_at >= datetime(@since)
ORDER BY e.occurred_at DESC, e.id DESC
LIMIT @lim;

-- name: EventKindSummary :many
SELECT kind,
       count(*) AS events,
       count(DISTINCT user_id) AS users,
       min(occurred_at) AS first_seen,
       max(occurred_at) AS last_seen,
       avg(duration_ms) AS avg_duration_ms
FROM events
GROUP BY kind
HAVING count(*) >= @min_events
ORDER BY events DESC, kind;

-- Fields of the JSON payload and context.
-- flash:column action text not null
-- name: EventPayloads :many
SELECT id,
       payload ->> '$.action' AS action,
       payload -> '$.meta' AS meta,
       CAST(json_extract(payload, '$.meta.source') AS TEXT) AS source,
       json_type(payload, '$.meta') AS meta_type,
       CAST(context ->> '$.ip' AS TEXT) AS ip,
       related_ids
FROM events
WHERE kind = @kind AND json_type(payload, '$.action') IS NOT NULL
ORDER BY id;

-- name: ListUnprocessedEvents :many
SELECT id, kind, occurred_at, related_ids, checksum
FROM events
WHERE processed_at IS NULL
ORDER BY occurred_at, id
LIMIT ?1;

-- name: MarkEventsProcessed :execrows
UPDATE events SET processed_at = @processed_at
WHERE id IN (sqlc.slice(ids)) AND processed_at IS NULL;

-- name: GetEventByChecksum :one
SELECT id, event_uuid, kind, checksum FROM events WHERE checksum = @checksum;

-- Events that mention an id in their related ids (a JSON array).
-- flash:param related_id integer not null
-- name: ListEventsRelatedTo :many
SELECT id, kind, related_ids
FROM events e
WHERE EXISTS (SELECT 1 FROM json_each(e.related_ids) j WHERE j.value = @related_id)
ORDER BY id;

-- name: PurgeEventsBefore :execresult
DELETE FROM events WHERE occurred_at < datetime(@before) AND processed_at IS NOT NULL;

-- Everything an account did, newest first: posts, comments and orders in one list.
-- name: UserTimeline :many
SELECT 'post' AS kind, p.id, p.title AS summary, p.created_at AS at
FROM posts p WHERE p.author_id = @user_id
UNION ALL
SELECT 'comment', c.id, substr(c.body, 1, 40), c.created_at
FROM comments c WHERE c.author_id = @user_id
UNION ALL
SELECT 'order', o.id, o.status, o.placed_at
FROM orders o WHERE o.user_id = @user_id
ORDER BY at DESC, id DESC
LIMIT @lim;

-- Events per day and kind as a JSON object per day.
-- name: DailyEventReport :many
WITH per_kind AS (
    SELECT date(occurred_at) AS day, kind, count(*) AS n
    FROM events
    GROUP BY date(occurred_at), kind
)
SELECT day, json_group_object(kind, n) AS kinds, sum(n) AS total
FROM per_kind
GROUP BY day
ORDER BY day;

-- Logins per account with the gap since the previous login, in seconds.
-- name: LoginGaps :many
SELECT user_id,
       occurred_at,
       CAST(round((julianday(occurred_at) - julianday(lag(occurred_at) OVER (PARTITION BY user_id ORDER BY occurred_at))) * 86400) AS INTEGER) AS gap_seconds,
       count(*) OVER (PARTITION BY user_id) AS logins
FROM events
WHERE kind = 'login' AND user_id IS NOT NULL
ORDER BY user_id, occurred_at;

-- A JSON array of an account's events, newest first, for the activity widget.
-- name: UserEventsJSON :one
SELECT u.id,
       u.username,
       coalesce((SELECT json_group_array(json_object('kind', x.kind, 'at', x.occurred_at))
                 FROM (SELECT e.kind, e.occurred_at FROM events e WHERE e.user_id = u.id ORDER BY e.occurred_at DESC) x),
                json_array()) AS events
FROM users u
WHERE u.id = @user_id;
