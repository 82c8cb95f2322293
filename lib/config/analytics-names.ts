/**
 * The analytics store's names, fixed per stage, so a function in another stack or region can be told and
 * granted them without a cross-stack reference (the contact-record function lives next to Connect), and
 * local mode names its stand-ins alike (`{ stage: 'local' }`). No CDK: local mode and preflight load it.
 */
export const analyticsNames = (config: { stage: string }) => ({
  /** Firehose delivery streams are `<prefix><table>` (ANALYTICS_STREAM_PREFIX). */
  streamPrefix: `nidaa-${config.stage}-analytics-`,
  /** Glue and Athena names take letters, digits and underscores only. */
  database: `nidaa_${config.stage}_analytics`,
  workgroup: `nidaa-${config.stage}-analytics`,
});
