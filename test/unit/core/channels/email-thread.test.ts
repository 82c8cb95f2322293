import { describe, expect, it } from 'vitest';
import { referenceInRecipients } from '#core/channels/email-message.ts';
import {
  messageIdsIn,
  plusAddress,
  sesIdOf,
  sesMessageIdHeader,
  subjectWithReference,
  threadHeaders,
} from '#core/channels/email-thread.ts';

describe('e-mail threading helpers', () => {
  it('reads the ids of In-Reply-To and References, in order, once each', () => {
    expect(messageIdsIn(' <a@x.om>\r\n <b@y.om> <a@x.om> junk <not-an-id>')).toEqual([
      '<a@x.om>',
      '<b@y.om>',
    ]);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it('knows our own mail by the Message-ID SES gave it, in any region', () => {
    const id = '0102019a7c191be4-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000';
    expect(sesIdOf(sesMessageIdHeader(id, 'me-central-1'))).toBe(id);
    expect(sesMessageIdHeader(id, 'us-east-1')).toBe(`<${id}@email.amazonses.com>`);
    expect(sesIdOf(`<${id}@eu-west-1.amazonses.com>`)).toBe(id);
    expect(sesIdOf('<CAF8098FDD@mail.example.om>')).toBeUndefined();
    expect(sesIdOf(`<${id}@amazonses.com.evil.example>`)).toBeUndefined();
  });

  it('answers the newest message and keeps the root in References, within SES’s 995 characters', () => {
    expect(threadHeaders([])).toEqual({});
    expect(threadHeaders(['<root@x>'])).toEqual({ inReplyTo: '<root@x>', references: '<root@x>' });
    const long = Array.from({ length: 40 }, (_, i) => `<${'m'.repeat(40)}-${i}@eu-west-1.amazonses.com>`);
    const headers = threadHeaders(['<root@x>', ...long]);
    expect(headers.inReplyTo).toBe(long.at(-1));
    expect(headers.references?.startsWith('<root@x> ')).toBe(true);
    expect(headers.references?.endsWith(long.at(-1) ?? '')).toBe(true);
    expect(headers.references?.length).toBeLessThanOrEqual(995);
  });

  it('makes a plus-address the inbound side reads back as the case', () => {
    const address = plusAddress('nidaa@nidaa.example.om', '260000019', 'MCT');
    expect(address).toBe('nidaa+MCT-260000019@nidaa.example.om');
    expect(
      referenceInRecipients([address], {
        ourAddress: 'nidaa@nidaa.example.om',
        ourDomain: 'nidaa.example.om',
        referencePrefix: 'MCT',
      }),
    ).toBe('260000019');
  });

  it('adds the reference to a subject only when it does not show it yet', () => {
    expect(subjectWithReference('بلدية مسقط', '260000019', 'MCT')).toBe('بلدية مسقط [MCT-260000019]');
    expect(subjectWithReference('Re: MCT-260000019 pothole', '260000019', 'MCT')).toBe(
      'Re: MCT-260000019 pothole',
    );
  });
});
