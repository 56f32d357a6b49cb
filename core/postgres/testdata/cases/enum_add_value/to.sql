CREATE TYPE mood AS ENUM ('ecstatic', 'happy', 'meh', 'sad', 'angry', 'furious');

CREATE TABLE diary (
  id integer PRIMARY KEY,
  mood mood NOT NULL DEFAULT 'happy'
);
