-- Cost per channel (التكلفة حسب القناة): what each channel's use cost, at unit prices the caller passes
-- (the municipality's contracts; docs/metrics.md). SMS by segment sent, e-mail and fax by message sent,
-- voice by connected minute (Connect's telephony and service, per second), chat and tasks by contact.
-- Source: deliveries (SMS, e-mail, fax) and contacts (voice, chat, task).
-- Parameters: 1 first day, 2 last day, then the unit prices: 3 SMS segment, 4 e-mail, 5 fax, 6 voice minute,
-- 7 chat contact, 8 task.
WITH p AS (
  SELECT CAST(? AS varchar) AS first_day, CAST(? AS varchar) AS last_day,
         CAST(? AS double) AS sms_segment, CAST(? AS double) AS email_message,
         CAST(? AS double) AS fax_message, CAST(? AS double) AS voice_minute,
         CAST(? AS double) AS chat_contact, CAST(? AS double) AS task_contact
), usage AS (
  SELECT d.channel,
         CASE d.channel WHEN 'sms' THEN 'segment' ELSE 'message' END AS unit,
         CAST(sum(CASE WHEN d.channel = 'sms' THEN coalesce(d.sms_segments, 1) ELSE 1 END) AS double) AS units
  FROM deliveries d CROSS JOIN p
  WHERE d.result = 'sent' AND d.channel IN ('sms', 'email', 'fax') AND d.day BETWEEN p.first_day AND p.last_day
  GROUP BY d.channel
  UNION ALL
  SELECT lower(c.channel) AS channel,
         CASE c.channel WHEN 'VOICE' THEN 'minute' ELSE 'contact' END AS unit,
         CASE c.channel
           WHEN 'VOICE' THEN sum(date_diff('second', c.initiated_at, c.disconnected_at)) / 60.0
           ELSE CAST(count(*) AS double)
         END AS units
  FROM contacts c CROSS JOIN p
  WHERE c.channel IN ('VOICE', 'CHAT', 'TASK') AND c.day BETWEEN p.first_day AND p.last_day
  GROUP BY c.channel
)
SELECT u.channel, u.unit, round(u.units, 2) AS units,
       round(u.units * CASE u.channel
         WHEN 'sms' THEN p.sms_segment WHEN 'email' THEN p.email_message WHEN 'fax' THEN p.fax_message
         WHEN 'voice' THEN p.voice_minute WHEN 'chat' THEN p.chat_contact ELSE p.task_contact END, 3) AS cost
FROM usage u CROSS JOIN p
ORDER BY u.channel
