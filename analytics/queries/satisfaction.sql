-- Satisfaction (رضا المواطنين): ratings 1–5 given in the period, by department and the channel they were
-- given on (hotline survey; later the one-tap SMS/e-mail rating), with the average and the share of 4–5.
-- Source: case_events of kind survey. Parameters: 1 first day, 2 last day (local day of the rating).
SELECT department_code, coalesce(channel, 'voice') AS channel,
       count(*) AS ratings,
       round(avg(rating), 2) AS average,
       round(100.0 * sum(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) / count(*), 1) AS satisfied_pct,
       sum(CASE WHEN rating = 1 THEN 1 ELSE 0 END) AS rated_1,
       sum(CASE WHEN rating = 2 THEN 1 ELSE 0 END) AS rated_2,
       sum(CASE WHEN rating = 3 THEN 1 ELSE 0 END) AS rated_3,
       sum(CASE WHEN rating = 4 THEN 1 ELSE 0 END) AS rated_4,
       sum(CASE WHEN rating = 5 THEN 1 ELSE 0 END) AS rated_5
FROM case_events
WHERE kind = 'survey' AND rating IS NOT NULL AND day BETWEEN ? AND ?
GROUP BY department_code, coalesce(channel, 'voice')
ORDER BY department_code, channel
