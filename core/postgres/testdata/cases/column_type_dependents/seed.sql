INSERT INTO posts (status, title) VALUES ('published', 'hello'), ('draft', 'wip');
