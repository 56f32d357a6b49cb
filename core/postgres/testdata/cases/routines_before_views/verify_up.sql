SELECT count(*) = 1 FROM people_names WHERE name = 'Ada Lovelace';
