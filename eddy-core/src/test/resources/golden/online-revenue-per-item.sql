-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: Online revenue per item
-- Description: Online orders carry a customer object and item lines: each line unpacked, revenue per SKU every hour, exact to the cent
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'Online revenue per item';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE `Online orders (Kafka topic)` (
  `id` STRING,
  `customer` ROW<`id` STRING, `name` STRING, `country` STRING>,
  `items` ARRAY<ROW<`sku` STRING, `description` STRING, `qty` INT, `price` DECIMAL(10, 2)>>,
  `total` DECIMAL(10, 2),
  `ordertime` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`ordertime`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`ordertime`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`ordertime` FROM 1 FOR CHAR_LENGTH(`ordertime`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`ordertime`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END,
  WATERMARK FOR `eddy_event_time` AS `eddy_event_time` - INTERVAL '5' SECOND(2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'ONLINE.ORDERS',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-orders',
  'scan.startup.mode' = 'earliest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
);

CREATE TEMPORARY VIEW `Online orders` AS
SELECT
  `id`,
  `customer`,
  `items`,
  `total`,
  `eddy_event_time` AS `ordertime`
FROM `Online orders (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TEMPORARY VIEW `Item lines` AS
SELECT
  `Online orders`.`id`,
  `Online orders`.`customer`,
  `Online orders`.`total`,
  `Online orders`.`ordertime`,
  CAST(ROW(`eddy_unnested`.`eddy_field_1`, `eddy_unnested`.`eddy_field_2`, `eddy_unnested`.`eddy_field_3`, `eddy_unnested`.`eddy_field_4`) AS ROW<`sku` STRING, `description` STRING, `qty` INT, `price` DECIMAL(10, 2)>) AS `item`,
  CAST(`eddy_unnested`.`eddy_position` AS INT) AS `lineNumber`
FROM `Online orders` AS `Online orders`
CROSS JOIN UNNEST(`Online orders`.`items`) WITH ORDINALITY AS `eddy_unnested`(`eddy_field_1`, `eddy_field_2`, `eddy_field_3`, `eddy_field_4`, `eddy_position`);

CREATE TEMPORARY VIEW `Line totals` AS
SELECT
  `id` AS `id`,
  `ordertime` AS `ordertime`,
  `lineNumber` AS `lineNumber`,
  (item.sku) AS `sku`,
  (customer.country) AS `country`,
  (item.price * item.qty) AS `lineTotal`
FROM `Item lines` AS `Item lines`;

CREATE TEMPORARY VIEW `Revenue per item` AS
SELECT
  `sku` AS `sku`,
  SUM(`lineTotal`) AS `revenue`,
  COUNT(*) AS `lines`,
  `window_start` AS `aggregateStartTime`,
  `window_end` AS `aggregateEndTime`,
  `window_time` AS `aggregateResultTime`
FROM TABLE(TUMBLE(TABLE `Line totals`, DESCRIPTOR(`ordertime`), INTERVAL '1' HOUR(2)))
GROUP BY `window_start`, `window_end`, `window_time`, `sku`;

CREATE TABLE `Publish item revenue` (
  `sku` STRING,
  `revenue` DECIMAL(38, 2),
  `lines` BIGINT,
  `aggregateStartTime` TIMESTAMP(3),
  `aggregateEndTime` TIMESTAMP(3),
  `aggregateResultTime` TIMESTAMP(3),
  `eddy_key` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'ONLINE.REVENUE.PER.ITEM',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'SQL',
  'json.encode.decimal-as-plain-number' = 'true',
  'key.format' = 'raw',
  'key.fields' = 'eddy_key',
  'value.fields-include' = 'EXCEPT_KEY'
);

INSERT INTO `Publish item revenue`
SELECT
  `sku`,
  `revenue`,
  `lines`,
  CAST(`aggregateStartTime` AS TIMESTAMP(3)) AS `aggregateStartTime`,
  CAST(`aggregateEndTime` AS TIMESTAMP(3)) AS `aggregateEndTime`,
  CAST(`aggregateResultTime` AS TIMESTAMP(3)) AS `aggregateResultTime`,
  CAST(`sku` AS STRING) AS `eddy_key`
FROM `Revenue per item`;
