-- The audit log and activity reports.

-- name: LogEvent :one
INSERT INTO events (event_uuid, user_id, kind, payload, context, related_ids, checksum, occurred_at, duration)
VALUES (@event_uuid, sqlc.narg(user_id), @kind, @payload, sqlc.narg(context), sqlc.narg(related_ids), @checksum, @occurred_at, sqlc.narg(duration)::interval)
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
WHERE e.occurred_at >= @since
ORDER BY e.occurred_at DESC, e.id DESC
LIMIT @lim;

-- name: EventKindSummary :many
SELECT kind,
       count(*) AS events,
       count(DISTINCT user_id) AS users,
       min(occurred_at) AS first_seen,
       max(occurred_at) AS last_seen,
       avg(duration) AS avg_duration
FROM events
GROUP BY kind
HAVING count(*) >= @min_events
ORDER BY events DESC, kind;

-- Fields of the JSON payload and context.
-- flash:column action not null
-- name: EventPayloads :many
SELECT id,
       payload->>'action' AS action,
       payload->'meta' AS meta,
       payload#>>'{meta,source}' AS source,
       jsonb_typeof(payload->'meta') AS meta_type,
       context->>'ip' AS ip,
       related_ids
FROM events
WHERE kind = @kind AND payload ? 'action'
ORDER BY id;

-- name: ListUnprocessedEvents :many
SELECT id, kind, occurred_at, related_ids, checksum
FROM events
WHERE processed_at IS NULL
ORDER BY occurred_at, id
LIMIT $1;

-- name: MarkEventsProcessed :execrows
UPDATE events SET processed_at = @processed_at
WHERE id = ANY(@ids::bigint[]) AND processed_at IS NULL;

-- name: GetEventByChecksum :one
SELECT id, event_uuid, kind, checksum FROM events WHERE checksum = @checksum;

-- Events that mention an id in their related ids.
-- name: ListEventsRelatedTo :many
SELECT id, kind, related_ids
FROM events
WHERE @related_id::bigint = ANY(related_ids)
ORDER BY id;

-- name: PurgeEventsBefore :execresult
DELETE FROM events WHERE occurred_at < @before AND processed_at IS NOT NULL;

-- Everything an account did, newest first: posts, comments and orders in one list.
-- name: UserTimeline :many
SELECT 'post' AS kind, p.id, p.title AS summary, p.created_at AS at
FROM posts p WHERE p.author_id = @user_id
UNION ALL
SELECT 'comment', c.id, left(c.body, 40), c.created_at
FROM comments c WHERE c.author_id = @user_id
UNION ALL
SELECT 'order', o.id, o.status::text, o.placed_at
FROM orders o WHERE o.user_id = @user_id
ORDER BY at DESC, id DESC
LIMIT @lim;

-- Events per day and kind as a JSON object per day.
-- name: DailyEventReport :many
WITH per_kind AS (
    SELECT date_trunc('day', occurred_at) AS day, kind, count(*) AS n
    FROM events
    GROUP BY 1, 2
)
SELECT day, jsonb_object_agg(kind, n ORDER BY kind) AS kinds, sum(n) AS total
FROM per_kind
GROUP BY day
ORDER BY day;

-- Logins per account with the gap since the previous login.
-- name: LoginGaps :many
SELECT user_id,
       occurred_at,
       occurred_at - lag(occurred_at) OVER (PARTITION BY user_id ORDER BY occurred_at) AS gap,
       count(*) OVER (PARTITION BY user_id) AS logins
FROM events
WHERE kind = 'login' AND user_id IS NOT NULL
ORDER BY user_id, occurred_at;

-- A JSON array of an account's events, newest first, for the activity widget.
-- name: UserEventsJSON :one
SELECT u.id,
       u.username,
       coalesce((SELECT jsonb_agg(jsonb_build_object('kind', e.kind, 'at', e.occurred_at) ORDER BY e.occurred_at DESC)
                 FROM events e WHERE e.user_id = u.id), '[]'::jsonb) AS events
FROM users u
WHERE u.id = @user_id;
