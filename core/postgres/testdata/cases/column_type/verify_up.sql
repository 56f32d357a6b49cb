SELECT amount = 42 AND feeling = 'sad' AND flag AND qty = 5 AND price = 9.99 AND big = 7 FROM items WHERE id = 1;
SELECT amount = 42 FROM item_labels WHERE id = 1;
