-- Time to first response and to resolution (زمن الرد الأول وزمن المعالجة), in hours, median and 90th
-- percentile, by department and category, for cases opened in the period. First response: the first message
-- a staff member sent the citizen. Resolution: the first time the case was resolved.
-- Source: cases (first version for the opening, first resolved version), case_events (message_out by staff).
-- Parameters: 1 first day, 2 last day (YYYY-MM-DD, inclusive, local day the case was opened).
WITH opened AS (
  SELECT reference, department_code, category_code, created_at
  FROM (
    SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version ASC) AS first
    FROM cases c
  ) t
  WHERE first = 1 AND created_day BETWEEN ? AND ?
),
first_response AS (
  SELECT reference, min(occurred_at) AS at_first
  FROM case_events
  WHERE kind = 'message_out' AND actor_role = 'staff'
  GROUP BY reference
),
first_resolution AS (
  SELECT reference, min(resolved_at) AS at_first
  FROM cases
  WHERE resolved_at IS NOT NULL
  GROUP BY reference
),
timed AS (
  SELECT o.department_code, o.category_code,
         date_diff('second', o.created_at, r.at_first) / 3600.0 AS response_hours,
         date_diff('second', o.created_at, s.at_first) / 3600.0 AS resolution_hours
  FROM opened o
  LEFT JOIN first_response r ON r.reference = o.reference
  LEFT JOIN first_resolution s ON s.reference = o.reference
)
SELECT department_code, category_code,
       count(*) AS cases,
       count(response_hours) AS answered,
       round(approx_percentile(response_hours, 0.5), 2) AS response_median_hours,
       round(approx_percentile(response_hours, 0.9), 2) AS response_p90_hours,
       count(resolution_hours) AS resolved,
       round(approx_percentile(resolution_hours, 0.5), 2) AS resolution_median_hours,
       round(approx_percentile(resolution_hours, 0.9), 2) AS resolution_p90_hours
FROM timed
GROUP BY department_code, category_code
ORDER BY department_code, category_code
