SELECT qty = 4 AND label = 20 AND doubled = 2 FROM items WHERE id = 1;
