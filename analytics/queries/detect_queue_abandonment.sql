-- Queue abandonment's input (docs/decisions/0108, 0119): per queue, the calls and chats offered to it and
-- those whose caller left before an agent answered, over the window the detector tests and the baseline
-- days before it. What counts is what the abandonment figure counts (calls.sql): offered, not a call back,
-- VOICE or CHAT; a contact belongs to the period it entered the queue in.
-- Source: contacts (Connect contact records).
-- Parameters: 1 window's start (UTC, 'YYYY-MM-DD HH:MM:SS'), 2 first local day of the partitions to read,
-- 3 baseline's start, 4 window's end (excluded).
WITH queued AS (
  SELECT queue_name, abandoned,
         CASE WHEN enqueued_at >= CAST(? AS timestamp) THEN 'window' ELSE 'baseline' END AS period
  FROM contacts
  WHERE day >= ? AND offered AND NOT callback AND channel IN ('VOICE', 'CHAT') AND queue_name IS NOT NULL
    AND enqueued_at >= CAST(? AS timestamp) AND enqueued_at < CAST(? AS timestamp)
)
SELECT queue_name AS queue, period,
       count(*) AS offered,
       sum(CASE WHEN abandoned THEN 1 ELSE 0 END) AS abandoned
FROM queued
GROUP BY queue_name, period
ORDER BY queue_name, period DESC
