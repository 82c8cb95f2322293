-- SMS, e-mail and fax delivery (تسليم الرسائل): per channel, the attempts to send and what became of
-- them: sent, failed (the provider refused), suppressed (opted out or address blocked), and for e-mail and
-- fax the reports: delivered, bounced, complained. Failures are failed attempts plus bounces.
-- Source: deliveries. Parameters: 1 first day, 2 last day.
SELECT channel,
       sum(CASE WHEN result IN ('sent', 'failed', 'suppressed') THEN 1 ELSE 0 END) AS attempts,
       sum(CASE WHEN result = 'sent' THEN 1 ELSE 0 END) AS sent,
       sum(CASE WHEN result = 'failed' THEN 1 ELSE 0 END) AS failed,
       sum(CASE WHEN result = 'suppressed' THEN 1 ELSE 0 END) AS suppressed,
       sum(CASE WHEN result = 'delivered' THEN 1 ELSE 0 END) AS delivered,
       sum(CASE WHEN result = 'bounced' THEN 1 ELSE 0 END) AS bounced,
       sum(CASE WHEN result = 'complained' THEN 1 ELSE 0 END) AS complained,
       round(100.0 * sum(CASE WHEN result IN ('failed', 'bounced') THEN 1 ELSE 0 END)
         / nullif(sum(CASE WHEN result IN ('sent', 'failed', 'suppressed') THEN 1 ELSE 0 END), 0), 1)
         AS failure_pct
FROM deliveries
WHERE day BETWEEN ? AND ?
GROUP BY channel
ORDER BY channel
