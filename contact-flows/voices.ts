/**
 * The neural voices the flows speak with (stage config `contactCenter.voices`): Gulf Arabic and English.
 * The flows ask for the neural voice and fall back to Zeina (standard Arabic) where the region lacks it.
 */
export const ARABIC_NEURAL_VOICES = ['Zayd', 'Hala'] as const;
export const ENGLISH_NEURAL_VOICES = [
  'Joanna',
  'Matthew',
  'Ruth',
  'Danielle',
  'Kendra',
  'Joey',
  'Stephen',
] as const;

export type Voices = {
  arabic: (typeof ARABIC_NEURAL_VOICES)[number];
  english: (typeof ENGLISH_NEURAL_VOICES)[number];
};

/** The voices the generated flows name (contact-flows/build/flows.ts). */
export const DEFAULT_VOICES: Voices = { arabic: 'Zayd', english: 'Joanna' };

/** Replaces the default neural voices in a flow's Set voice blocks with the stage's. */
export function withVoices(flowText: string, voices: Voices = DEFAULT_VOICES): string {
  if (voices.arabic === DEFAULT_VOICES.arabic && voices.english === DEFAULT_VOICES.english) return flowText;
  const flow = JSON.parse(flowText) as { Actions: { Type: string; Parameters?: Record<string, unknown> }[] };
  for (const action of flow.Actions) {
    if (action.Type !== 'UpdateContactTextToSpeechVoice' || !action.Parameters) continue;
    const voice = action.Parameters.TextToSpeechVoice;
    if (voice === DEFAULT_VOICES.arabic) action.Parameters.TextToSpeechVoice = voices.arabic;
    if (voice === DEFAULT_VOICES.english) action.Parameters.TextToSpeechVoice = voices.english;
  }
  return JSON.stringify(flow, null, 2);
}
