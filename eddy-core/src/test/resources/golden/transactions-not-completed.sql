-- Flink SQL exported by Eddy 0.1.0
-- Exported at: 2026-01-01T00:00:00Z
-- Flow: Transactions not completed in time
-- Description: A transaction that starts, is processed twice in a row and is not completed within 7 minutes of its start, one event when the 7 minutes have passed
-- Redacted: nothing (the flow holds no credentials)
-- Runs on Apache Flink 2.2 with the Apache Kafka, JSON and JDBC connectors.

SET 'pipeline.name' = 'Transactions not completed in time';
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

CREATE TEMPORARY VIEW `Processed twice, not completed` AS
SELECT
  `matched`.`txid` AS `txid`,
  `matched`.`startedAt` AS `startedAt`,
  `matched`.`amount` AS `amount`,
  `matched`.`matchedAt` AS `matchedAt`
FROM (
SELECT
  `txid` AS `txid`,
  CAST(`startedAt` AS TIMESTAMP(3)) AS `startedAt`,
  `amount` AS `amount`,
  `matchedAt` AS `matchedAt`,
  `eddy_first_time`,
  `eddy_match_time`
FROM (
SELECT *
FROM `Transactions`
MATCH_RECOGNIZE (
  PARTITION BY `txid` ORDER BY `ts`
  MEASURES (
    FIRST(started.ts)
  ) AS `startedAt`, (
    LAST(processing.amount)
  ) AS `amount`, (
    MATCH_ROWTIME()
  ) AS `matchedAt`, (
    CAST(FIRST(`started`.`ts`) AS TIMESTAMP(3))
  ) AS `eddy_first_time`, (
    MATCH_ROWTIME()
  ) AS `eddy_match_time`
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
)
) AS `matched`
LEFT JOIN (
SELECT `txid`, `ts`, CAST(`ts` AS TIMESTAMP(3)) AS `eddy_time`, TRUE AS `eddy_found`
FROM `Transactions`
WHERE (
  state = 'COMPLETED'
)
) AS `completed`
ON `matched`.`txid` IS NOT DISTINCT FROM `completed`.`txid`
AND `completed`.`ts` > `matched`.`eddy_match_time`
AND `completed`.`ts` <= `matched`.`eddy_match_time` + INTERVAL '7' MINUTE(2)
AND `completed`.`eddy_time` < `matched`.`eddy_first_time` + INTERVAL '7' MINUTE(2)
WHERE `completed`.`eddy_found` IS NULL;

CREATE TABLE `Publish transactions not completed` (
  `txid` STRING,
  `startedAt` TIMESTAMP(3),
  `amount` DOUBLE,
  `matchedAt` TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'TRANSACTIONS.NOT.COMPLETED',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'json.timestamp-format.standard' = 'SQL'
);

INSERT INTO `Publish transactions not completed`
SELECT
  `txid`,
  CAST(`startedAt` AS TIMESTAMP(3)) AS `startedAt`,
  `amount`,
  CAST(`matchedAt` AS TIMESTAMP(3)) AS `matchedAt`
FROM `Processed twice, not completed`;
