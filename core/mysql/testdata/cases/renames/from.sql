CREATE TABLE people (
  id INT PRIMARY KEY,
  fullname VARCHAR(100) NOT NULL,
  mail VARCHAR(255),
  KEY people_mail_idx (mail)
);
CREATE TABLE notes (
  id INT PRIMARY KEY,
  person_id INT NOT NULL,
  body TEXT,
  CONSTRAINT notes_person_fk FOREIGN KEY (person_id) REFERENCES people (id)
);
