-- IVR weak spots' input (docs/decisions/0108, 0119): per menu node, over the window the detector tests and
-- the baseline days before it, the menus answered (visits), the calls that reached the node, the calls
-- that ended there (drops), wrong keys and silences. A step has no time of its own: it takes its call's
-- start (contacts.initiated_at), so a call counts wholly in the window or wholly in the baseline.
-- Source: ivr_steps joined to contacts (a step's day is its contact's day).
-- Parameters: 1 window's start (UTC, 'YYYY-MM-DD HH:MM:SS'), 2 first local day of the partitions to read,
-- 3 the same day again (for contacts), 4 baseline's start, 5 window's end (excluded).
WITH steps AS (
  SELECT s.node, s.contact_id, s.input, s.ended_here,
         CASE WHEN c.initiated_at >= CAST(? AS timestamp) THEN 'window' ELSE 'baseline' END AS period
  FROM ivr_steps s
  JOIN contacts c ON c.contact_id = s.contact_id AND c.day = s.day
  WHERE s.day >= ? AND c.day >= ?
    AND c.initiated_at >= CAST(? AS timestamp) AND c.initiated_at < CAST(? AS timestamp)
)
SELECT node, period,
       count(*) AS visits,
       count(DISTINCT contact_id) AS calls,
       sum(CASE WHEN ended_here THEN 1 ELSE 0 END) AS drops,
       sum(CASE WHEN input = 'invalid' THEN 1 ELSE 0 END) AS wrong_keys,
       sum(CASE WHEN input = 'timeout' THEN 1 ELSE 0 END) AS timeouts
FROM steps
GROUP BY node, period
ORDER BY node, period DESC
