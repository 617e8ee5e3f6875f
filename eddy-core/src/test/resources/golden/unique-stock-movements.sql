-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: Unique stock movements
-- Description: Stock movements are sometimes delivered twice: each movement kept once per hour and published
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'Unique stock movements';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE `Stock movements (Kafka topic)` (
  `movementid` STRING,
  `warehouse` STRING,
  `product` STRING,
  `quantity` INT,
  `updatetime` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`updatetime`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`updatetime`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`updatetime` FROM 1 FOR CHAR_LENGTH(`updatetime`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`updatetime`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END,
  WATERMARK FOR `eddy_event_time` AS `eddy_event_time` - INTERVAL '1' MINUTE(2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'STOCK.MOVEMENT',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-stock',
  'scan.startup.mode' = 'earliest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
);

CREATE TEMPORARY VIEW `Stock movements` AS
SELECT
  `movementid`,
  `warehouse`,
  `product`,
  `quantity`,
  `eddy_event_time` AS `updatetime`
FROM `Stock movements (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TEMPORARY VIEW `Unique movements` AS
SELECT
  `movementid`,
  `warehouse`,
  `product`,
  `quantity`,
  `updatetime`
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY `window_start`, `window_end`, `movementid` ORDER BY `updatetime` ASC) AS `eddy_row`
  FROM TABLE(TUMBLE(TABLE `Stock movements`, DESCRIPTOR(`updatetime`), INTERVAL '1' HOUR(2)))
)
WHERE `eddy_row` = 1;

CREATE TABLE `Publish unique movements` (
  `movementid` STRING,
  `warehouse` STRING,
  `product` STRING,
  `quantity` INT,
  `updatetime` TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'STOCK.MOVEMENT.UNIQUE',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'SQL'
);

INSERT INTO `Publish unique movements`
SELECT
  `movementid`,
  `warehouse`,
  `product`,
  `quantity`,
  CAST(`updatetime` AS TIMESTAMP(3)) AS `updatetime`
FROM `Unique movements`;
