-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: Online revenue per country (Avro)
-- Description: Online orders written as Avro with their record schema: revenue per customer country every hour, exact to the cent, written as Avro keyed by country
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors and the Avro format (flink-sql-avro).
-- Avro sources read with Eddy's format 'eddy-avro', which skips a message it cannot decode: the cluster needs Eddy's eddy-formats jar in lib/ (or ADD JAR it).

SET 'pipeline.name' = 'Online revenue per country (Avro)';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE `Online orders (Avro) (Kafka topic)` (
  `id` STRING NOT NULL,
  `customer` ROW<`id` STRING NOT NULL, `name` STRING NOT NULL, `country` STRING> NOT NULL,
  `items` ARRAY<ROW<`sku` STRING NOT NULL, `description` STRING, `qty` INT NOT NULL, `price` DECIMAL(10, 2) NOT NULL> NOT NULL> NOT NULL,
  `total` DECIMAL(10, 2) NOT NULL,
  `ordertime` TIMESTAMP_LTZ(3) NOT NULL,
  `eddy_event_time` AS `ordertime`,
  WATERMARK FOR `eddy_event_time` AS `eddy_event_time` - INTERVAL '5' SECOND(2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'ONLINE.ORDERS.AVRO',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-orders',
  'scan.startup.mode' = 'earliest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'eddy-avro',
  'eddy-avro.timestamp_mapping.legacy' = 'false'
);

CREATE TEMPORARY VIEW `Online orders (Avro)` AS
SELECT
  `id`,
  `customer`,
  `total`,
  `eddy_event_time` AS `ordertime`
FROM `Online orders (Avro) (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TEMPORARY VIEW `Customer country` AS
SELECT
  `id` AS `id`,
  `total` AS `total`,
  `ordertime` AS `ordertime`,
  (customer.country) AS `country`
FROM `Online orders (Avro)` AS `Online orders (Avro)`;

CREATE TEMPORARY VIEW `Revenue per country` AS
SELECT
  `country` AS `country`,
  SUM(`total`) AS `revenue`,
  COUNT(*) AS `orders`,
  `window_start` AS `aggregateStartTime`,
  `window_end` AS `aggregateEndTime`,
  `window_time` AS `aggregateResultTime`
FROM TABLE(TUMBLE(TABLE `Customer country`, DESCRIPTOR(`ordertime`), INTERVAL '1' HOUR(2)))
GROUP BY `window_start`, `window_end`, `window_time`, `country`;

CREATE TABLE `Publish country revenue` (
  `country` STRING,
  `revenue` DECIMAL(38, 2),
  `orders` BIGINT,
  `aggregateStartTime` TIMESTAMP(3),
  `aggregateEndTime` TIMESTAMP(3),
  `aggregateResultTime` TIMESTAMP_LTZ(3),
  `eddy_key` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'ONLINE.REVENUE.PER.COUNTRY.AVRO',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'avro',
  'avro.timestamp_mapping.legacy' = 'false',
  'key.format' = 'raw',
  'key.fields' = 'eddy_key',
  'value.fields-include' = 'EXCEPT_KEY'
);

INSERT INTO `Publish country revenue`
SELECT
  `country`,
  `revenue`,
  `orders`,
  CAST(`aggregateStartTime` AS TIMESTAMP(3)) AS `aggregateStartTime`,
  CAST(`aggregateEndTime` AS TIMESTAMP(3)) AS `aggregateEndTime`,
  CAST(`aggregateResultTime` AS TIMESTAMP_LTZ(3)) AS `aggregateResultTime`,
  CAST(`country` AS STRING) AS `eddy_key`
FROM `Revenue per country`;
