-- Open data (البيانات المفتوحة): one row per case opened in the period, for researchers, anonymized. Only
-- these columns leave the store: no citizen key, no free text (the store holds none), no contact, no media;
-- the place is the wilayat (the export adds its centre, not the reported point). Merged duplicates are
-- flagged, not dropped. Source: cases (newest version of each case).
-- Parameters: 1 first day, 2 last day (YYYY-MM-DD, inclusive, local day the case was opened).
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c
)
SELECT reference, category_code, department_code, status, origin_channel AS channel, wilayat_code,
       created_at, updated_at,
       CASE WHEN merged_into IS NULL THEN false ELSE true END AS duplicate
FROM latest
WHERE newest = 1 AND created_day BETWEEN ? AND ?
ORDER BY created_at, reference
