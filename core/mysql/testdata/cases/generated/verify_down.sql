SELECT total = 20.00 FROM line_items WHERE id = 1;
