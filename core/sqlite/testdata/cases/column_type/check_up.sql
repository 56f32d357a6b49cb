SELECT id, price, typeof(price), qty, typeof(qty), code, typeof(code), note FROM items;
