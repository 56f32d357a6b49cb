SELECT id, name, mail FROM people;
SELECT "table", "from", "to" FROM pragma_foreign_key_list('notes');
