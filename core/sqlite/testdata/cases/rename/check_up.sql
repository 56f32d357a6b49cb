SELECT id, full_name, email FROM users;
SELECT id, person_id, body FROM notes;
SELECT "table", "from", "to" FROM pragma_foreign_key_list('notes');
