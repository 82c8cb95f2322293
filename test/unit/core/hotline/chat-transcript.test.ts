import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatReference } from '../../../../functions/core/case/reference.ts';
import {
  appendTranscript,
  type ChatTranscript,
  transcriptLines,
} from '../../../../functions/core/hotline/chat-transcript.ts';
import { aCase } from '../../../support/builders.ts';
import { InMemoryCaseStore, InMemoryContactCaseLinks } from '../../../support/in-memory-stores.ts';

const transcript = () =>
  JSON.parse(
    readFileSync(new URL('../../../fixtures/events/connect-chat-transcript.json', import.meta.url), 'utf8'),
  ) as ChatTranscript;
const CONTACT = '0a2b3c4d-1111-4222-8333-444455556666';
const reference = formatReference(2026, 1);

let cases: InMemoryCaseStore;
let links: InMemoryContactCaseLinks;
beforeEach(async () => {
  cases = new InMemoryCaseStore();
  links = new InMemoryContactCaseLinks();
  await cases.create(aCase(), []);
});

describe('chat transcripts', () => {
  it('keeps the messages people wrote, in order, without joins, typing or the end event', () => {
    expect(transcriptLines(transcript())).toEqual([
      {
        at: '2026-11-27T08:00:05.400Z',
        role: 'citizen',
        name: 'Citizen',
        text: 'السلام عليكم، الحفرة ما زالت موجودة',
      },
      {
        at: '2026-11-27T08:00:20.250Z',
        role: 'agent',
        name: 'Aisha',
        text: 'وعليكم السلام، سنرسل فريق الطرق اليوم.',
      },
    ]);
  });

  it('joins the timeline of the case the chat was about, once however often S3 delivers it', async () => {
    await links.link(CONTACT, reference);
    const deps = { cases, links };
    expect(await appendTranscript(transcript(), 's3://b/k.json', deps)).toEqual({
      kind: 'appended',
      reference,
      lines: 2,
    });
    await appendTranscript(transcript(), 's3://b/k.json', deps);
    const entries = [...cases.events.values()].filter((e) => e.kind === 'transcript');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      reference,
      channel: 'chat',
      id: `chat-${CONTACT}`,
      at: '2026-11-27T08:00:20.250Z',
    });
    expect(entries[0]?.text).toContain('الحفرة ما زالت موجودة');
  });

  it('finds the case through the chat’s first contact after a transfer', async () => {
    await links.link(CONTACT, reference);
    const transferred = { ...transcript(), ContactId: 'ffffffff-1111-4222-8333-444455556666' };
    expect((await appendTranscript(transferred, 's3://b/k.json', { cases, links })).kind).toBe('appended');
  });

  it('leaves the transcript in S3 alone when the chat was about no case, or said nothing', async () => {
    expect(await appendTranscript(transcript(), 's3://b/k.json', { cases, links })).toEqual({
      kind: 'no_case',
      contactId: CONTACT,
    });
    const silent = { ...transcript(), Transcript: transcript().Transcript.filter((i) => i.Type === 'EVENT') };
    expect((await appendTranscript(silent, 's3://b/k.json', { cases, links })).kind).toBe('empty');
    expect(cases.events.size).toBe(0);
  });
});
