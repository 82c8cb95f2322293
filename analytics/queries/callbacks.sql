-- Call backs kept (معاودة الاتصال المنفّذة): call backs an agent took and spent time on, of those due,
-- per day and queue. Connect's queued call backs (InitiationMethod CALLBACK) and Nidaa's call-back tasks.
-- Source: contacts with callback. Parameters: 1 first day, 2 last day (local day the call back began).
SELECT day, queue_name,
       count(*) AS callbacks,
       sum(CASE WHEN callback_kept THEN 1 ELSE 0 END) AS kept,
       round(100.0 * sum(CASE WHEN callback_kept THEN 1 ELSE 0 END) / count(*), 1) AS kept_pct
FROM contacts
WHERE callback AND day BETWEEN ? AND ?
GROUP BY day, queue_name
ORDER BY day, queue_name
