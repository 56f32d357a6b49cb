CREATE TABLE customers ( -- flash:renamed_from people
  id INT PRIMARY KEY,
  full_name VARCHAR(100) NOT NULL, -- flash:renamed_from fullname
  email VARCHAR(255), -- flash:renamed_from mail
  KEY people_mail_idx (email)
);
CREATE TABLE notes (
  id INT PRIMARY KEY,
  customer_id INT NOT NULL, -- flash:renamed_from person_id
  body TEXT,
  CONSTRAINT notes_person_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
);
