-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: Orders with the customer's tier at the time
-- Description: Each order with its customer's tier as it was when the order was placed, from the compacted customer-tier topic
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'Orders with the customer''s tier at the time';
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

CREATE TABLE `Customer tiers (Kafka topic)` (
  `customerid` STRING,
  `tier` STRING,
  `updatetime` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`updatetime`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`updatetime`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`updatetime`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`updatetime` FROM CHAR_LENGTH(`updatetime`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`updatetime` FROM 1 FOR CHAR_LENGTH(`updatetime`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`updatetime`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END,
  WATERMARK FOR `eddy_event_time` AS `eddy_event_time` - INTERVAL '0.001' SECOND,
  PRIMARY KEY (`customerid`) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'CUSTOMER.TIERS',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-tiers',
  'scan.watermark.emit.strategy' = 'on-event',
  'key.format' = 'raw',
  'value.format' = 'json',
  'value.json.ignore-parse-errors' = 'true',
  'value.json.fail-on-missing-field' = 'false',
  'value.fields-include' = 'EXCEPT_KEY'
);

CREATE TEMPORARY VIEW `Customer tiers` AS
SELECT
  `customerid`,
  `tier`,
  `eddy_event_time` AS `updatetime`
FROM `Customer tiers (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TEMPORARY VIEW `Orders with tier` AS
SELECT
  `event`.`id` AS `id`,
  `event`.`customerid` AS `customerid`,
  `event`.`price` AS `price`,
  `event`.`quantity` AS `quantity`,
  `event`.`region` AS `region`,
  `event`.`ordertime` AS `ordertime`,
  `row`.`tier` AS `customerTier`
FROM `Orders` AS `event`
LEFT JOIN `Customer tiers` FOR SYSTEM_TIME AS OF `event`.`ordertime` AS `row`
ON `event`.`customerid` = `row`.`customerid`;

CREATE TABLE `Publish orders with tier` (
  `id` STRING,
  `customerid` STRING,
  `price` DOUBLE,
  `quantity` INT,
  `region` STRING,
  `ordertime` TIMESTAMP(3),
  `customerTier` STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'ORDERS.WITH.TIER',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'SQL'
);

INSERT INTO `Publish orders with tier`
SELECT
  `id`,
  `customerid`,
  `price`,
  `quantity`,
  `region`,
  CAST(`ordertime` AS TIMESTAMP(3)) AS `ordertime`,
  `customerTier`
FROM `Orders with tier`;
