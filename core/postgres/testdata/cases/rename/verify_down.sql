SELECT (SELECT mail FROM people WHERE id = 1) = 'a@x' AND (SELECT owner_id FROM pets) = 1;
