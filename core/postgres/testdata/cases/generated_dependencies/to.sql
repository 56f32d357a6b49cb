-- qty changes type: doubled, computed from it, is dropped and added again around the change;
-- kept becomes plain first (DROP EXPRESSION keeps its values).
-- gone and tripled, computed from it, are dropped together: tripled first.
-- label gets a new expression (dropped and added again) and its index a new name: the index
-- is created again under the new name, with no rename after.
CREATE TABLE items (
  id integer PRIMARY KEY,
  qty bigint NOT NULL,
  doubled integer GENERATED ALWAYS AS (qty * 2) STORED,
  kept integer,
  label integer GENERATED ALWAYS AS (id * 7) STORED
);

CREATE INDEX items_doubled_idx ON items (doubled);
CREATE INDEX items_label_key ON items (label);
