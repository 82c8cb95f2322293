-- Backlog with ageing (البلاغات المفتوحة وأعمارها): cases open at a moment, by department and tier, in age bands.
-- Source: cases (the newest version written at or before the moment). Open: new, assigned, in progress,
-- waiting for the citizen. Age: whole days since the case was opened.
-- Parameters: 1 the moment (YYYY-MM-DD HH:MM:SS, UTC).
WITH as_of AS (SELECT CAST(? AS timestamp) AS moment),
latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c, as_of
  WHERE c.updated_at <= as_of.moment
),
open_cases AS (
  -- Elapsed seconds, not day boundaries: the engines count date_diff('day', …) differently.
  SELECT department_code, tier, floor(date_diff('second', created_at, as_of.moment) / 86400.0) AS age_days
  FROM latest, as_of
  WHERE newest = 1 AND status IN ('new', 'assigned', 'in_progress', 'waiting_citizen')
)
SELECT department_code, tier,
       count(*) AS open_cases,
       sum(CASE WHEN age_days < 1 THEN 1 ELSE 0 END) AS under_1_day,
       sum(CASE WHEN age_days >= 1 AND age_days < 3 THEN 1 ELSE 0 END) AS days_1_to_3,
       sum(CASE WHEN age_days >= 3 AND age_days < 7 THEN 1 ELSE 0 END) AS days_3_to_7,
       sum(CASE WHEN age_days >= 7 AND age_days < 30 THEN 1 ELSE 0 END) AS days_7_to_30,
       sum(CASE WHEN age_days >= 30 THEN 1 ELSE 0 END) AS over_30_days
FROM open_cases
GROUP BY department_code, tier
ORDER BY department_code, tier
