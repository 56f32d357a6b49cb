-- Accounts, profiles and the social graph.

-- Finds an account by its login e-mail.
-- name: GetUserByEmail :one
SELECT * FROM users WHERE email = @email;

-- name: GetUserByID :one
SELECT * FROM users WHERE id = ?1;

-- The public id is what the API exposes instead of the serial id.
-- name: GetUserByPublicID :one
SELECT id, public_id, username, name, role, status
FROM users
WHERE public_id = @public_id;

-- Newest accounts first, one page at a time.
-- name: ListUsers :many
SELECT id, username, name, role, status, created_at
FROM users
ORDER BY created_at DESC, id DESC
LIMIT @page_size OFFSET @page_offset;

-- name: ListUsersByRole :many
SELECT id, username, role, requested_role, last_login_at
FROM users
WHERE role = @role AND status <> 'deleted'
ORDER BY username;

-- name: ListUsersByIDs :many
SELECT id, username, email, avatar_url
FROM users
WHERE id IN (sqlc.slice(ids))
ORDER BY id;

-- An account with its profile; accounts without a profile still come back.
-- name: GetUserWithProfile :one
SELECT u.id, u.username, u.name, u.bio, u.country_code,
       p.birth_date, p.website, p.location, p.timezone, p.height_cm, p.rating,
       p.avatar_thumb, p.preferences, p.external_ref, p.digest_time, p.session_timeout_minutes
FROM users u
LEFT JOIN profiles p ON p.user_id = u.id
WHERE u.id = @user_id;

-- Every account with its profile, for the admin export.
-- name: ListUsersWithProfiles :many
SELECT u.*, p.*
FROM users u
LEFT JOIN profiles p ON p.user_id = u.id
ORDER BY u.id;

-- Accounts that never wrote a post.
-- name: ListUsersWithoutPosts :many
SELECT u.id, u.username, u.created_at
FROM users u
WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.author_id = u.id)
ORDER BY u.id;

-- name: CountUsersByStatus :many
SELECT status,
       count(*) AS users,
       count(bio) AS with_bio,
       count(last_login_at) AS ever_logged_in,
       sum(karma) AS total_karma,
       avg(login_count) AS avg_logins
FROM users
GROUP BY status
ORDER BY status;

-- The member directory: labels computed in SQL.
-- name: UserDirectory :many
SELECT u.id,
       u.username,
       coalesce(u.bio, '') AS bio,
       nullif(u.avatar_url, '') AS avatar_url,
       CASE u.role WHEN 'admin' THEN 'Administrator' WHEN 'editor' THEN 'Editor' END AS role_label,
       CASE WHEN u.last_login_at IS NULL THEN 'never' ELSE 'seen' END AS activity,
       upper(u.country_code) AS country,
       length(u.name) AS name_length,
       CAST(u.karma AS REAL) / max(u.login_count, 1) AS karma_per_login,
       iif(u.is_verified, 'yes', 'no') AS verified
FROM users u
WHERE u.status = 'active'
ORDER BY lower(u.username);

-- Case-insensitive search (LIKE ignores ASCII case in SQLite).
-- name: SearchUsers :many
SELECT id, username, name, bio
FROM users
WHERE username LIKE '%' || @query || '%'
   OR name LIKE '%' || @query || '%'
   OR instr(bio, @query) > 0
ORDER BY username
LIMIT @max_results;

-- name: CreateUser :one
INSERT INTO users (public_id, email, username, name, role, bio, country_code, created_at)
VALUES (@public_id, @email, @username, @name, @role, sqlc.narg(bio), sqlc.narg(country_code), @created_at)
RETURNING *;

-- name: UpdateUserBio :exec
UPDATE users
SET bio = sqlc.narg(bio), avatar_url = sqlc.narg(avatar_url), updated_at = sqlc.arg(updated_at)
WHERE id = sqlc.arg(id);

