import { type ContactLensLanguages, contactLensSupport, withContactLens } from './contact-lens.ts';
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

/**
 * What a stage's `contactCenter` setting makes of its flows, for the CDK and local mode alike: its wording,
 * its voices, and Contact Lens where asked for and offered in its region (`contactLens.reason` says why not).
 */
export function stageFlowCustomization(
  contactCenter: {
    prompts?: PromptOverrides | undefined;
    voices: Voices;
    contactLens: boolean;
    contactLensLanguages: ContactLensLanguages;
  },
  contactCenterRegion: string,
) {
  const support = contactLensSupport(contactCenter.contactLens, contactCenterRegion);
  const customization: FlowCustomization = {
    voices: contactCenter.voices,
    contactLens: { enabled: support.enabled, languages: contactCenter.contactLensLanguages },
    ...(contactCenter.prompts ? { prompts: contactCenter.prompts } : {}),
  };
  return { customization, contactLens: support };
}
