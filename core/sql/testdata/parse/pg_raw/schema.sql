CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;
CREATE EXTENSION pgcrypto;
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SEQUENCE order_no START 1000 INCREMENT 1;
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TYPE money_pair AS (amount numeric, currency char(3));
CREATE COLLATION german (provider = icu, locale = 'de-u-co-phonebk');

CREATE TABLE accounts (
    id serial PRIMARY KEY,
    owner text NOT NULL,
    balance positive_int NOT NULL,
    updated_at timestamptz
);

CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();  -- semicolons inside the body; and 'quotes'
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION add_money(IN a integer, b double precision DEFAULT 0, OUT total numeric, VARIADIC rest text[])
    LANGUAGE sql AS $body$ SELECT a + b $body$;

CREATE PROCEDURE audit.log_it(msg text, level int = 1)
LANGUAGE plpgsql
AS $$ BEGIN RAISE NOTICE '%', msg; END $$;

CREATE TRIGGER accounts_touch BEFORE UPDATE ON public.accounts
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE CONSTRAINT TRIGGER accounts_check AFTER INSERT ON accounts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON accounts FOR ALL TO PUBLIC USING (owner = current_user);
CREATE RULE no_delete AS ON DELETE TO accounts DO INSTEAD NOTHING;
CREATE AGGREGATE my_sum (integer) (SFUNC = int4pl, STYPE = integer);
CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq);
CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION touch_updated_at();
CREATE CAST (text AS positive_int) WITH INOUT;

GRANT SELECT ON accounts TO PUBLIC;
DROP TABLE IF EXISTS old_stuff;
FROBNICATE the database please;