-- name: TouchLastLogin :execrows
UPDATE users
SET last_login_at = @logged_in_at, login_count = login_count + 1
WHERE id = @id AND status = 'active';

-- name: SetUserStatus :one
UPDATE users
SET status = @status, updated_at = @updated_at
WHERE id = @id
RETURNING id, username, status, role, updated_at;

-- Accepts every pending role request of a kind.
-- name: GrantRequestedRoles :many
UPDATE users
SET role = requested_role, requested_role = NULL
WHERE requested_role = @requested_role
RETURNING id, username, role;

-- name: DeleteDeletedUsers :execresult
DELETE FROM users
WHERE status = 'deleted'
  AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.author_id = users.id)
  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = users.id);

-- Creates or replaces a profile.
-- name: UpsertProfile :one
INSERT INTO profiles (user_id, website, location, timezone, preferences, digest_time)
VALUES (@user_id, sqlc.narg(website), sqlc.narg(location), @timezone, @preferences, @digest_time)
ON CONFLICT (user_id) DO UPDATE
SET website = excluded.website,
    location = coalesce(excluded.location, profiles.location),
    timezone = excluded.timezone,
    preferences = json_patch(profiles.preferences, excluded.preferences),
    digest_time = excluded.digest_time
RETURNING *;

-- name: FollowUser :execrows
INSERT OR IGNORE INTO follows (follower_id, followee_id, notify, created_at)
VALUES (?, ?, ?, ?);

-- name: UnfollowUser :execrows
DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2;

-- Followers of an account, with their profile location if they have one.
-- name: ListFollowers :many
SELECT u.id, u.username, u.avatar_url, f.notify, f.created_at AS followed_at, p.location
FROM follows f
JOIN users u ON u.id = f.follower_id
LEFT JOIN profiles p ON p.user_id = u.id
WHERE f.followee_id = @user_id
ORDER BY f.created_at DESC;

-- Accounts both users follow.
-- name: MutualFollowing :many
SELECT followee_id FROM follows WHERE follower_id = @first_user
INTERSECT
SELECT followee_id FROM follows WHERE follower_id = @second_user
ORDER BY followee_id;

-- Who my follows follow, minus whom I already follow and myself.
-- name: SuggestFollows :many
SELECT f2.followee_id AS user_id
FROM follows f1
JOIN follows f2 ON f2.follower_id = f1.followee_id
WHERE f1.follower_id = @user_id
EXCEPT
SELECT followee_id FROM follows WHERE follower_id = @user_id
EXCEPT
SELECT id FROM users WHERE id = @user_id
ORDER BY user_id;

-- name: FollowerCounts :many
SELECT u.id,
       u.username,
       (SELECT count(*) FROM follows f WHERE f.followee_id = u.id) AS followers,
       (SELECT count(*) FROM follows f WHERE f.follower_id = u.id) AS following
FROM users u
WHERE u.id IN (SELECT followee_id FROM follows)
ORDER BY followers DESC, u.id
LIMIT 10;

-- name: GetUsersBatch :batchone
SELECT id, username, email, last_login_at FROM users WHERE id = ?;

-- Accounts that write and also buy.
-- name: UsersWhoPostAndBuy :many
SELECT author_id AS user_id FROM posts
INTERSECT
SELECT user_id FROM orders
ORDER BY user_id;

-- Authors that never placed an order.
-- name: AuthorsWhoNeverBought :many
SELECT DISTINCT author_id AS user_id FROM posts
EXCEPT
SELECT user_id FROM orders
ORDER BY user_id;

-- Everyone who gets the newsletter: verified accounts and customers, each once.
-- name: NewsletterRecipients :many
SELECT email, 'verified' AS reason FROM users WHERE is_verified AND status = 'active'
UNION
SELECT u.email, 'customer' FROM users u JOIN orders o ON o.user_id = u.id WHERE u.status = 'active'
ORDER BY email, reason;
