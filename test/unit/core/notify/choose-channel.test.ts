import { describe, expect, it } from 'vitest';
import type { Channel } from '#core/case/case.ts';
import type { Identity } from '#core/intake/inbound.ts';
import { chooseDestination, type Destination } from '#core/notify/choose-channel.ts';

const mobile: Identity = { kind: 'phone', value: '+96891234567' };
const otherMobile: Identity = { kind: 'phone', value: '+96871234567' };
const landline: Identity = { kind: 'phone', value: '+96824123456' };
const foreignMobile: Identity = { kind: 'phone', value: '+447700900123' };
const email: Identity = { kind: 'email', value: 'citizen@example.om' };
const device: Identity = { kind: 'device', value: 'install-1' };

const sms = (to: string): Destination => ({ channel: 'sms', to });
const mail = (to: string): Destination => ({ channel: 'email', to });
const call = (to: string): Destination => ({ channel: 'voice', to });

describe('chooseDestination', () => {
  it.each([
    ['sms', [mobile, email], sms(mobile.value)],
    ['sms', [email, mobile], sms(mobile.value)],
    ['sms', [email], mail(email.value)],
    ['sms', [landline, email], mail(email.value)],
    ['email', [mobile, email], mail(email.value)],
    ['email', [mobile], sms(mobile.value)],
    ['fax', [mobile, email], mail(email.value)],
    ['fax', [mobile], sms(mobile.value)],
    ['voice', [email, mobile], sms(mobile.value)],
    ['voice', [email], mail(email.value)],
    ['web', [email, mobile], sms(mobile.value)],
    ['app', [email, mobile], sms(mobile.value)],
    ['chat', [email, mobile], sms(mobile.value)],
    ['sms', [landline, otherMobile, mobile], sms(otherMobile.value)],
    ['sms', [device, mobile], sms(mobile.value)],
    ['sms', [], undefined],
    ['email', [], undefined],
    ['sms', [device], undefined],
    ['sms', [landline], undefined],
    ['email', [landline], undefined],
    ['sms', [foreignMobile], undefined],
  ] as const satisfies readonly (readonly [Channel, readonly Identity[], Destination | undefined])[])(
    'prefers %s, has %j → %j',
    (preferred, identities, expected) => {
      // Act
      const destination = chooseDestination(preferred, identities);

      // Assess
      expect(destination).toEqual(expected);
    },
  );

  it.each([
    // Asked to be called back: answers by phone, a landline will do.
    ['voice', [email, mobile], call(mobile.value)],
    ['voice', [landline, email], call(landline.value)],
    ['voice', [email], mail(email.value)],
    // Left only a landline: called back whatever they chose.
    ['sms', [landline], call(landline.value)],
    ['email', [landline], call(landline.value)],
    // A text channel they have comes first.
    ['sms', [landline, mobile], sms(mobile.value)],
    ['email', [landline, email], mail(email.value)],
    ['sms', [], undefined],
  ] as const satisfies readonly (readonly [Channel, readonly Identity[], Destination | undefined])[])(
    'for an answer that may be a call back: prefers %s, has %j → %j',
    (preferred, identities, expected) => {
      expect(chooseDestination(preferred, identities, { callBack: true })).toEqual(expected);
    },
  );
});
