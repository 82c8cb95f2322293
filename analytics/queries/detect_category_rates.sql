-- Reopen and breach rates by category (docs/decisions/0108): per local day and category, cases opened,
-- resolutions, reopenings (resolved, then back in progress) and SLA breaches, for the detector to compare
-- the recent days' rates with the category's own baseline.
-- Source: case_events (the category the case had at each event).
-- Parameters: 1 first day, 2 last day (YYYY-MM-DD, inclusive, local day of the event).
SELECT day, category_code, max(department_code) AS department_code,
       sum(CASE WHEN kind = 'created' THEN 1 ELSE 0 END) AS opened,
       sum(CASE WHEN kind = 'status' AND status_to = 'resolved' THEN 1 ELSE 0 END) AS resolved,
       sum(CASE WHEN kind = 'status' AND status_from = 'resolved' AND status_to = 'in_progress' THEN 1 ELSE 0 END) AS reopened,
       sum(CASE WHEN kind = 'tier' AND cause = 'sla_breach' THEN 1 ELSE 0 END) AS breached
FROM case_events
WHERE day BETWEEN ? AND ?
GROUP BY day, category_code
ORDER BY day, category_code
