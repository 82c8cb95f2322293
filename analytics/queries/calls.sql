-- Calls and chats (المكالمات والمحادثات): offered, answered, abandoned, average speed of answer, service
-- level and average handle time, per day, channel and queue. Call backs are counted apart (callbacks).
-- Source: contacts (Connect contact records), channels VOICE and CHAT, contacts that entered a queue.
-- Parameters: 1 service-level threshold in seconds (answered within it), 2 first day, 3 last day.
-- The last three columns are the sums behind the averages and the service level, so that periods and
-- queues can be combined exactly (functions/core/analytics/figures.ts).
WITH queued AS (
  SELECT day, channel, queue_name, answered, abandoned, queue_wait_seconds,
         coalesce(interaction_seconds, 0) + coalesce(hold_seconds, 0)
           + coalesce(after_contact_work_seconds, 0) AS handle_seconds,
         CASE WHEN answered AND queue_wait_seconds <= ? THEN 1 ELSE 0 END AS within_threshold
  FROM contacts
  WHERE offered AND NOT callback AND channel IN ('VOICE', 'CHAT') AND day BETWEEN ? AND ?
)
SELECT day, channel, queue_name,
       count(*) AS offered,
       sum(CASE WHEN answered THEN 1 ELSE 0 END) AS answered,
       sum(CASE WHEN abandoned THEN 1 ELSE 0 END) AS abandoned,
       round(100.0 * sum(CASE WHEN abandoned THEN 1 ELSE 0 END) / count(*), 1) AS abandoned_pct,
       round(avg(CASE WHEN answered THEN queue_wait_seconds END), 1) AS average_speed_of_answer_seconds,
       round(100.0 * sum(within_threshold) / count(*), 1) AS service_level_pct,
       round(avg(CASE WHEN answered THEN handle_seconds END), 1) AS average_handle_seconds,
       sum(within_threshold) AS answered_within_threshold,
       sum(CASE WHEN answered THEN queue_wait_seconds ELSE 0 END) AS answer_wait_seconds,
       sum(CASE WHEN answered THEN handle_seconds ELSE 0 END) AS handle_seconds
FROM queued
GROUP BY day, channel, queue_name
ORDER BY day, channel, queue_name
