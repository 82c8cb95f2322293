import { describe, expect, it } from 'vitest';
import { faxSender, faxSenderNumber, isFaxGateway } from '#core/channels/fax.ts';
import { acceptMailParts, sniffMailFile } from '#core/channels/mail-attachments.ts';

const GATEWAY = { gatewayDomains: ['fax.example.om'], sendTo: '{number}@fax.example.om' };

describe('fax gateway mail', () => {
  it('recognises the gateway by its domains (subdomains too), and nothing without configuration', () => {
    expect(isFaxGateway('fax@fax.example.om', GATEWAY)).toBe(true);
    expect(isFaxGateway('relay@mx1.fax.example.om', GATEWAY)).toBe(true);
    expect(isFaxGateway('someone@notfax.example.om', GATEWAY)).toBe(false);
    expect(isFaxGateway('fax@fax.example.om', undefined)).toBe(false);
  });

  it.each([
    ['Fax from +968 24 123456 (2 pages)', 'fax@fax.example.om', '', '+96824123456'],
    ['Fax received', '96824123456@fax.example.om', '', '+96824123456'],
    ['فاكس من ٢٤١٢٣٤٥٦', 'fax@fax.example.om', '', '+96824123456'],
    ['Fax', 'fax@fax.example.om', 'Sender: 0096824123456\nPages: 3', '+96824123456'],
    ['Fax 2 pages', 'fax@fax.example.om', 'no number here', undefined],
  ])('reads the sender’s number from %s / %s', (subject, from, text, expected) => {
    expect(faxSenderNumber({ subject, from, text })).toBe(expected);
  });

  it('gives a fax without a number an identity of its own', () => {
    expect(faxSender(undefined, 'ses-1')).toEqual({ kind: 'device', value: 'fax-unknown-ses-1' });
    expect(faxSender('+96824123456', 'ses-1')).toEqual({ kind: 'phone', value: '+96824123456' });
  });
});

describe('files of received mail', () => {
  const tiff = Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
  const pdf = new TextEncoder().encode('%PDF-1.7 fax');

  it('knows TIFF (both byte orders) besides the upload types', () => {
    expect(sniffMailFile(tiff)).toBe('image/tiff');
    expect(sniffMailFile(Uint8Array.from([0x49, 0x49, 0x2a, 0x00]))).toBe('image/tiff');
    expect(sniffMailFile(pdf)).toBe('application/pdf');
    expect(sniffMailFile(new TextEncoder().encode('MZ'))).toBeUndefined();
  });

  it('keys files by message and position, keeps at most five and says what it skipped', () => {
    const parts = Array.from({ length: 7 }, (_, i) => ({
      filename: `page-${i}.pdf`,
      mimeType: 'application/pdf',
      inline: false,
      content: pdf,
    }));
    const { accepted, skipped } = acceptMailParts(parts, 'ses-9');
    expect(accepted.map((f) => f.key)).toEqual([0, 1, 2, 3, 4].map((i) => `uploads/cases/mail-ses-9-${i}`));
    expect(skipped).toEqual([
      { filename: 'page-5.pdf', reason: 'more than 5 files' },
      { filename: 'page-6.pdf', reason: 'more than 5 files' },
    ]);
  });
});
