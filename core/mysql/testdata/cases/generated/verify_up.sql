SELECT total = 24.00 AND label_upper = 'PEN' FROM line_items WHERE id = 1;
