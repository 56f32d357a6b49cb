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
       ROUND(100 * (price - discount_price) / price, 1) AS saving_pct,
       CAST(price AS DOUBLE) AS price_float
FROM products
WHERE discount_price IS NOT NULL
ORDER BY saving_pct DESC, id;

-- Price statistics of a category; the category may have no products at all.
-- name: CategoryPriceStats :one
SELECT COUNT(*) AS products,
       COUNT(discount_price) AS discounted,
       MIN(price) AS min_price,
       MAX(price) AS max_price,
       AVG(price) AS avg_price,
       SUM(stock) AS units_in_stock,
       MIN(release_date) AS first_release,
       MIN(is_active) AS all_active
FROM products
WHERE category_id = @category_id;

-- Product details: sizes and attributes (JSON), warranty, weight, image.
-- name: ProductDetails :many
SELECT id,
       name,
       sizes,
       JSON_UNQUOTE(JSON_EXTRACT(sizes, '$[0]')) AS first_size,
       JSON_UNQUOTE(JSON_EXTRACT(attributes, '$.color')) AS color,
       JSON_EXTRACT(attributes, '$.dimensions') AS dimensions,
       warranty_months,
       DATE_ADD(release_date, INTERVAL warranty_months MONTH) AS warranty_ends,
       weight_kg,
       image
FROM products
ORDER BY id;

-- name: SearchProducts :many
SELECT id, sku, name, price
FROM products
WHERE (name LIKE CONCAT('%', @term, '%') OR description LIKE CONCAT('%', @term, '%'))
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

-- Creates a product or adds stock to it (the affected-row count is 1 for an insert, 2 for an update).
-- name: UpsertProductStock :execresult
INSERT INTO products (sku, name, price, stock, attributes, release_date, created_at)
VALUES (@sku, @name, @price, @stock, '{}', @release_date, @created_at)
ON DUPLICATE KEY UPDATE stock = stock + VALUES(stock), price = VALUES(price);

-- Reprices the discounted products of a category (NULL ends the sale).
-- name: SetProductDiscount :execrows
UPDATE products SET discount_price = sqlc.narg(discount_price)
WHERE category_id = sqlc.arg(category_id) AND discount_price IS NOT NULL;

-- Takes units out of stock; no row changes when there are not enough.
-- name: ReserveStock :execrows
UPDATE products SET stock = stock - @quantity
WHERE id = @id AND stock >= @quantity;

-- name: CreateOrder :execlastid
INSERT INTO orders (public_id, user_id, status, currency, note, shipping_address, placed_at)
VALUES (@public_id, @user_id, 'pending', @currency, sqlc.narg(note), sqlc.narg(shipping_address), @placed_at);

-- name: AddOrderItem :exec
INSERT INTO order_items (order_id, product_id, quantity, unit_price, discount_pct)
VALUES (?, ?, ?, ?, ?);

-- Recomputes an order's total from its items.
-- name: RecomputeOrderTotal :execrows
UPDATE orders
SET total = COALESCE((SELECT SUM(oi.quantity * oi.unit_price * (1 - COALESCE(oi.discount_pct, 0) / 100))
                      FROM order_items oi WHERE oi.order_id = orders.id), 0) - COALESCE(discount, 0)
WHERE id = @order_id;

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
       JSON_OBJECT('username', u.username, 'email', u.email, 'country', u.country_code) AS customer,
       COALESCE((
           SELECT JSON_ARRAYAGG(JSON_OBJECT('sku', p.sku, 'name', p.name, 'quantity', oi.quantity,
                                            'unit_price', oi.unit_price, 'discount_pct', oi.discount_pct)
                                ORDER BY p.sku)
           FROM order_items oi
           JOIN products p ON p.id = oi.product_id
           WHERE oi.order_id = o.id
       ), JSON_ARRAY()) AS items,
       JSON_VALUE(o.shipping_address, '$.city') AS city
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
SELECT o.id, o.user_id, SUM(oi.quantity) AS units, SUM(oi.quantity * oi.unit_price) AS gross
FROM orders o
JOIN order_items oi ON oi.order_id = o.id
GROUP BY o.id, o.user_id
HAVING SUM(oi.quantity * oi.unit_price) > @min_gross
ORDER BY gross DESC;

