-- The shop: products, orders and their items.

CREATE TABLE products (
    id               INTEGER PRIMARY KEY,
    sku              CHAR(12) NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    description      TEXT,
    category_id      INTEGER REFERENCES categories (id) ON DELETE SET NULL,
    price            DECIMAL(10,2) NOT NULL CHECK (price >= 0),
    discount_price   DECIMAL(10,2),
    weight_kg        DOUBLE,
    rating           REAL NOT NULL DEFAULT 0,
    stock            INTEGER NOT NULL DEFAULT 0,
    is_active        BOOLEAN NOT NULL DEFAULT TRUE,
    image            BLOB,
    attributes       JSON NOT NULL DEFAULT '{}',
    sizes            JSON,
    release_date     DATE NOT NULL,
    warranty_months  SMALLINT,
    created_at       DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (discount_price IS NULL OR discount_price < price)
);

CREATE TABLE orders (
    id                     INTEGER PRIMARY KEY,
    public_id              CHAR(36) NOT NULL UNIQUE,
    user_id                INTEGER NOT NULL REFERENCES users (id),
    status                 TEXT NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
    total                  NUMERIC(12,2) NOT NULL DEFAULT 0,
    discount               NUMERIC(12,2),
    currency               CHAR(3) NOT NULL DEFAULT 'EUR',
    exchange_rate          DOUBLE NOT NULL DEFAULT 1,
    note                   TEXT,
    shipping_address       JSON,
    placed_at              TIMESTAMP NOT NULL,
    shipped_at             TIMESTAMP,
    delivery_date          DATE,
    delivery_window_start  TIME
);

CREATE INDEX orders_user_idx ON orders (user_id, placed_at DESC);

CREATE TABLE order_items (
    order_id      INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id    INTEGER NOT NULL REFERENCES products (id),
    quantity      SMALLINT NOT NULL CHECK (quantity > 0),
    unit_price    DECIMAL(10,2) NOT NULL,
    discount_pct  DECIMAL(5,2),
    PRIMARY KEY (order_id, product_id)
);
