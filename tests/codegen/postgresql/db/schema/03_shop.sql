-- The shop: products, orders and their items.

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled');

CREATE TABLE products (
    id              bigserial PRIMARY KEY,
    sku             char(12) NOT NULL UNIQUE,
    name            text NOT NULL,
    description     text,
    category_id     integer REFERENCES categories (id) ON DELETE SET NULL,
    price           numeric(10,2) NOT NULL,
    discount_price  numeric(10,2),
    weight_kg       double precision,
    rating          real NOT NULL DEFAULT 0,
    stock           integer NOT NULL DEFAULT 0,
    is_active       boolean NOT NULL DEFAULT true,
    image           bytea,
    attributes      json NOT NULL DEFAULT '{}',
    sizes           text[],
    release_date    date NOT NULL,
    warranty        interval,
    created_at      timestamp NOT NULL DEFAULT now(),
    CHECK (price >= 0),
    CHECK (discount_price IS NULL OR discount_price < price)
);

CREATE TABLE orders (
    id                     bigserial PRIMARY KEY,
    public_id              uuid NOT NULL UNIQUE,
    user_id                bigint NOT NULL REFERENCES users (id),
    status                 order_status NOT NULL DEFAULT 'pending',
    total                  numeric(12,2) NOT NULL DEFAULT 0,
    discount               numeric(12,2),
    currency               char(3) NOT NULL DEFAULT 'EUR',
    exchange_rate          double precision NOT NULL DEFAULT 1,
    note                   text,
    shipping_address       jsonb,
    placed_at              timestamptz NOT NULL,
    shipped_at             timestamptz,
    delivery_date          date,
    delivery_window_start  time
);

CREATE INDEX orders_user_idx ON orders (user_id, placed_at DESC);

CREATE TABLE order_items (
    order_id      bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id    bigint NOT NULL REFERENCES products (id),
    quantity      smallint NOT NULL CHECK (quantity > 0),
    unit_price    numeric(10,2) NOT NULL,
    discount_pct  numeric(5,2),
    PRIMARY KEY (order_id, product_id)
);
