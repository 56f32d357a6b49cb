-- Renamed, a column renamed and made NOT NULL, a type changed: one rebuild.
CREATE TABLE customers ( -- flash:renamed_from clients
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '', -- flash:renamed_from label
  amount REAL
);
