CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at TEXT
);

CREATE TRIGGER notes_touch AFTER UPDATE OF body ON notes
FOR EACH ROW
BEGIN
    UPDATE notes SET updated_at = datetime('now') WHERE id = NEW.id;
    SELECT CASE WHEN NEW.body = '' THEN RAISE(ABORT, 'empty; body') END;
END;

CREATE TEMP TRIGGER IF NOT EXISTS notes_log AFTER INSERT ON main.notes BEGIN SELECT 1; END;

CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='notes', content_rowid='id');

CREATE VIEW IF NOT EXISTS recent_notes AS SELECT * FROM notes ORDER BY id DESC LIMIT 10;

PRAGMA foreign_keys = ON;
