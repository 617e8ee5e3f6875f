-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: Transactions processed twice
-- Description: A transaction that starts and then is processed twice in a row within 7 minutes, one event per match
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'Transactions processed twice';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE `Transactions (Kafka topic)` (
  `txid` STRING,
  `state` STRING,
  `amount` DOUBLE,
  `ts` STRING,
  `eddy_event_time` AS CASE WHEN REGEXP(`ts`, '^[0-9]{4}-([0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z?|[0-9]{1,2}-[0-9]{1,2})$') THEN CASE CHAR_LENGTH(`ts`) WHEN 19 THEN TO_TIMESTAMP(REPLACE(`ts`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss') WHEN 20 THEN TO_TIMESTAMP(REPLACE(`ts`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss''Z''') WHEN 23 THEN TO_TIMESTAMP(REPLACE(`ts`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS') WHEN 24 THEN TO_TIMESTAMP(REPLACE(`ts`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''') ELSE TO_TIMESTAMP(REPLACE(`ts`, ' ', 'T'), 'yyyy-MM-dd''T''HH:mm:ss[.SSS][''Z'']') END ELSE CASE WHEN SUBSTRING(`ts` FROM CHAR_LENGTH(`ts`) - 5 FOR 1) IN ('+', '-') THEN TIMESTAMPADD(MINUTE, (CASE WHEN SUBSTRING(`ts` FROM CHAR_LENGTH(`ts`) - 5 FOR 1) = '-' THEN 1 ELSE -1 END) * (TRY_CAST(SUBSTRING(`ts` FROM CHAR_LENGTH(`ts`) - 4 FOR 2) AS INT) * 60 + TRY_CAST(SUBSTRING(`ts` FROM CHAR_LENGTH(`ts`) - 1 FOR 2) AS INT)), TRY_CAST(REPLACE(SUBSTRING(`ts` FROM 1 FOR CHAR_LENGTH(`ts`) - 6), 'T', ' ') AS TIMESTAMP(3))) ELSE TRY_CAST(REPLACE(REPLACE(`ts`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)) END END,
  WATERMARK FOR `eddy_event_time` AS `eddy_event_time` - INTERVAL '30' SECOND(2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'TRANSACTIONS',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'eddy-transactions',
  'scan.startup.mode' = 'earliest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true',
  'json.fail-on-missing-field' = 'false'
);

CREATE TEMPORARY VIEW `Transactions` AS
SELECT
  `txid`,
  `state`,
  `amount`,
  `eddy_event_time` AS `ts`
FROM `Transactions (Kafka topic)`
WHERE `eddy_event_time` IS NOT NULL;

CREATE TEMPORARY VIEW `Started then processed twice` AS
SELECT
  `txid` AS `txid`,
  CAST(`startedAt` AS TIMESTAMP(3)) AS `startedAt`,
  CAST(`lastProcessedAt` AS TIMESTAMP(3)) AS `lastProcessedAt`,
  `amount` AS `amount`,
  `matchedAt` AS `matchedAt`
FROM (
SELECT *
FROM `Transactions`
MATCH_RECOGNIZE (
  PARTITION BY `txid` ORDER BY `ts`
  MEASURES (
    FIRST(started.ts)
  ) AS `startedAt`, (
    LAST(processing.ts)
  ) AS `lastProcessedAt`, (
    LAST(processing.amount)
  ) AS `amount`, (
    MATCH_ROWTIME()
  ) AS `matchedAt`
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (`started` `processing`{2}) WITHIN INTERVAL '7' MINUTE(2)
  DEFINE
    `started` AS (
      state = 'STARTED'
    ),
    `processing` AS (
      state = 'PROCESSING'
    )
)
);

CREATE TABLE `Publish transactions processed twice` (
  `txid` STRING,
  `startedAt` TIMESTAMP(3),
  `lastProcessedAt` TIMESTAMP(3),
  `amount` DOUBLE,
  `matchedAt` TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'TRANSACTIONS.PROCESSED.TWICE',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'SQL'
);

INSERT INTO `Publish transactions processed twice`
SELECT
  `txid`,
  CAST(`startedAt` AS TIMESTAMP(3)) AS `startedAt`,
  CAST(`lastProcessedAt` AS TIMESTAMP(3)) AS `lastProcessedAt`,
  `amount`,
  CAST(`matchedAt` AS TIMESTAMP(3)) AS `matchedAt`
FROM `Started then processed twice`;
