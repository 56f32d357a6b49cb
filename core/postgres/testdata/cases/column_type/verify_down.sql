SELECT amount = '42' AND feeling = 'sad' AND flag = 1 AND qty = 5 AND label = 'short' FROM items WHERE id = 1;
