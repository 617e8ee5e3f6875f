-- The flow documents move out of the catalogue's table: the list, its counts and its text search
-- scan every row of `flows`, and on H2 a row carrying its document (a large object) made each scan
-- about twice as slow at 10,000 flows (docs/performance.md). PostgreSQL keeps large values out of
-- line anyway; the layout is the same on both so that one set of statements serves both.
CREATE TABLE flow_documents (
  flow_id  VARCHAR(64) NOT NULL PRIMARY KEY,
  document TEXT        NOT NULL
);
INSERT INTO flow_documents (flow_id, document) SELECT id, document FROM flows;
ALTER TABLE flows DROP COLUMN document;
