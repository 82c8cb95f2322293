import { type ContactLensLanguages, withContactLens } from './contact-lens.ts';
import { type PromptOverrides, withPromptOverrides } from './prompt-overrides.ts';
import { type Voices, withVoices } from './voices.ts';

/**
 * What a stage changes in the generated flows: the wording of prompts, the voices, and whether calls are
 * recorded and analysed by Contact Lens (left out: as generated, recorded and analysed).
 */
export type FlowCustomization = {
  prompts?: PromptOverrides;
  voices?: Voices;
  contactLens?: { enabled: boolean; languages?: ContactLensLanguages };
};

/** A flow as the stage deploys it (CDK) and simulates it (local mode). */
export const customizeFlow = (flowText: string, custom: FlowCustomization = {}) => {
  const text = withVoices(withPromptOverrides(flowText, custom.prompts), custom.voices);
  return custom.contactLens ? withContactLens(text, custom.contactLens) : text;
};
