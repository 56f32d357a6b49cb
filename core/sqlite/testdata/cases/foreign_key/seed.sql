INSERT INTO users (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com');
INSERT INTO orgs (id, region) VALUES (1, 'eu');
INSERT INTO posts (id, user_id, editor_id, org_id, org_region, reviewer_id) VALUES (1, 1, 2, 1, 'eu', 1);
