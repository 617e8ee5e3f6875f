-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: Stock movements by Kafka time
-- Description: Stock movements per warehouse each minute, timed by the Kafka message timestamp
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'Stock movements by Kafka time';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE `Stock movements (Kafka topic)` (
  `movementid` STRING,
  `warehouse` STRING,
  `product` STRING,
  `quantity` INT,
  `updatetime` STRING,
  `messagetime` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `messagetime` AS `messagetime` - INTERVAL '0.001' SECOND
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
  CASE WHEN REGEXP(`updatetime`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`updatetime`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`updatetime` FROM 1 FOR CHAR_LENGTH(`updatetime`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`updatetime`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END AS `updatetime`,
  `messagetime`
FROM `Stock movements (Kafka topic)`
WHERE `messagetime` IS NOT NULL;

CREATE TEMPORARY VIEW `Movements per warehouse` AS
SELECT
  `warehouse` AS `warehouse`,
  SUM(`quantity`) AS `netQuantity`,
  `window_start` AS `aggregateStartTime`,
  `window_end` AS `aggregateEndTime`,
  `window_time` AS `aggregateResultTime`
FROM TABLE(TUMBLE(TABLE `Stock movements`, DESCRIPTOR(`messagetime`), INTERVAL '1' MINUTE(2)))
GROUP BY `window_start`, `window_end`, `window_time`, `warehouse`;

SELECT *
FROM `Movements per warehouse`;
