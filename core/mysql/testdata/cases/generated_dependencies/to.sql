-- gone and tripled, computed from it, are dropped together: tripled first.
-- label turns VIRTUAL (dropped and added again, which drops its index) and its index gets a
-- new name: the index is created again under the new name, with no rename after.
-- doubled becomes plain (keeping its values) before id becomes AUTO_INCREMENT, which neither
-- server allows while a generation expression reads it.
CREATE TABLE items (
  id INT AUTO_INCREMENT PRIMARY KEY,
  qty INT NOT NULL,
  label INT AS (qty * 5) VIRTUAL,
  doubled INT
);

CREATE INDEX items_label_key ON items (label);
