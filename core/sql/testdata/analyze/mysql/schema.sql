CREATE TABLE users (
    id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email varchar(255) NOT NULL UNIQUE,
    name varchar(100) NOT NULL,
    bio text,
    status ENUM('active', 'banned') NOT NULL DEFAULT 'active',
    is_admin tinyint(1) NOT NULL DEFAULT 0,
    balance decimal(12, 2) NOT NULL DEFAULT 0,
    settings json,
    created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    seen_at timestamp NULL
);

CREATE TABLE orders (
    id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id bigint unsigned NOT NULL,
    total decimal(12, 2) NOT NULL,
    note varchar(200),
    placed_at datetime NOT NULL,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
