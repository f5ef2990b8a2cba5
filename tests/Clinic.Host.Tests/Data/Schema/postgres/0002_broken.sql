-- The first statement succeeds; the second fails, so the whole migration must roll back.
CREATE TABLE faulty_partial (id INTEGER PRIMARY KEY);
INSERT INTO faulty_missing (id) VALUES (1);
