-- The catalogue. The analysis status of each flow's current revision, stored when the revision is
-- saved so that listing never analyses a flow (status_revision says which revision it belongs to;
-- rows saved before this migration are classified by a background pass after start); who saved it
-- (once sign-in exists); name and description in lower case for the text search (written by Eddy,
-- so that case-insensitivity does not depend on the database's locale); the flow's tags for
-- filtering; and every revision before the current one.
ALTER TABLE flows ADD COLUMN status VARCHAR(16);
ALTER TABLE flows ADD COLUMN search_text TEXT;
UPDATE flows SET search_text = LOWER(name || ' ' || COALESCE(description, ''));
ALTER TABLE flows ADD COLUMN status_revision BIGINT;
ALTER TABLE flows ADD COLUMN updated_by VARCHAR(200);

CREATE TABLE flow_tags (
  flow_id  VARCHAR(64) NOT NULL,
  position INT         NOT NULL,
  tag      VARCHAR(200) NOT NULL,
  PRIMARY KEY (flow_id, position)
);
CREATE INDEX flow_tags_tag ON flow_tags (tag);

CREATE TABLE flow_revisions (
  flow_id   VARCHAR(64) NOT NULL,
  revision  BIGINT      NOT NULL,
  document  TEXT        NOT NULL,
  saved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  saved_by  VARCHAR(200),
  PRIMARY KEY (flow_id, revision)
);
