-- IVR menus (قوائم الرد الآلي): per menu, how often it was answered, how many callers left the call
-- there (drop-off) and how many answers were a wrong key or silence. Source: ivr_steps.
-- Parameters: 1 first day, 2 last day.
SELECT node,
       count(*) AS visits,
       count(DISTINCT contact_id) AS contacts,
       sum(CASE WHEN ended_here THEN 1 ELSE 0 END) AS drops,
       round(100.0 * sum(CASE WHEN ended_here THEN 1 ELSE 0 END) / count(DISTINCT contact_id), 1)
         AS drop_off_pct,
       sum(CASE WHEN input = 'invalid' THEN 1 ELSE 0 END) AS wrong_keys,
       round(100.0 * sum(CASE WHEN input = 'invalid' THEN 1 ELSE 0 END) / count(*), 1) AS wrong_key_pct,
       sum(CASE WHEN input = 'timeout' THEN 1 ELSE 0 END) AS timeouts,
       round(100.0 * sum(CASE WHEN input = 'timeout' THEN 1 ELSE 0 END) / count(*), 1) AS timeout_pct
FROM ivr_steps
WHERE day BETWEEN ? AND ?
GROUP BY node
ORDER BY node
