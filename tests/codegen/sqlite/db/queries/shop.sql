-- The shop: catalog, orders and sales analytics.

-- name: GetProduct :one
SELECT * FROM products WHERE id = ?;

-- name: GetProductBySKU :one
SELECT id, sku, name, price, discount_price, stock, is_active
FROM products
WHERE sku = @sku;

-- name: ListActiveProducts :many
SELECT id, sku, name, price, discount_price, rating, stock, sizes
FROM products
WHERE is_active
ORDER BY price DESC, name
LIMIT @lim OFFSET @off;

-- name: ListProductsInCategories :many
SELECT p.id, p.name, p.price, c.name AS category
FROM products p
JOIN categories c ON c.id = p.category_id
WHERE p.category_id IN (sqlc.slice(category_ids))
ORDER BY p.id;

-- Discounted products with the saving, computed in SQL.
-- name: ListProductsOnSale :many
SELECT id,
       name,
       price,
       discount_price,
       price - discount_price AS saving,
       round(100 * (price - discount_price) / price, 1) AS saving_pct,
       CAST(price AS REAL) AS price_float
FROM products
WHERE discount_price IS NOT NULL
ORDER BY saving_pct DESC, id;

-- Price statistics of a category; the category may have no products at all.
-- name: CategoryPriceStats :one
SELECT count(*) AS products,
       count(discount_price) AS discounted,
       min(price) AS min_price,
       max(price) AS max_price,
       avg(price) AS avg_price,
       sum(stock) AS units_in_stock,
       min(release_date) AS first_release,
       min(is_active) AS all_active
FROM products
WHERE category_id = @category_id;

-- Product details: sizes and attributes (JSON), warranty, weight, image.
-- name: ProductDetails :many
SELECT id,
       name,
       sizes,
       CAST(sizes ->> '$[0]' AS TEXT) AS first_size,
       CAST(attributes ->> '$.color' AS TEXT) AS color,
       attributes -> '$.dimensions' AS dimensions,
       warranty_months,
       date(release_date, '+' || warranty_months || ' months') AS warranty_ends,
       weight_kg,
       image
FROM products
ORDER BY id;

-- name: SearchProducts :many
SELECT id, sku, name, price
FROM products
WHERE (name LIKE '%' || @term || '%' OR instr(lower(description), lower(@term)) > 0)
  AND price BETWEEN @min_price AND @max_price
ORDER BY price, id;

-- Products nobody ordered yet.
-- name: ListProductsNeverOrdered :many
SELECT id, sku, name
FROM products
WHERE id NOT IN (SELECT product_id FROM order_items)
ORDER BY id;

-- name: CreateProduct :one
INSERT INTO products (sku, name, description, category_id, price, weight_kg, stock, attributes, sizes, image, release_date, warranty_months, created_at)
VALUES (@sku, @name, sqlc.narg(description), sqlc.narg(category_id), @price, sqlc.narg(weight_kg), @stock, @attributes, sqlc.narg(sizes), sqlc.narg(image), @release_date, sqlc.narg(warranty_months), @created_at)
RETURNING id, sku, created_at;

-- Creates a product or adds stock to it.
-- name: UpsertProductStock :one
INSERT INTO products (sku, name, price, stock, release_date, created_at)
VALUES (@sku, @name, @price, @stock, @release_date, @created_at)
ON CONFLICT (sku) DO UPDATE
SET stock = products.stock + excluded.stock, price = excluded.price
RETURNING id, sku, stock, price;

-- name: SetProductDiscount :execrows
UPDATE products SET discount_price = sqlc.narg(discount_price) WHERE category_id = sqlc.arg(category_id);

-- Takes units out of stock; no row when there are not enough.
-- name: ReserveStock :one
UPDATE products SET stock = stock - @quantity
WHERE id = @id AND stock >= @quantity
RETURNING id, stock;

-- name: CreateOrder :execlastid
INSERT INTO orders (public_id, user_id, status, currency, note, shipping_address, placed_at)
VALUES (@public_id, @user_id, 'pending', @currency, sqlc.narg(note), sqlc.narg(shipping_address), @placed_at);

-- name: AddOrderItem :exec
INSERT INTO order_items (order_id, product_id, quantity, unit_price, discount_pct)
VALUES ($1, $2, $3, $4, $5);

-- Recomputes an order's total from its items.
-- name: RecomputeOrderTotal :one
UPDATE orders
SET total = coalesce((SELECT sum(oi.quantity * oi.unit_price * (1 - coalesce(oi.discount_pct, 0) / 100.0))
                      FROM order_items oi WHERE oi.order_id = orders.id), 0) - coalesce(discount, 0)
WHERE id = @order_id
RETURNING id, total;

-- name: ListOrdersForUser :many
SELECT id, public_id, status, total, currency, placed_at, shipped_at, delivery_date, delivery_window_start
FROM orders
WHERE user_id = @user_id
ORDER BY placed_at DESC;

-- name: ListOrdersByStatus :many
SELECT id, user_id, status, total, placed_at
FROM orders
WHERE status IN (sqlc.slice(statuses))
ORDER BY placed_at, id;

-- An order as one JSON document: the customer and the items as an array.
-- name: OrderReport :one
SELECT o.id,
       o.public_id,
       o.status,
       o.total,
       json_object('username', u.username, 'email', u.email, 'country', u.country_code) AS customer,
       coalesce((
           SELECT json_group_array(json_object('sku', x.sku, 'name', x.name, 'quantity', x.quantity,
                                               'unit_price', x.unit_price, 'discount_pct', x.discount_pct))
           FROM (SELECT p.sku, p.name, oi.quantity, oi.unit_price, oi.discount_pct
                 FROM order_items oi
                 JOIN products p ON p.id = oi.product_id
                 WHERE oi.order_id = o.id
                 ORDER BY p.sku) x
       ), json_array()) AS items,
       CAST(o.shipping_address ->> '$.city' AS TEXT) AS city
