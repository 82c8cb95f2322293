import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/channels/fax-letter.handler.ts';
import { defineStageConfig } from '../../../functions/shared/runtime-config.ts';
import { runtimeConfigFor } from '../../../lib/config/runtime-config.ts';
import { stageConfig } from '../../infra/synth.ts';

defineStageConfig(runtimeConfigFor(stageConfig('dev')));

const invoke = (event: unknown) => handler(event, {} as never) as Promise<Record<string, string>>;

describe('faxLetter handler', () => {
  it('renders the reply as a PDF letter named after the reference', async () => {
    const letter = await invoke({
      reference: '260001234',
      language: 'ar',
      rendered: { subject: 'بخصوص بلاغكم', text: 'تم ردم الحفرة وإعادة السفلتة.' },
    });
    expect(letter.fileName).toBe('MCT-260001234.pdf');
    expect(letter.contentType).toBe('application/pdf');
    const pdf = Buffer.from(letter.base64 ?? '', 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The Arabic font is embedded (subset), not left to the fax gateway.
    expect(pdf.toString('latin1')).toMatch(/FontFile2|NotoNaskhArabic/);
  });

  it('refuses a malformed request with the field named', async () => {
    await expect(invoke({ reference: 'abc', language: 'ar', rendered: { text: 'x' } })).rejects.toMatchObject(
      {
        name: 'ValidationError',
      },
    );
  });
});
