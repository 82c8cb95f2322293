/**
 * Contact Lens post-call analytics: where Amazon Connect offers it, in which languages the hotline asks for
 * it, and what the stage's setting does to the generated flows (docs/decisions/0116). Plain data, read by
 * the stage config, the contact-center stack and local mode.
 *
 * Sources (offline; verify at the first deploy, docs/decisions/0116):
 * - regions: research/aws-connect.md §8, "Contact Lens by region" (2023 snapshot of the admin guide):
 *   post-call analytics in us-east-1, us-west-2, ap-northeast-1, ap-northeast-2, ap-southeast-1,
 *   ap-southeast-2, ca-central-1, eu-central-1, eu-west-2 and af-south-1 (the last two without real-time).
 * - languages: research/aws-connect.md §3 ("Languages supported by Amazon Connect features"): Arabic (Gulf)
 *   `ar-AE` has post-call analytics and sentiment, marked ✓* (a footnote, very likely "limited by region",
 *   not read offline); no redaction and no post-contact summary for Arabic. `ar-AE` is the only Arabic code
 *   in @aws-sdk/client-connect's VocabularyLanguageCode (the custom vocabularies Contact Lens uses).
 */

/** Regions where Contact Lens post-call (voice) analytics is offered. */
export const CONTACT_LENS_POST_CALL_REGIONS = [
  'us-east-1',
  'us-west-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-2',
  'af-south-1',
] as const;

/** Arabic locales Contact Lens post-call analysis takes (Gulf Arabic only). */
export const CONTACT_LENS_ARABIC = ['ar-AE'] as const;
/** English locales the hotline may ask for (Transcribe's, as `AnalyticsLanguage` wants them). */
export const CONTACT_LENS_ENGLISH = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-IE', 'en-ZA', 'en-NZ'] as const;

export type ContactLensLanguages = {
  ar: (typeof CONTACT_LENS_ARABIC)[number];
  en: (typeof CONTACT_LENS_ENGLISH)[number];
};

export const DEFAULT_CONTACT_LENS_LANGUAGES: ContactLensLanguages = { ar: 'ar-AE', en: 'en-US' };

/** What the stage asked for and what it gets: off, with the reason, where Connect does not offer it. */
type ContactLensSupport = { enabled: true } | { enabled: false; reason: string };

export function contactLensSupport(requested: boolean, region: string): ContactLensSupport {
  if (!requested) return { enabled: false, reason: 'contactCenter.contactLens is false' };
  if (!(CONTACT_LENS_POST_CALL_REGIONS as readonly string[]).includes(region)) {
    return {
      enabled: false,
      reason: `Contact Lens post-call analytics is not offered in ${region} (regions.contactCenter); offered in ${CONTACT_LENS_POST_CALL_REGIONS.join(', ')}`,
    };
  }
  return { enabled: true };
}

/** The recording block's parameters when Contact Lens is off: recording off too (no storage for it). */
const NO_RECORDING = { RecordingBehavior: { RecordedParticipants: [] as string[] } };

/**
 * The parameters of the "Set recording and analytics behavior" block before an agent answers: both
 * participants recorded (Contact Lens analyses only calls with both, flow-language reference), post-call
 * analytics with sentiment in the caller's language. No redaction: Contact Lens does not redact Arabic.
 */
export const recordingWithAnalytics = (language: string) => ({
  RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] },
  AnalyticsBehavior: {
    Enabled: 'True',
    AnalyticsLanguage: language,
    AnalyticsRedactionBehavior: 'Disabled',
    ChannelConfiguration: { Voice: { AnalyticsModes: ['PostContact'] } },
    SentimentConfiguration: { Enabled: 'True' },
  },
});

/** The hotline flow's recording blocks, one per caller language (the block takes its language statically). */
export const RECORDING_BLOCKS = { ar: 'Record Arabic', en: 'Record English' } as const;

type FlowDoc = { Actions: { Identifier: string; Type: string; Parameters?: Record<string, unknown> }[] };

/**
 * The stage's Contact Lens setting applied to a generated flow: its recording blocks keep post-call
 * analytics (in the stage's languages) when enabled, and record nothing otherwise. The flows in the
 * repository ask for the default languages; the block's identifier (RECORDING_BLOCKS) says which one it is.
 */
export function withContactLens(
  flowText: string,
  setting: { enabled: boolean; languages?: ContactLensLanguages },
): string {
  const languages = setting.languages ?? DEFAULT_CONTACT_LENS_LANGUAGES;
  if (!flowText.includes('UpdateContactRecordingBehavior')) return flowText;
  const unchanged =
    setting.enabled &&
    languages.ar === DEFAULT_CONTACT_LENS_LANGUAGES.ar &&
    languages.en === DEFAULT_CONTACT_LENS_LANGUAGES.en;
  if (unchanged) return flowText;
  const flow = JSON.parse(flowText) as FlowDoc;
  for (const action of flow.Actions) {
    if (action.Type !== 'UpdateContactRecordingBehavior') continue;
    if (!action.Parameters?.AnalyticsBehavior) continue;
    const english = action.Identifier === RECORDING_BLOCKS.en;
    action.Parameters = setting.enabled
      ? recordingWithAnalytics(english ? languages.en : languages.ar)
      : NO_RECORDING;
  }
  return JSON.stringify(flow, null, 2);
}
