CREATE TABLE audit (
  id serial PRIMARY KEY,
  touched_at timestamptz
);

CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.touched_at := clock_timestamp();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION add_two(a integer, b integer) RETURNS integer AS $$ SELECT a + b $$ LANGUAGE sql;

CREATE TRIGGER audit_touch BEFORE INSERT OR UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch();
