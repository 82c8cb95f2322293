-- Spikes' input (docs/decisions/0101, 0108): cases opened per UTC hour, by category, wilayat, department
-- and channel, over the baseline weeks and the window the detector tests.
-- Source: cases (each case once, in its newest version: its category after any correction).
-- Parameters: 1 first local day of the partitions to read (a case's versions are all written on or after
-- the day it was opened), 2 from, 3 to (UTC, 'YYYY-MM-DD HH:MM:SS', the end excluded).
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c
  WHERE c.day >= ?
)
SELECT date_trunc('hour', created_at) AS hour, category_code, coalesce(wilayat_code, 'unknown') AS wilayat_code,
       department_code, origin_channel AS channel, count(*) AS cases
FROM latest
WHERE newest = 1 AND created_at >= CAST(? AS timestamp) AND created_at < CAST(? AS timestamp)
GROUP BY date_trunc('hour', created_at), category_code, coalesce(wilayat_code, 'unknown'), department_code, origin_channel
ORDER BY hour, category_code, wilayat_code, department_code, channel
