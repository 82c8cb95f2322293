import { type PromptOverrides, withPromptOverrides } from './prompt-overrides.ts';
import { type Voices, withVoices } from './voices.ts';

/** What a stage changes in the generated flows: the wording of prompts and the voices. */
export type FlowCustomization = { prompts?: PromptOverrides; voices?: Voices };

/** A flow as the stage deploys it (CDK) and simulates it (local mode). */
export const customizeFlow = (flowText: string, custom: FlowCustomization = {}) =>
  withVoices(withPromptOverrides(flowText, custom.prompts), custom.voices);
