-- Flow documents (JSON text) with their metadata; revision drives optimistic concurrency.
CREATE TABLE flows (
  id          VARCHAR(64)  NOT NULL PRIMARY KEY,
  name        VARCHAR(1024) NOT NULL,
  description TEXT,
  document    TEXT         NOT NULL,
  revision    BIGINT       NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX flows_updated_at ON flows (updated_at);