FROM orders o
JOIN users u ON u.id = o.user_id
WHERE o.id = @order_id;

-- Item lines of orders with the product, and the line total.
-- name: ListOrderLines :many
SELECT oi.order_id, p.sku, p.name, oi.quantity, oi.unit_price, oi.discount_pct,
       oi.quantity * oi.unit_price AS line_total
FROM order_items oi
JOIN products p ON p.id = oi.product_id
WHERE oi.order_id IN (sqlc.slice(order_ids))
ORDER BY oi.order_id, p.sku;

-- Orders whose items add up to more than a threshold.
-- name: BigOrders :many
SELECT o.id, o.user_id, sum(oi.quantity) AS units, sum(oi.quantity * oi.unit_price) AS gross
FROM orders o
JOIN order_items oi ON oi.order_id = o.id
GROUP BY o.id, o.user_id
HAVING sum(oi.quantity * oi.unit_price) > @min_gross
ORDER BY gross DESC;

-- Daily revenue with a running total and the change from the day before.
-- name: DailyRevenue :many
WITH daily AS (
    SELECT date(placed_at) AS day,
           sum(total) AS revenue,
           count(*) AS orders
    FROM orders
    WHERE status <> 'cancelled' AND placed_at >= datetime(@since) AND placed_at < datetime(@until)
    GROUP BY date(placed_at)
)
SELECT day,
       revenue,
       orders,
       sum(revenue) OVER (ORDER BY day) AS running_revenue,
       revenue - lag(revenue) OVER (ORDER BY day) AS change
FROM daily
ORDER BY day;

-- The best-selling products of each category.
-- flash:column units not null
-- name: TopProductsPerCategory :many
WITH sales AS (
    SELECT p.category_id, p.id AS product_id, p.name, sum(oi.quantity) AS units
    FROM order_items oi
    JOIN products p ON p.id = oi.product_id
    JOIN orders o ON o.id = oi.order_id
    WHERE o.status IN ('paid', 'shipped', 'delivered')
    GROUP BY p.category_id, p.id, p.name
),
ranked AS (
    SELECT s.*, dense_rank() OVER (PARTITION BY s.category_id ORDER BY s.units DESC) AS place
    FROM sales s
)
SELECT r.category_id, c.name AS category, r.product_id, r.name, r.units, r.place
FROM ranked r
LEFT JOIN categories c ON c.id = r.category_id
WHERE r.place <= @places
ORDER BY r.category_id NULLS LAST, r.place, r.product_id;

-- Customers by lifetime value, from the view.
-- name: TopCustomers :many
SELECT user_id, username, order_count, lifetime_value, last_order_at,
       rank() OVER (ORDER BY lifetime_value DESC) AS position
FROM customer_totals
WHERE order_count > 0
ORDER BY lifetime_value DESC, user_id
LIMIT @lim;

-- Shipping lead times of shipped orders.
-- name: ShippingTimes :many
SELECT id, placed_at, shipped_at,
       (julianday(shipped_at) - julianday(placed_at)) * 24 AS lead_hours
FROM orders
WHERE shipped_at IS NOT NULL
ORDER BY id;

-- name: CancelOrder :one
UPDATE orders SET status = 'cancelled', note = coalesce(sqlc.narg(reason), note)
WHERE id = sqlc.arg(id) AND status IN ('pending', 'paid')
RETURNING id, status, note;

-- name: MarkShipped :execrows
UPDATE orders SET status = 'shipped', shipped_at = @shipped_at
WHERE status = 'paid' AND placed_at < datetime(@placed_before);

-- Cancelled orders without any item.
-- name: DeleteEmptyCancelledOrders :many
DELETE FROM orders
WHERE status = 'cancelled'
  AND NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.order_id = orders.id)
RETURNING id, public_id;

-- A customer's orders with labels: CASE with and without ELSE, NULLIF, CAST.
-- name: OrderStatusBoard :many
SELECT o.id,
       CASE o.status
           WHEN 'pending' THEN 'Awaiting payment'
           WHEN 'paid' THEN 'Preparing'
           WHEN 'shipped' THEN 'On its way'
           ELSE 'Closed'
       END AS label,
       CASE WHEN o.status = 'delivered' THEN o.delivery_date END AS delivered_on,
       nullif(o.note, '') AS note,
       CAST(o.total AS REAL) * o.exchange_rate AS total_converted,
       date(o.placed_at) AS placed_on
FROM orders o
WHERE o.user_id = @user_id
ORDER BY o.id;

-- Every account with its orders of one status; accounts without such orders come back once,
-- with NULLs (RIGHT JOIN).
-- name: CustomersAndOrders :many
SELECT u.id AS user_id, u.username, o.id AS order_id, o.status, o.total
FROM orders o
RIGHT JOIN users u ON u.id = o.user_id AND o.status = @status
ORDER BY u.id, o.id;

-- Products without a category and categories without products (FULL JOIN).
-- name: CatalogGaps :many
SELECT c.id AS category_id, c.name AS category, p.id AS product_id, p.name AS product
FROM products p
FULL JOIN categories c ON c.id = p.category_id
WHERE p.id IS NULL OR c.id IS NULL
ORDER BY c.id NULLS FIRST, p.id;
