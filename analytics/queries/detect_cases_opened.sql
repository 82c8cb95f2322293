-- The cases behind a spike (docs/decisions/0108): each case opened in the window, with the dimensions a
-- spike is cut by, so the alert can name them.
-- Source: cases (newest version of each case).
-- Parameters: 1 first local day of the partitions to read, 2 from, 3 to (UTC, 'YYYY-MM-DD HH:MM:SS', the
-- end excluded).
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c
  WHERE c.day >= ?
)
SELECT reference, created_at, category_code, coalesce(wilayat_code, 'unknown') AS wilayat_code, department_code,
       origin_channel AS channel
FROM latest
WHERE newest = 1 AND created_at >= CAST(? AS timestamp) AND created_at < CAST(? AS timestamp)
ORDER BY created_at, reference
