/**
 * What one unit of each channel costs, for the cost-per-channel figure (analytics/queries/channel_cost.sql).
 * Prices are not stored in the lake (decision 0105): the query multiplies the units it counts by these.
 * The defaults are illustrative list prices in US dollars (Amazon SNS SMS to Oman, SES per message, Amazon
 * Connect voice per minute, chat per contact of ~10 messages, tasks); a stage sets its contracts' prices in
 * `analytics.unitPrices` (lib/config/stage-config.ts). This is the one place the defaults live.
 */
export type UnitPrices = {
  currency: string;
  smsSegment: number;
  emailMessage: number;
  faxMessage: number;
  voiceMinute: number;
  chatContact: number;
  taskContact: number;
};

export const DEFAULT_UNIT_PRICES: UnitPrices = {
  currency: 'USD',
  smsSegment: 0.04,
  emailMessage: 0.0001,
  faxMessage: 0.05,
  voiceMinute: 0.018,
  chatContact: 0.04,
  taskContact: 0.003,
};

/** The prices in the order channel_cost.sql takes them (parameters 3 to 8). */
export const unitPriceParameters = (p: UnitPrices): number[] => [
  p.smsSegment,
  p.emailMessage,
  p.faxMessage,
  p.voiceMinute,
  p.chatContact,
  p.taskContact,
];
