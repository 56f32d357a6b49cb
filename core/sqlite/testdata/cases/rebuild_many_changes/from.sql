CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE employees (
  id INTEGER PRIMARY KEY,
  name TEXT,
  salary TEXT,
  manager_id INTEGER REFERENCES employees (id),
  legacy_code VARCHAR(10),
  CONSTRAINT salary_positive CHECK (salary > 0)
);

CREATE INDEX employees_name_idx ON employees (name);
