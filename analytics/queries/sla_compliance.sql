-- SLA compliance (الالتزام بمستوى الخدمة): of the cases first resolved in the period, the share resolved before
-- the deadline of the tier that resolved them, by department and tier. Deadlines are business time already
-- (they are computed on the business calendar when a case enters a tier).
-- Source: cases (the version that first holds resolved_at, i.e. the first resolution).
-- Parameters: 1 first day, 2 last day (YYYY-MM-DD, inclusive, local day of the resolution).
WITH resolutions AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version ASC) AS first
  FROM cases c
  WHERE c.status IN ('resolved', 'closed') AND c.resolved_at IS NOT NULL AND c.merged_into IS NULL
)
SELECT department_code, tier,
       count(*) AS resolved,
       sum(CASE WHEN resolved_at <= due_at THEN 1 ELSE 0 END) AS within_sla,
       round(100.0 * sum(CASE WHEN resolved_at <= due_at THEN 1 ELSE 0 END) / count(*), 1) AS compliance_pct
FROM resolutions
WHERE first = 1 AND day BETWEEN ? AND ?
GROUP BY department_code, tier
ORDER BY department_code, tier
