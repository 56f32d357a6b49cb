SELECT name, wr, strict FROM pragma_table_list WHERE name IN ('counters', 'measurements') ORDER BY name;
SELECT value FROM measurements;
SELECT n FROM counters;
