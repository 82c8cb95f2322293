-- SLA breaches (تجاوز مهلة مستوى الخدمة): deadlines missed in the period, by department and the tier that
-- missed them. Each breach moves the case up a tier (or, at tier 3, alerts the supervisor), so a case
-- can count more than once.
-- Source: case_events of kind tier with cause sla_breach.
-- Parameters: 1 first day, 2 last day (YYYY-MM-DD, inclusive, local day of the breach).
SELECT department_code, tier_from AS tier, count(*) AS breaches, count(DISTINCT reference) AS cases
FROM case_events
WHERE kind = 'tier' AND cause = 'sla_breach' AND day BETWEEN ? AND ?
GROUP BY department_code, tier_from
ORDER BY department_code, tier
