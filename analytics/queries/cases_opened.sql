-- Drill-down (البلاغات وراء الرقم): the cases opened in the period behind a figure, newest first, with the
-- dimensions the figures are cut by, so a number on the Analytics screen opens the cases that make it.
-- Source: cases (newest version of each case). An empty filter ('' or tier 0) matches every case; wilayat
-- 'unknown' matches cases without a location, as the volume figure names them.
-- Parameters: 1 first day, 2 last day (YYYY-MM-DD, inclusive, local day the case was opened),
-- 3 and 4 department, 5 and 6 category, 7 and 8 wilayat, 9 and 10 channel, 11 and 12 tier, 13 and 14
-- language (each filter twice: once to test for "any", once to compare). At most 501 rows: the caller shows
-- 500 and says there are more (a constant: Trino takes no parameter in LIMIT).
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c
)
SELECT reference, created_day AS day, origin_channel AS channel, category_code, department_code,
       coalesce(wilayat_code, 'unknown') AS wilayat_code, language, tier, status
FROM latest
WHERE newest = 1 AND created_day BETWEEN ? AND ?
  AND (? = '' OR department_code = ?)
  AND (? = '' OR category_code = ?)
  AND (? = '' OR coalesce(wilayat_code, 'unknown') = ?)
  AND (? = '' OR origin_channel = ?)
  AND (? = 0 OR tier = ?)
  AND (? = '' OR language = ?)
ORDER BY created_at DESC, reference DESC
LIMIT 501
