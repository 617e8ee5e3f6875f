-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: Orders cancelled within 30 minutes
-- Description: Orders that were cancelled less than 30 minutes after they were placed
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'Orders cancelled within 30 minutes';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE `Orders (Kafka topic)` (
  `id` STRING,
  `customer` STRING,
  `customerid` STRING,
  `description` STRING,
  `price` DOUBLE,
  `quantity` INT,
  `region` STRING,
  `ordertime` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`ordertime`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`ordertime`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`ordertime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`ordertime` FROM CHAR_LENGTH(`ordertime`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`ordertime` FROM 1 FOR CHAR_LENGTH(`ordertime`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`ordertime`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END,
  WATERMARK FOR `eddy_event_time` AS `eddy_event_time` - INTERVAL '5' SECOND(2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'ORDERS.NEW',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-orders',
  'scan.startup.mode' = 'earliest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
);

CREATE TEMPORARY VIEW `Orders` AS
SELECT
  `id`,
  `customer`,
  `customerid`,
  `description`,
  `price`,
  `quantity`,
  `region`,
  `eddy_event_time` AS `ordertime`
FROM `Orders (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TABLE `Cancellations (Kafka topic)` (
  `id` STRING,
  `orderid` STRING,
  `canceltime` STRING,
  `reason` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`canceltime`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`canceltime`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`canceltime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`canceltime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`canceltime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`canceltime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`canceltime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`canceltime` FROM CHAR_LENGTH(`canceltime`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`canceltime` FROM CHAR_LENGTH(`canceltime`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`canceltime` FROM CHAR_LENGTH(`canceltime`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`canceltime` FROM CHAR_LENGTH(`canceltime`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`canceltime` FROM 1 FOR CHAR_LENGTH(`canceltime`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`canceltime`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END,
  WATERMARK FOR `eddy_event_time` AS `eddy_event_time` - INTERVAL '5' SECOND(2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'CANCELLATIONS',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-cancellations',
  'scan.startup.mode' = 'earliest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
);

CREATE TEMPORARY VIEW `Cancellations` AS
SELECT
  `id`,
  `orderid`,
  `eddy_event_time` AS `canceltime`,
  `reason`
FROM `Cancellations (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TEMPORARY VIEW `Cancelled orders` AS
SELECT
  `Orders`.`id` AS `id`,
  `Orders`.`customer` AS `customer`,
  `Orders`.`customerid` AS `customerid`,
  `Orders`.`description` AS `description`,
  `Orders`.`price` AS `price`,
  `Orders`.`quantity` AS `quantity`,
  `Orders`.`region` AS `region`,
  `Orders`.`ordertime` AS `ordertime`,
  `Cancellations`.`canceltime` AS `canceltime`,
  `Cancellations`.`reason` AS `cancelReason`
FROM `Orders` AS `Orders`
JOIN `Cancellations` AS `Cancellations`
ON (
  `Orders`.`id` = `Cancellations`.`orderid`
)
AND `Cancellations`.`canceltime` BETWEEN `Orders`.`ordertime` AND `Orders`.`ordertime` + INTERVAL '30' MINUTE(2);

CREATE TABLE `Publish cancelled orders` (
  `id` STRING,
  `customer` STRING,
  `customerid` STRING,
  `description` STRING,
  `price` DOUBLE,
  `quantity` INT,
  `region` STRING,
  `ordertime` TIMESTAMP(3),
  `canceltime` TIMESTAMP(3),
  `cancelReason` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'ORDERS.CANCELLED',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'SQL'
);

INSERT INTO `Publish cancelled orders`
SELECT
  `id`,
  `customer`,
  `customerid`,
  `description`,
  `price`,
  `quantity`,
  `region`,
  CAST(`ordertime` AS TIMESTAMP(3)) AS `ordertime`,
  CAST(`canceltime` AS TIMESTAMP(3)) AS `canceltime`,
  `cancelReason`
FROM `Cancelled orders`;
