SELECT id, name, amount, typeof(amount) FROM customers ORDER BY id;
