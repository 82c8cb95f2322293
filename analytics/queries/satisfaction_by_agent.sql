-- Satisfaction by agent (الرضا حسب الموظف): ratings given in the period on cases that were with an agent,
-- by the agent's keyed hash (the store names no one; the panel maps keys to names for supervisors) and
-- the tier. Source: ratings. Parameters: 1 first day, 2 last day, 3 fewest ratings for an agent to show.
-- satisfied and rating_sum are the counts behind the share and the average, so groups can be combined.
SELECT agent_key,
       count(*) AS ratings,
       round(avg(rating), 2) AS average,
       round(100.0 * sum(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) / count(*), 1) AS satisfied_pct,
       min(tier) AS lowest_tier,
       max(tier) AS highest_tier,
       sum(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) AS satisfied,
       sum(rating) AS rating_sum
FROM ratings
WHERE agent_key IS NOT NULL AND day BETWEEN ? AND ?
GROUP BY agent_key
HAVING count(*) >= ?
ORDER BY agent_key
