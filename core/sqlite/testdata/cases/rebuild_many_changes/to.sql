CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

-- Every kind of change at once, in one rebuild: nullability, type, a new column with a
-- foreign key, a dropped column, a changed check, a new unique constraint, a changed index;
-- the self-reference survives.
CREATE TABLE employees (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT 'unknown',
  salary INTEGER,
  manager_id INTEGER REFERENCES employees (id) ON DELETE SET NULL,
  team_id INTEGER REFERENCES teams (id),
  email TEXT UNIQUE,
  CONSTRAINT salary_positive CHECK (salary >= 0)
);

CREATE INDEX employees_name_idx ON employees (name, salary);
