import { describe, expect, it } from 'vitest';
import { contactFromAttributes, screenPopTarget } from './contact-context.ts';

describe('screen-pop from contact attributes', () => {
  it('reads a call’s caller, open cases, language and intent, and opens the caller’s cases', () => {
    const contact = contactFromAttributes('c-1', 'voice', {
      nidaaCallerPhone: '+96891234567',
      nidaaOpenCases: '260000019, 260000027,',
      nidaaLanguage: 'en',
      nidaaIntent: 'status',
    });
    expect(contact).toEqual({
      contactId: 'c-1',
      channel: 'voice',
      callerPhone: '+96891234567',
      openCases: ['260000019', '260000027'],
      language: 'en',
      intent: 'status',
    });
    expect(screenPopTarget(contact)).toEqual({
      kind: 'caller',
      phone: '+96891234567',
      openCases: ['260000019', '260000027'],
    });
  });

  it('opens a task’s case directly, and ignores a language it does not know', () => {
    const task = contactFromAttributes('t-1', 'task', { reference: '260000019', nidaaLanguage: 'fr' });
    expect(task.language).toBeUndefined();
    expect(screenPopTarget(task)).toEqual({ kind: 'case', reference: '260000019' });
  });
});
