CREATE TABLE items (
  id integer PRIMARY KEY,
  qty integer NOT NULL,
  gone integer,
  doubled integer GENERATED ALWAYS AS (qty * 2) STORED,
  tripled integer GENERATED ALWAYS AS (gone * 3) STORED,
  kept integer GENERATED ALWAYS AS (qty + 1) STORED,
  label integer GENERATED ALWAYS AS (id * 5) STORED
);

CREATE INDEX items_doubled_idx ON items (doubled);
CREATE INDEX items_label_idx ON items (label);
