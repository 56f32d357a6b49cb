SELECT qty = 4 AND doubled = 8 AND kept = 5 AND label = 7 FROM items WHERE id = 1;
