-- The data the read workloads start from: what the insert workloads write, made on the server.
-- The benchmark programs replace {users}, {posts} and {comments} with the sizes of the run and
-- send one statement at a time (split after each ';' at the end of a line).
-- Keep in step with the values the programs generate (README.md, "Data").

INSERT INTO users (email, name, bio)
SELECT 'user' || i || '@example.com',
       'User ' || i,
       CASE WHEN i % 3 = 0 THEN NULL ELSE 'Bio of user ' || i || ', who writes about things.' END
FROM generate_series(1, {users}) AS i;

INSERT INTO categories (name, slug)
SELECT 'Category ' || c, 'category-' || c
FROM generate_series(1, 10) AS c;

INSERT INTO posts (author_id, category_id, title, body, published_at)
SELECT (j * 7919) % {users} + 1,
       j % 10 + 1,
       'Post ' || j,
       'Body of post ' || j || '. A few sentences of text, as a blog post would have at the start.',
       CASE WHEN j % 4 = 0 THEN NULL ELSE timestamptz '2024-01-01 00:00:00+00' + j * interval '1 minute' END
FROM generate_series(1, {posts}) AS j;

INSERT INTO comments (post_id, author_id, body)
SELECT k % {posts} + 1,
       CASE WHEN k % 5 = 0 THEN NULL ELSE (k * 31) % {users} + 1 END,
       'Comment ' || k || ' on a post.'
FROM generate_series(1, {comments}) AS k;

ANALYZE users, categories, posts, comments;
