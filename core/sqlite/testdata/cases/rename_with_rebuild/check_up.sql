SELECT customer_no, name, amount, typeof(amount) FROM customers ORDER BY customer_no;
SELECT "table", "from", "to" FROM pragma_foreign_key_list('invoices');
SELECT count(*) AS fk_problems FROM pragma_foreign_key_check;
