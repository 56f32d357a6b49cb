SELECT COUNT(*) = 1 FROM people WHERE fullname = 'Ann Lee' AND mail = 'ann@example.com';
SELECT COUNT(*) = 1 FROM notes WHERE person_id = 1 AND body = 'hello';
