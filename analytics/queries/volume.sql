-- Volume (حجم البلاغات): cases opened per local day, by channel, category, department, wilayat and language.
-- Source: cases (newest version of each case). Counts every case opened, merged duplicates included.
-- Parameters: 1 first day, 2 last day (YYYY-MM-DD, inclusive, Asia/Muscat).
WITH latest AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.reference ORDER BY c.version DESC) AS newest
  FROM cases c
)
SELECT created_day AS day, origin_channel AS channel, category_code, department_code,
       coalesce(wilayat_code, 'unknown') AS wilayat_code, language, count(*) AS cases
FROM latest
WHERE newest = 1 AND created_day BETWEEN ? AND ?
GROUP BY created_day, origin_channel, category_code, department_code, coalesce(wilayat_code, 'unknown'), language
ORDER BY day, channel, category_code, department_code, wilayat_code, language
