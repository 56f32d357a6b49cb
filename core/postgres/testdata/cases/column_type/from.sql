CREATE TYPE mood AS ENUM ('happy', 'sad');

CREATE TABLE items (
  id integer PRIMARY KEY,
  qty integer NOT NULL DEFAULT 0,
  code varchar(50),
  label varchar(255),
  amount text DEFAULT '0',
  feeling varchar(20) DEFAULT 'happy',
  flag integer DEFAULT 1,
  price numeric(10,2),
  big bigint,
  happened_at timestamp
);

CREATE VIEW item_labels AS SELECT id, label, amount FROM items;
CREATE VIEW item_ids AS SELECT id FROM item_labels;
