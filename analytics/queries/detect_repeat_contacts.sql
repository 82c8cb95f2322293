-- A citizen contacting us again and again about one case (docs/decisions/0108): per case with a contact
-- from its citizen in the window, how many contacts it has had (the report, each message in, each
-- reopening by the citizen), if at least the threshold.
-- Source: case_events (actor_role citizen).
-- Parameters: 1 first local day of the partitions to read (how far back contacts count), 2 to (UTC,
-- 'YYYY-MM-DD HH:MM:SS', excluded), 3 from (the window's start, included), 4 the same again, 5 the least
-- number of contacts reported.
WITH contacts AS (
  SELECT reference, occurred_at, category_code, department_code, coalesce(wilayat_code, 'unknown') AS wilayat_code
  FROM case_events
  WHERE day >= ? AND actor_role = 'citizen' AND occurred_at < CAST(? AS timestamp)
    AND (kind IN ('created', 'message_in')
         OR (kind = 'status' AND status_from = 'resolved' AND status_to = 'in_progress'))
)
SELECT reference, max(category_code) AS category_code, max(wilayat_code) AS wilayat_code,
       max(department_code) AS department_code, count(*) AS contacts,
       sum(CASE WHEN occurred_at >= CAST(? AS timestamp) THEN 1 ELSE 0 END) AS contacts_in_window
FROM contacts
GROUP BY reference
HAVING sum(CASE WHEN occurred_at >= CAST(? AS timestamp) THEN 1 ELSE 0 END) > 0 AND count(*) >= ?
ORDER BY reference
