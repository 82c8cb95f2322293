import { describe, expect, it } from 'vitest';
import { withPromptOverrides } from '../../../contact-flows/prompt-overrides.ts';
import { PROMPTS } from '../../../functions/core/hotline/prompts.ts';
import { loadLocalFlow, readFlowText } from '../../../local/ivr/flow-files.ts';
import { validateFlow } from '../../../local/ivr/validator.ts';

const MAIN_AR = 'لحالة طلبكم اضغطوا واحد. للإجراءات اثنين. لبلاغ جديد ثلاثة. للموظف صفر.';

describe('withPromptOverrides', () => {
  it('puts the municipality’s wording in place of the default, in the language given only', () => {
    const text = withPromptOverrides(readFlowText('hotline-inbound'), { main: { ar: MAIN_AR } });
    expect(text).toContain(MAIN_AR);
    expect(text).not.toContain(PROMPTS.main.ar);
    // The English text of the same prompt, and every other prompt, stay as they were.
    expect(text).toContain(PROMPTS.main.en);
    expect(text).toContain(PROMPTS.statusMenu.ar);
  });

  it('leaves a flow untouched without overrides, and the changed flow still valid', () => {
    const raw = readFlowText('hotline-inbound');
    expect(withPromptOverrides(raw, {})).toBe(raw);
    const wording = { main: { ar: MAIN_AR, en: 'Press 1 for status.' }, welcome: { ar: 'أهلاً بكم.' } };
    const changed = withPromptOverrides(raw, wording);
    expect(validateFlow('hotline-inbound', changed, wording)).toEqual([]);
    // The validator still refuses a text that is neither a default nor the stage's wording.
    const stray = changed.replace(MAIN_AR, 'نص غير معروف');
    expect(validateFlow('hotline-inbound', stray, wording).length).toBeGreaterThan(0);
  });

  it('reaches the flows local mode runs', () => {
    const flow = JSON.stringify(
      loadLocalFlow('hotline-inbound', { prompts: { invalid: { en: 'That key is not on the menu.' } } }),
    );
    expect(flow).toContain('That key is not on the menu.');
  });
});

describe('voices from config', () => {
  it('asks for the stage’s neural voices, keeping Zeina as the Arabic fallback', () => {
    const flow = loadLocalFlow('hotline-inbound', { voices: { arabic: 'Hala', english: 'Matthew' } });
    const voices = flow.Actions.filter((a) => a.Type === 'UpdateContactTextToSpeechVoice').map(
      (a) => a.Parameters?.TextToSpeechVoice,
    );
    expect(new Set(voices)).toEqual(new Set(['Hala', 'Zeina', 'Matthew']));
  });
});
