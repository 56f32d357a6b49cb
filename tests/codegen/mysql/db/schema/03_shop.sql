-- The shop: products, orders and their items.

CREATE TABLE products (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    sku              CHAR(12) NOT NULL,
    name             VARCHAR(200) NOT NULL,
    description      TEXT NULL,
    category_id      INT UNSIGNED NULL,
    price            DECIMAL(10,2) NOT NULL,
    discount_price   DECIMAL(10,2) NULL,
    weight_kg        DOUBLE NULL,
    rating           FLOAT NOT NULL DEFAULT 0,
    stock            INT UNSIGNED NOT NULL DEFAULT 0,
    is_active        BOOLEAN NOT NULL DEFAULT TRUE,
    image            MEDIUMBLOB NULL,
    attributes       JSON NOT NULL,
    sizes            JSON NULL,
    release_date     DATE NOT NULL,
    warranty_months  TINYINT UNSIGNED NULL,
    created_at       DATETIME NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY products_sku_key (sku),
    CONSTRAINT products_category_fk FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE SET NULL,
    CONSTRAINT products_price_check CHECK (price >= 0),
    CONSTRAINT products_discount_check CHECK (discount_price IS NULL OR discount_price < price)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orders (
    id                     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    public_id              CHAR(36) NOT NULL,
    user_id                BIGINT UNSIGNED NOT NULL,
    status                 ENUM('pending', 'paid', 'shipped', 'delivered', 'cancelled') NOT NULL DEFAULT 'pending',
    total                  DECIMAL(12,2) NOT NULL DEFAULT 0,
    discount               DECIMAL(12,2) NULL,
    currency               CHAR(3) NOT NULL DEFAULT 'EUR',
    exchange_rate          DOUBLE NOT NULL DEFAULT 1,
    note                   TEXT NULL,
    shipping_address       JSON NULL,
    placed_at              TIMESTAMP NOT NULL,
    shipped_at             TIMESTAMP NULL,
    delivery_date          DATE NULL,
    delivery_window_start  TIME NULL,
    PRIMARY KEY (id),
    UNIQUE KEY orders_public_id_key (public_id),
    KEY orders_user_idx (user_id, placed_at),
    CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_items (
    order_id      BIGINT UNSIGNED NOT NULL,
    product_id    BIGINT UNSIGNED NOT NULL,
    quantity      TINYINT UNSIGNED NOT NULL,
    unit_price    DECIMAL(10,2) NOT NULL,
    discount_pct  DECIMAL(5,2) NULL,
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT order_items_quantity_check CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
