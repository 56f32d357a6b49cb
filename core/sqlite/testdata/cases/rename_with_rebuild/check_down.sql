SELECT id, label, amount, typeof(amount) FROM clients ORDER BY id;
SELECT "table", "from", "to" FROM pragma_foreign_key_list('invoices');
