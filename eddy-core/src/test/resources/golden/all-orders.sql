-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: All orders
-- Description: Orders from the shop and from the web shop, whose properties are named differently, merged into one topic
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'All orders';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE `Orders (Kafka topic)` (
  `id` STRING,
  `customer` STRING,
  `price` DOUBLE,
  `quantity` INT,
  `region` STRING,
  `ordertime` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`ordertime`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`ordertime`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`ordertime` FROM 1 FOR CHAR_LENGTH(`ordertime`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`ordertime`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END
) WITH (
  'connector' = 'kafka',
  'topic' = 'ORDERS.NEW',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-orders',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
);

CREATE TEMPORARY VIEW `Orders` AS
SELECT
  `id`,
  `customer`,
  `price`,
  `quantity`,
  `region`,
  `eddy_event_time` AS `ordertime`
FROM `Orders (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TABLE `Web shop orders (Kafka topic)` (
  `orderId` STRING,
  `customerName` STRING,
  `region` STRING,
  `price` DOUBLE,
  `quantity` INT,
  `placedat` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`placedat`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`placedat`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`placedat`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`placedat`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`placedat`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`placedat`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`placedat`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`placedat` FROM CHAR_LENGTH(`placedat`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`placedat` FROM CHAR_LENGTH(`placedat`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`placedat` FROM CHAR_LENGTH(`placedat`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`placedat` FROM CHAR_LENGTH(`placedat`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`placedat` FROM 1 FOR CHAR_LENGTH(`placedat`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`placedat`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END
) WITH (
  'connector' = 'kafka',
  'topic' = 'WEBSHOP.ORDERS',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-web',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
);

CREATE TEMPORARY VIEW `Web shop orders` AS
SELECT
  `orderId`,
  `customerName`,
  `region`,
  `price`,
  `quantity`,
  `eddy_event_time` AS `placedat`
FROM `Web shop orders (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TEMPORARY VIEW `All orders` AS
SELECT
  `id`,
  `customer`,
  `price`,
  `quantity`,
  `region`,
  `ordertime`
FROM `Orders`
UNION ALL
SELECT
  `orderId` AS `id`,
  `customerName` AS `customer`,
  `price`,
  `quantity`,
  `region`,
  `placedat` AS `ordertime`
FROM `Web shop orders`;

CREATE TABLE `Publish all orders` (
  `id` STRING,
  `customer` STRING,
  `price` DOUBLE,
  `quantity` INT,
  `region` STRING,
  `ordertime` TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'ORDERS.ALL',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'SQL'
);

INSERT INTO `Publish all orders`
SELECT
  `id`,
  `customer`,
  `price`,
  `quantity`,
  `region`,
  CAST(`ordertime` AS TIMESTAMP(3)) AS `ordertime`
FROM `All orders`;
