CREATE TYPE mood AS ENUM ('happy', 'sad');

CREATE TABLE items (
  id integer PRIMARY KEY,
  qty bigint NOT NULL DEFAULT 0,
  code varchar(255),
  label varchar(50),
  amount integer DEFAULT 0,
  feeling mood DEFAULT 'happy',
  flag boolean DEFAULT true,
  price numeric(12,2),
  big integer,
  happened_at timestamptz
);

CREATE VIEW item_labels AS SELECT id, label, amount FROM items;
CREATE VIEW item_ids AS SELECT id FROM item_labels;
