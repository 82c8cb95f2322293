-- Texts for emerging themes (docs/decisions/0108): the cases the classifier was unsure of (sent to triage,
-- or below its confidence threshold), opened in the period. The lake keeps no text: the detector reads
-- these cases' words from the case table.
-- Source: cases (newest version of each case); merged duplicates left out.
-- Parameters: 1 first day (of the partitions read), 2 first day, 3 last day (YYYY-MM-DD, inclusive, local
-- day the case was opened), 4 the confidence below which a case counts as unsure.
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c
  WHERE c.day >= ?
)
SELECT reference, category_code, department_code
FROM latest
WHERE newest = 1 AND created_day BETWEEN ? AND ? AND merged_into IS NULL
  AND (needs_triage OR classifier_confidence < ?)
ORDER BY reference
