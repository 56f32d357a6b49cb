# Every column form flash models, MySQL flavour.
CREATE TABLE `users` (
  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(255) NOT NULL,
  `name` VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL COMMENT 'display name',
  `active` tinyint(1) NOT NULL DEFAULT '1',
  `is_admin` boolean NOT NULL DEFAULT FALSE,
  `level` tinyint(4) DEFAULT NULL,
  `big` bigint unsigned,
  `balance` decimal(10,2) NOT NULL DEFAULT '0.00',
  `ratio` double,
  `f` float,
  `status` enum('active','banned','it''s') NOT NULL DEFAULT 'active',
  `perms` set('read','write'),
  `bio` text,
  `avatar` blob,
  `doc` json,
  `born` date,
  `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `email_domain` varchar(255) GENERATED ALWAYS AS (substring_index(`email`, '@', -1)) VIRTUAL,
  `name_len` int AS (char_length(`name`)) STORED,
  `year` year,
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_email_uq` (`email`),
  UNIQUE (`name`, `level`),
  KEY `idx_name_prefix` (`name`(10)) USING BTREE,
  INDEX (`created_at` DESC),
  FULLTEXT KEY `ft_bio` (`bio`),
  CONSTRAINT `users_balance_pos` CHECK (`balance` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='people';

CREATE TABLE posts (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL UNIQUE,
  serial_no SERIAL,
  CONSTRAINT fk_posts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  KEY (user_id, title)
) ENGINE InnoDB;

CREATE INDEX posts_title_idx ON posts (title(20));
CREATE UNIQUE INDEX posts_user_title ON posts (user_id, title) USING HASH;
CREATE FULLTEXT INDEX posts_ft ON posts (title);
ALTER TABLE posts ADD COLUMN body MEDIUMTEXT NOT NULL, ADD INDEX posts_body_idx (body(50));
CREATE VIEW active_users AS SELECT id, email FROM users WHERE active = 1 WITH CASCADED CHECK OPTION;
CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `post_counts` AS select `user_id`, count(0) AS `n` from `posts` group by `user_id`;
