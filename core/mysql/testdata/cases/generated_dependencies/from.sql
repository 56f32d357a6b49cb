CREATE TABLE items (
  id INT PRIMARY KEY,
  qty INT NOT NULL,
  gone INT,
  tripled INT AS (gone * 3) VIRTUAL,
  label INT AS (qty * 5) STORED,
  doubled INT AS (id * 2) STORED
);

CREATE INDEX items_label_idx ON items (label);
