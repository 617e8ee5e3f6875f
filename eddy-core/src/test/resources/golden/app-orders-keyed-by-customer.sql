-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: App orders keyed by customer
-- Description: Online orders placed in the app (the channel header), one message per order keyed by customer id, with the order key and the country as headers
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'App orders keyed by customer';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE `Online orders (Kafka topic)` (
  `id` STRING,
  `customer` ROW<`id` STRING, `name` STRING, `country` STRING>,
  `items` ARRAY<ROW<`sku` STRING, `qty` INT, `price` DECIMAL(10, 2)>>,
  `total` DECIMAL(10, 2),
  `ordertime` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`ordertime`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`ordertime`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`ordertime` FROM 1 FOR CHAR_LENGTH(`ordertime`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`ordertime`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END,
  `orderKey` STRING,
  `eddy_headers` MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = 'ONLINE.ORDERS',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-orders',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'orderKey',
  'value.fields-include' = 'EXCEPT_KEY',
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
  `eddy_event_time` AS `ordertime`,
  `orderKey` AS `orderKey`,
  CAST(`eddy_headers`['channel'] AS STRING) AS `channel`
FROM `Online orders (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TEMPORARY VIEW `Placed in the app` AS
SELECT *
FROM `Online orders` AS `Online orders`
WHERE (
  channel = 'app'
);

CREATE TEMPORARY VIEW `Customer and lines` AS
SELECT
  `id` AS `id`,
  `total` AS `total`,
  `ordertime` AS `ordertime`,
  `orderKey` AS `orderKey`,
  (customer.id) AS `customerId`,
  (customer.country) AS `country`,
  (CARDINALITY(items)) AS `lines`
FROM `Placed in the app` AS `Placed in the app`;

CREATE TABLE `Publish app orders` (
  `id` STRING,
  `total` DECIMAL(10, 2),
  `ordertime` TIMESTAMP(3),
  `orderKey` STRING,
  `customerId` STRING,
  `country` STRING,
  `lines` INT,
  `eddy_key` STRING,
  `eddy_headers` MAP<STRING, BYTES> METADATA FROM 'headers'
) WITH (
  'connector' = 'kafka',
  'topic' = 'ONLINE.APP.ORDERS',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'SQL',
  'json.encode.decimal-as-plain-number' = 'true',
  'key.format' = 'raw',
  'key.fields' = 'eddy_key',
  'value.fields-include' = 'EXCEPT_KEY'
);

INSERT INTO `Publish app orders`
SELECT
  `id`,
  `total`,
  CAST(`ordertime` AS TIMESTAMP(3)) AS `ordertime`,
  `orderKey`,
  `customerId`,
  `country`,
  `lines`,
  CAST(`customerId` AS STRING) AS `eddy_key`,
  MAP['order', CAST(CAST(`orderKey` AS STRING) AS BYTES), 'country', CAST(CAST(`country` AS STRING) AS BYTES)] AS `eddy_headers`
FROM `Customer and lines`;
