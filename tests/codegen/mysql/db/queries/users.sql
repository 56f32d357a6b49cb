-- Accounts, profiles and the social graph.

-- Finds an account by its login e-mail.
-- name: GetUserByEmail :one
SELECT * FROM users WHERE email = @email;

-- name: GetUserByID :one
SELECT * FROM users WHERE id = ?;

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
       COUNT(*) AS users,
       COUNT(bio) AS with_bio,
       COUNT(last_login_at) AS ever_logged_in,
       SUM(karma) AS total_karma,
       AVG(login_count) AS avg_logins
FROM users
GROUP BY status
ORDER BY status;

-- The member directory: labels computed in SQL.
-- name: UserDirectory :many
SELECT u.id,
       u.username,
       COALESCE(u.bio, '') AS bio,
       NULLIF(u.avatar_url, '') AS avatar_url,
       CASE u.role WHEN 'admin' THEN 'Administrator' WHEN 'editor' THEN 'Editor' END AS role_label,
       CASE WHEN u.last_login_at IS NULL THEN 'never' ELSE 'seen' END AS activity,
       UPPER(u.country_code) AS country,
       CHAR_LENGTH(u.name) AS name_length,
       u.karma / GREATEST(u.login_count, 1) AS karma_per_login,
       IF(u.is_verified, 'yes', 'no') AS verified
FROM users u
WHERE u.status = 'active'
ORDER BY LOWER(u.username);

-- name: SearchUsers :many
SELECT id, username, name, bio
FROM users
WHERE username LIKE CONCAT('%', @query, '%')
   OR name LIKE CONCAT('%', @query, '%')
   OR bio LIKE CONCAT('%', @query, '%')
ORDER BY username
LIMIT @max_results;

-- name: CreateUser :execlastid
INSERT INTO users (public_id, email, username, name, role, bio, country_code, created_at)
VALUES (@public_id, @email, @username, @name, @role, sqlc.narg(bio), sqlc.narg(country_code), @created_at);

-- name: CreateUserReturning :one
INSERT INTO users (public_id, email, username, name, created_at)
VALUES (?, ?, ?, ?, ?)
RETURNING *;

-- name: UpdateUserBio :exec
UPDATE users
SET bio = sqlc.narg(bio), avatar_url = sqlc.narg(avatar_url), updated_at = sqlc.arg(updated_at)
WHERE id = sqlc.arg(id);

-- name: TouchLastLogin :execrows
UPDATE users
SET last_login_at = @logged_in_at, login_count = login_count + 1
WHERE id = @id AND status = 'active';

-- name: SetUserStatus :execrows
UPDATE users
SET status = @status, updated_at = @updated_at
WHERE id = @id;

-- Accepts every pending role request of a kind.
-- name: GrantRequestedRoles :execrows
UPDATE users
SET role = requested_role, requested_role = NULL
WHERE requested_role = @requested_role;

-- name: DeleteDeletedUsers :execresult
DELETE FROM users
WHERE status = 'deleted'
  AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.author_id = users.id)
  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = users.id);

-- Creates or replaces a profile.
-- name: UpsertProfile :exec
INSERT INTO profiles (user_id, website, location, timezone, preferences, digest_time)
VALUES (@user_id, sqlc.narg(website), sqlc.narg(location), @timezone, @preferences, @digest_time)
ON DUPLICATE KEY UPDATE
    website = VALUES(website),
    location = COALESCE(VALUES(location), location),
    timezone = VALUES(timezone),
    preferences = JSON_MERGE_PATCH(preferences, VALUES(preferences)),
    digest_time = VALUES(digest_time);

-- name: FollowUser :execrows
INSERT IGNORE INTO follows (follower_id, followee_id, notify, created_at)
VALUES (?, ?, ?, ?);

-- name: UnfollowUser :execrows
DELETE FROM follows WHERE follower_id = ? AND followee_id = ?;

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
       (SELECT COUNT(*) FROM follows f WHERE f.followee_id = u.id) AS followers,
       (SELECT COUNT(*) FROM follows f WHERE f.follower_id = u.id) AS following
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
