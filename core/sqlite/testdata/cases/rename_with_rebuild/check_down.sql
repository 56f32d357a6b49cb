SELECT id, label, amount, typeof(amount) FROM clients ORDER BY id;
