CREATE TABLE audit (
  id serial PRIMARY KEY,
  touched_at timestamptz
);

CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.touched_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION old_helper(a integer) RETURNS integer AS $$ SELECT a + 1 $$ LANGUAGE sql;

CREATE TRIGGER audit_touch BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION touch();
