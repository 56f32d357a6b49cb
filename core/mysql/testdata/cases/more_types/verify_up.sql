INSERT INTO samples (id, doc, raw_hash, payload) VALUES (1, '{"a": 1}', UNHEX('00112233445566778899AABBCCDDEEFF'), 'abc');
SELECT tags = 'a,b' AND flags = 5 AND born = '2000-01-01' AND amount = -1.5 AND tiny = 0 FROM samples WHERE id = 1;
