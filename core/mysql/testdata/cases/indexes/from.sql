CREATE TABLE articles (
  id INT PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  slug VARCHAR(200) NOT NULL,
  body TEXT,
  published_at DATETIME,
  author_id INT,
  KEY articles_title_idx (title),
  KEY articles_published_idx (published_at),
  KEY articles_old_idx (author_id)
);
