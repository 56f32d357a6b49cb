CREATE TABLE articles (
  id INT PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  slug VARCHAR(200) NOT NULL,
  body TEXT,
  published_at DATETIME,
  author_id INT,
  KEY articles_title_idx (title(50), published_at DESC),
  UNIQUE KEY articles_slug_idx (slug),
  KEY articles_body_idx (body(100)),
  FULLTEXT KEY articles_search_idx (title, body),
  KEY articles_author_idx (author_id)
);
