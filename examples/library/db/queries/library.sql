-- Adds an author; `bio` may be left out (NULL).
-- name: CreateAuthor :one
INSERT INTO authors (name, bio) VALUES (@name, sqlc.narg(bio)) RETURNING *;

-- name: AddBook :execlastid
INSERT INTO books (author_id, title, published, price) VALUES (@author_id, @title, sqlc.narg(published), @price);

-- Every author with how many books they wrote and their cheapest one (none for an author
-- without books: the LEFT JOIN makes `cheapest` nullable, COUNT never is).
-- name: AuthorStats :many
SELECT a.id, a.name, a.bio, count(b.id) AS books, min(b.price) AS cheapest
FROM authors a LEFT JOIN books b ON b.author_id = a.id
GROUP BY a.id, a.name, a.bio
ORDER BY a.name;

-- name: BooksByAuthors :many
SELECT b.title, b.published, a.name AS author
FROM books b JOIN authors a ON a.id = b.author_id
WHERE a.id IN (sqlc.slice(ids))
ORDER BY b.title;

-- name: RenameAuthor :execrows
UPDATE authors SET name = @name WHERE id = @id;
