/**
 * `npx nidaa replay <file>`: historical reports through local mode's intake at their own times
 * (local/replay). `npx nidaa call <number>`: try the hotline by keyboard against local mode (`npm start` in another
 * terminal). Each line you type is what you press on the keypad (`1`, `260001233#`); an empty line is
 * silence. `h` makes the agent hang up (the survey follows), `q` hangs up. `--chat` starts a chat from the
 * portal's widget instead (greeted, then queued for an agent; `q` leaves it and its transcript joins the
 * case), `--url` names another local mode (default http://127.0.0.1:$PORT, PORT 3000).
 */
import { createInterface } from 'node:readline/promises';
import { replayFile } from '../local/replay/replay-cli.ts';

type CallView = {
  callId: string;
  say: string[];
  language: 'ar' | 'en';
  ended: boolean;
  outcome: string;
  queue?: string;
  callbacks: { queue: string; number: string }[];
};

const USAGE = `usage: npx nidaa call <number> [--chat] [--url http://127.0.0.1:3000]
       npx nidaa replay <file.csv|file.jsonl[.gz]> [--batch 200] [--url http://127.0.0.1:3000]
  Calls the hotline of a running local mode (npm start) and lets you press keys.
  Type the keys and Enter (e.g. 1, or 260001233#); an empty line is silence; h = the agent hangs up; q = hang up.
  --chat: a chat from the portal's widget, greeted and queued for an agent; q leaves the chat.
  replay: historical reports (createdAt, categoryCode, wilayatCode or lat/lng, channel, language, text,
  resolvedAt?, satisfaction?) through local mode's intake at their own times; the local clock follows them.
الاستخدام: npx nidaa call <الرقم> — اتصلوا بالخط الساخن في الوضع المحلي (npm start) واضغطوا المفاتيح.
npx nidaa replay <ملف> — أعيدوا بلاغات سابقة عبر الاستقبال في الوضع المحلي، كل بلاغ في وقته.`;

function argument(args: string[], name: string) {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function send(url: string, path: string, body: unknown): Promise<CallView> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as CallView & { messages?: { ar: string; en: string } };
  if (!res.ok)
    throw new Error(answer.messages ? `${answer.messages.en}\n${answer.messages.ar}` : `HTTP ${res.status}`);
  return answer;
}

function show(view: CallView) {
  for (const line of view.say) console.log(`  🔊 ${line}`);
  if (view.outcome === 'with_agent')
    console.log(`  ☎  [with an agent in queue ${view.queue}; type h when the agent hangs up]`);
  for (const c of view.callbacks) console.log(`  ↩  [call back booked in queue ${c.queue} to ${c.number}]`);
  if (view.ended) console.log('  ✆  [call ended]');
}

const localUrl = (args: string[]) =>
  argument(args, '--url') ?? process.env.NIDAA_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

const notRunning = (url: string) =>
  new Error(
    `Local mode is not running at ${url}: start it with npm start.\nالوضع المحلي لا يعمل: شغلوه بالأمر npm start.`,
  );
const refused = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';

async function replay(args: string[]) {
  const file = args[0];
  if (!file || file.startsWith('--')) throw new Error(USAGE);
  const url = localUrl(args);
  const batch = Number(argument(args, '--batch') ?? 200);
  try {
    const s = await replayFile(file, { url, batch });
    console.log(
      `Replayed ${s.rows} rows (${s.steps} steps) in ${s.seconds.toFixed(1)} s: ${s.rate.toFixed(0)} steps/s; ` +
        `${s.done} done, ${s.already} already there, ${s.skipped} skipped, ${s.badRows} bad rows.`,
    );
    if (s.badRows > 0 || s.skipped > 0) process.exitCode = 3;
  } catch (error) {
    if (refused(error)) throw notRunning(url);
    throw error;
  }
}

async function call(args: string[]) {
  const number = args[0];
  if (!number || number.startsWith('--')) throw new Error(USAGE);
  const url = localUrl(args);
  const chat = args.includes('--chat');
  let view: CallView;
  try {
    view = await send(
      url,
      '/_local/calls',
      chat ? { channel: 'chat', customerPhone: number } : { from: number },
    );
  } catch (error) {
    if (refused(error)) throw notRunning(url);
    throw error;
  }
  console.log(`${chat ? 'Chat' : 'Call'} ${view.callId} — type keys and Enter; empty = silence; q = hang up`);
  show(view);
  const input = createInterface({ input: process.stdin, terminal: false });
  // The iterator buffers lines, so keys piped in (or typed ahead) wait for their turn.
  const lines = input[Symbol.asyncIterator]();
  try {
    while (!view.ended) {
      process.stdout.write(chat ? 'you> ' : 'keys> ');
      const next = await lines.next();
      const line = next.done ? 'q' : String(next.value).trim();
      if (!process.stdin.isTTY) console.log(line);
      if (line === 'q') {
        // Leaving a chat is what makes Connect store its transcript.
        if (chat) show(await send(url, `/_local/calls/${view.callId}/end-chat`, {}));
        break;
      }
      const path = line === 'h' ? 'agent-hangup' : 'keys';
      try {
        view = await send(url, `/_local/calls/${view.callId}/${path}`, line === 'h' ? {} : { digits: line });
        show(view);
      } catch (error) {
        console.log(`  ⚠  ${(error as Error).message}`);
      }
    }
  } finally {
    input.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'call') await call(rest);
  else if (command === 'replay') await replay(rest);
  else {
    console.log(USAGE);
    if (command && command !== '--help' && command !== 'help') process.exitCode = 2;
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
