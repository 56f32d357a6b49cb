INSERT INTO posts VALUES (1, 'draft', '{draft}'), (2, 'published', '{draft,published}');
