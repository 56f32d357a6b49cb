SELECT qty = 4 AND label = 20 AND doubled = 2 AND gone IS NULL AND tripled IS NULL FROM items WHERE id = 1;
