CREATE TABLE a_table_with_a_really_quite_long_name_for_testing (
    id int PRIMARY KEY,
    a_column_with_an_equally_long_name_for_testing int UNIQUE,
    other int,
    UNIQUE (other),
    CONSTRAINT a_table_with_a_really_quite_long_name_for_testing_other_key2 CHECK (other > 0)
);
CREATE INDEX ON a_table_with_a_really_quite_long_name_for_testing (a_column_with_an_equally_long_name_for_testing, other);
CREATE INDEX ON a_table_with_a_really_quite_long_name_for_testing (other);
CREATE INDEX ON a_table_with_a_really_quite_long_name_for_testing (other);
CREATE TABLE "An Identifier That Is Longer Than Sixty Three Bytes Gets Truncated By Postgres" (id int);
