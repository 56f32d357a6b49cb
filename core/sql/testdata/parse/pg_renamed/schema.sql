-- flash:renamed_from people
CREATE TABLE persons (
    id bigint PRIMARY KEY,
    full_name text NOT NULL, -- flash:renamed_from name
    -- flash:renamed_from mail
    email text,
    age int -- just a comment
);

CREATE TABLE teams ( -- flash:renamed_from groups
    id bigint PRIMARY KEY, -- flash:renamed_from group_id
    title text
);

CREATE TABLE single (a int) -- flash:renamed_from solo
;

-- flash:renamed_from persons_email_old
CREATE INDEX persons_email ON persons (email);

ALTER TABLE teams ADD COLUMN motto text; -- flash:renamed_from slogan

-- flash:renamed_from mood
CREATE TYPE feeling AS ENUM ('sad', 'ok');

CREATE VIEW adults_v AS SELECT id FROM persons WHERE age > 17; -- flash:renamed_from adults
