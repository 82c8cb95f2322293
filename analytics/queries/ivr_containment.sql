-- IVR self-service containment (الخدمة الذاتية عبر الرد الآلي): inbound calls and chats served in the
-- IVR (a status heard, a procedure read or sent, a complaint filed) without asking for an agent, per day
-- and channel; the rest reached a queue or were dropped in a menu.
-- Source: contacts with an ivr_outcome. Parameters: 1 first day, 2 last day.
SELECT day, channel,
       count(*) AS contacts,
       sum(CASE WHEN ivr_outcome = 'self_service' THEN 1 ELSE 0 END) AS self_served,
       sum(CASE WHEN ivr_outcome = 'agent' THEN 1 ELSE 0 END) AS to_agent,
       sum(CASE WHEN ivr_outcome = 'dropped' THEN 1 ELSE 0 END) AS dropped,
       round(100.0 * sum(CASE WHEN ivr_outcome = 'self_service' THEN 1 ELSE 0 END) / count(*), 1)
         AS containment_pct
FROM contacts
WHERE ivr_outcome IS NOT NULL AND day BETWEEN ? AND ?
GROUP BY day, channel
ORDER BY day, channel
