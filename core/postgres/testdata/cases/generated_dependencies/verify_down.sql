SELECT qty = 4 AND doubled = 8 AND kept = 5 AND label = 5 AND gone IS NULL AND tripled IS NULL FROM items WHERE id = 1;
