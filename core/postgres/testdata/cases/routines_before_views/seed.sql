INSERT INTO people (first_name, last_name) VALUES ('Ada', 'Lovelace');
