import { describe, expect, it } from 'vitest';
import { mailIdentity } from '#core/channels/email-message.ts';
import { normalizeMessageId } from '#core/channels/email-thread.ts';
import { intakeIdOf } from '../../../functions/channels/email-inbound.handler.ts';

describe('normalizeMessageId (RFC 5322 §3.6.4)', () => {
  it('adds missing angle brackets, drops comments and folding, lower-cases only the domain part', () => {
    expect(normalizeMessageId('<CAF=x+Y_1@Mail.Gmail.COM>')).toBe('<CAF=x+Y_1@mail.gmail.com>');
    expect(normalizeMessageId('  CAF=x+Y_1@Mail.Gmail.COM ')).toBe('<CAF=x+Y_1@mail.gmail.com>');
    expect(normalizeMessageId('(sent by Outlook)\r\n <AM0PR01MB1234.EURPRD01.PROD.OUTLOOK.COM@x.Y>')).toBe(
      '<AM0PR01MB1234.EURPRD01.PROD.OUTLOOK.COM@x.y>',
    );
  });

  it('refuses what is no id', () => {
    for (const bad of [
      undefined,
      '',
      '<>',
      'no-at-sign',
      '<@example.om>',
      '<a@>',
      `<${'a'.repeat(996)}@b>`,
    ]) {
      expect(normalizeMessageId(bad)).toBeUndefined();
    }
  });
});

describe('intakeIdOf: what intake de-duplicates a received e-mail on', () => {
  it('is the same for every receipt of one message, whatever SES id, bracket or case of the domain', () => {
    const first = intakeIdOf('Sara@Example.om', '<a1b2@Mail.Example.om>', 'ses-one');
    expect(intakeIdOf('sara@example.om', 'a1b2@mail.example.OM', 'ses-two')).toBe(first);
    expect(first).toMatch(/^mid-[0-9a-f]{40}$/);
  });

  it('tells apart another sender reusing the Message-ID, and a different id-left', () => {
    const first = intakeIdOf('sara@example.om', '<a1b2@mail.example.om>', 'ses-one');
    expect(intakeIdOf('eve@example.om', '<a1b2@mail.example.om>', 'ses-one')).not.toBe(first);
    expect(intakeIdOf('sara@example.om', '<A1B2@mail.example.om>', 'ses-one')).not.toBe(first);
  });

  it('falls back to the SES id when the message has no Message-ID', () => {
    expect(intakeIdOf('sara@example.om', undefined, 'ses-one')).toBe('ses-one');
    expect(mailIdentity('sara@example.om', 'garbage')).toBeUndefined();
  });
});