-- Daily revenue with a running total and the change from the day before.
-- name: DailyRevenue :many
WITH daily AS (
    SELECT DATE(placed_at) AS day,
           SUM(total) AS revenue,
           COUNT(*) AS orders
    FROM orders
    WHERE status <> 'cancelled' AND placed_at >= @since AND placed_at < @until
    GROUP BY DATE(placed_at)
)
SELECT day,
       revenue,
       orders,
       SUM(revenue) OVER (ORDER BY day) AS running_revenue,
       revenue - LAG(revenue) OVER (ORDER BY day) AS `change`
FROM daily
ORDER BY day;

-- The best-selling products of each category.
-- flash:column units not null
-- name: TopProductsPerCategory :many
WITH sales AS (
    SELECT p.category_id, p.id AS product_id, p.name, SUM(oi.quantity) AS units
    FROM order_items oi
    JOIN products p ON p.id = oi.product_id
    JOIN orders o ON o.id = oi.order_id
    WHERE o.status IN ('paid', 'shipped', 'delivered')
    GROUP BY p.category_id, p.id, p.name
),
ranked AS (
    SELECT s.*, DENSE_RANK() OVER (PARTITION BY s.category_id ORDER BY s.units DESC) AS place
    FROM sales s
)
SELECT r.category_id, c.name AS category, r.product_id, r.name, r.units, r.place
FROM ranked r
LEFT JOIN categories c ON c.id = r.category_id
WHERE r.place <= @places
ORDER BY r.category_id IS NULL, r.category_id, r.place, r.product_id;

-- Customers by lifetime value, from the view.
-- name: TopCustomers :many
SELECT user_id, username, order_count, lifetime_value, last_order_at,
       RANK() OVER (ORDER BY lifetime_value DESC) AS position
FROM customer_totals
WHERE order_count > 0
ORDER BY lifetime_value DESC, user_id
LIMIT @lim;

-- Shipping lead times of shipped orders.
-- name: ShippingTimes :many
SELECT id, placed_at, shipped_at,
       TIMEDIFF(shipped_at, placed_at) AS lead_time,
       TIMESTAMPDIFF(MINUTE, placed_at, shipped_at) / 60 AS lead_hours
FROM orders
WHERE shipped_at IS NOT NULL
ORDER BY id;

-- name: CancelOrder :execrows
UPDATE orders SET status = 'cancelled', note = COALESCE(sqlc.narg(reason), note)
WHERE id = sqlc.arg(id) AND status IN ('pending', 'paid');

-- name: MarkShipped :execrows
UPDATE orders SET status = 'shipped', shipped_at = @shipped_at
WHERE status = 'paid' AND placed_at < @placed_before;

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
       NULLIF(o.note, '') AS note,
       CAST(o.total AS DOUBLE) * o.exchange_rate AS total_converted,
       CAST(o.placed_at AS DATE) AS placed_on
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

-- Products without a category and categories without products: a FULL JOIN written as
-- LEFT JOIN UNION ALL (RIGHT JOIN ... WHERE the left side is missing).
-- name: CatalogGaps :many
SELECT c.id AS category_id, c.name AS category, p.id AS product_id, p.name AS product
FROM products p
LEFT JOIN categories c ON c.id = p.category_id
WHERE c.id IS NULL
UNION ALL
SELECT c.id, c.name, p.id, p.name
FROM products p
RIGHT JOIN categories c ON c.id = p.category_id
WHERE p.id IS NULL
ORDER BY category_id, product_id;
