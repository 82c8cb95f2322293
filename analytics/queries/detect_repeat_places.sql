-- Recurring problems by place (docs/decisions/0108): each case opened in the period within a number of
-- seconds after another case of the same category in the same wilayat was resolved, with the newest such
-- case. The wilayat is the finest place the store keeps (no coordinates, docs/decisions/0100); cases with
-- no wilayat and merged duplicates are left out.
-- Source: cases (newest version of each case).
-- Parameters: 1 first local day of the partitions to read (the period's start less the repeat window),
-- 2 from, 3 to (UTC, 'YYYY-MM-DD HH:MM:SS', the end excluded), 4 the repeat window in seconds.
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c
  WHERE c.day >= ?
),
placed AS (
  SELECT reference, category_code, department_code, wilayat_code, created_at, resolved_at, merged_into
  FROM latest
  WHERE newest = 1 AND wilayat_code IS NOT NULL AND merged_into IS NULL
)
SELECT n.reference, n.created_at, n.category_code, n.wilayat_code, n.department_code,
       max(p.reference) AS after_reference
FROM placed n
JOIN placed p
  ON p.category_code = n.category_code AND p.wilayat_code = n.wilayat_code AND p.reference <> n.reference
WHERE n.created_at >= CAST(? AS timestamp) AND n.created_at < CAST(? AS timestamp)
  AND p.resolved_at IS NOT NULL AND p.resolved_at < n.created_at
  AND date_diff('second', p.resolved_at, n.created_at) <= ?
GROUP BY n.reference, n.created_at, n.category_code, n.wilayat_code, n.department_code
ORDER BY n.created_at, n.reference
