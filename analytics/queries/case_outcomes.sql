-- First-contact resolution, reopen, escalation, de-escalation and merged duplicates (الحل من أول تواصل،
-- إعادة الفتح، التصعيد، خفض المستوى، الدمج), by department, for cases opened in the period.
-- First-contact resolution: resolved at tier 1, never moved between tiers, never reopened, and no further
-- message from the citizen after the first. Reopened: resolved, then back in progress. Escalated: moved up a
-- tier at least once (by an agent or an SLA breach). De-escalated: moved down a tier at least once.
-- Source: cases, case_events. Parameters: 1 first day, 2 last day (local day the case was opened).
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c
),
opened AS (
  SELECT reference, department_code, status, tier, merged_into, resolved_at
  FROM latest
  WHERE newest = 1 AND created_day BETWEEN ? AND ?
),
facts AS (
  SELECT reference,
         sum(CASE WHEN kind = 'tier' AND tier_to > tier_from THEN 1 ELSE 0 END) AS ups,
         sum(CASE WHEN kind = 'tier' AND tier_to < tier_from THEN 1 ELSE 0 END) AS downs,
         sum(CASE WHEN kind = 'status' AND status_from = 'resolved' AND status_to = 'in_progress' THEN 1 ELSE 0 END) AS reopens,
         sum(CASE WHEN kind = 'message_in' AND actor_role = 'citizen' THEN 1 ELSE 0 END) AS citizen_messages
  FROM case_events
  GROUP BY reference
),
joined AS (
  SELECT o.department_code, o.status, o.tier, o.merged_into, o.resolved_at,
         coalesce(f.ups, 0) AS ups, coalesce(f.downs, 0) AS downs,
         coalesce(f.reopens, 0) AS reopens, coalesce(f.citizen_messages, 0) AS citizen_messages
  FROM opened o LEFT JOIN facts f ON f.reference = o.reference
)
SELECT department_code,
       count(*) AS cases,
       sum(CASE WHEN resolved_at IS NOT NULL AND merged_into IS NULL THEN 1 ELSE 0 END) AS resolved,
       sum(CASE WHEN resolved_at IS NOT NULL AND merged_into IS NULL AND tier = 1 AND ups = 0 AND downs = 0
                 AND reopens = 0 AND citizen_messages <= 1 THEN 1 ELSE 0 END) AS first_contact_resolved,
       sum(CASE WHEN reopens > 0 THEN 1 ELSE 0 END) AS reopened,
       sum(CASE WHEN ups > 0 THEN 1 ELSE 0 END) AS escalated,
       sum(CASE WHEN downs > 0 THEN 1 ELSE 0 END) AS de_escalated,
       sum(CASE WHEN merged_into IS NOT NULL THEN 1 ELSE 0 END) AS merged_duplicates
FROM joined
GROUP BY department_code
ORDER BY department_code
