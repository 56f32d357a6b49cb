INSERT INTO line_items (id, quantity, unit_price, label) VALUES (1, 2, 10.00, 'pen');
