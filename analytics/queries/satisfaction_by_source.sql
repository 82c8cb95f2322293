-- Satisfaction by source (الرضا حسب المصدر): ratings 1–5 given in the period, by the way they were given
-- (ivr_survey: the hotline's or chat's survey; sms, email, portal: the one-tap rating after a written
-- answer) and the channel they came in on. Source: ratings. Parameters: 1 first day, 2 last day.
SELECT source, coalesce(channel, 'unknown') AS channel,
       count(*) AS ratings,
       round(avg(rating), 2) AS average,
       round(100.0 * sum(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) / count(*), 1) AS satisfied_pct,
       sum(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) AS satisfied,
       sum(rating) AS rating_sum
FROM ratings
WHERE day BETWEEN ? AND ?
GROUP BY source, coalesce(channel, 'unknown')
ORDER BY source, channel
