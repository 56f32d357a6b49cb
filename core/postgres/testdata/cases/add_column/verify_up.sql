SELECT count(*) = 2 AND bool_and(stock = 0) AND count(DISTINCT seq_no) = 2 FROM products;
