import * as path from 'node:path';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { isLoopback, REMOTE_WARNING } from '../local/http-guards.ts';
import { DEMO_USERS } from '../local/local-auth.ts';
import { startLocalStack } from '../local/local-stack.ts';
import { LOCAL_DEMO_API_KEY } from '../local/open311-demo.ts';

/** `npm start`: the whole pipeline on this machine, no AWS account needed. */
// Local tooling runs on the machine's Node 20 while Lambda runs Node 24 (docs/decisions/0001).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const dataDir = path.resolve(PROJECT_ROOT, process.env.NIDAA_DATA_DIR ?? '.nidaa');
const host = process.env.HOST ?? '127.0.0.1';
const allowRemote = process.env.NIDAA_ALLOW_REMOTE === '1';
if (!isLoopback(host) && allowRemote) console.warn(REMOTE_WARNING);
/** NIDAA_CLOCK: local time at start (to replay a past year into a fresh data dir). */
function clockStart(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) {
    console.error(`NIDAA_CLOCK is not a time: ${value} (e.g. 2026-01-01T00:00:00Z)`);
    process.exit(1);
  }
  return at;
}
console.log('Nidaa local mode is starting (requests get 503 until it is ready)…');
let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({
    port: Number(process.env.PORT ?? 3000),
    host,
    allowRemote,
    dataDir,
    seedCases: Number(process.env.NIDAA_SEED_CASES ?? 2500),
    ...(process.env.NIDAA_CLOCK ? { clockStart: clockStart(process.env.NIDAA_CLOCK) } : {}),
    panel: true,
    portal: true,
    // Early warning every local hour (insightsDetector); its alerts land in the outbox.
    hourly: true,
    // The demo year in the analytics lake (NIDAA_DEMO_YEAR=0 leaves it out).
    demoLake: process.env.NIDAA_DEMO_YEAR !== '0',
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

console.log(`
Nidaa local mode — نداء، الوضع المحلي
  Portal         ${stack.url}/
  Case panel     ${stack.url}/panel/   (sign in as a demo user below)
  API            ${stack.url}/v1/categories
  Open311        ${stack.url}/open311/v2/services.json   (demo api_key ${LOCAL_DEMO_API_KEY}; docs/open311.md)
  Outbox         ${stack.url}/_local/outbox
  Sent e-mail    ${stack.sesUrl}
  Data           ${dataDir}${stack.seeded ? `  (new: seeded ${stack.seeded.cases} past cases, ${stack.seeded.open} still open, ${stack.seeded.contacts} citizens)` : ''}${stack.demoLakeCases ? `\n  Analytics lake ${dataDir}/lake  (new: the demo year, ${stack.demoLakeCases} reports of 2026, marked as demo)` : ''}

Try it:
  curl -s -X POST ${stack.url}/_local/sms -H 'content-type: application/json' \\
       -d '{"from":"+96891234567","text":"في حفرة كبيرة في شارع السلطان قابوس"}'
  printf 'From: sara@example.om\\r\\nTo: nidaa@nidaa-dev.example.om\\r\\nSubject: Overflowing bins\\r\\n\\r\\nThe bins near Qurum park overflow.\\r\\n' | \\
    curl -s -X POST ${stack.url}/_local/email --data-binary @-
  curl -s ${stack.url}/_local/outbox
  npx nidaa call 91234567 --url ${stack.url}      # the hotline, by keyboard (another terminal)

Demo users (POST ${stack.url}/_local/token {"username": "…"}):
${DEMO_USERS.map((u) => `  ${u.username.padEnd(26)} ${u.roles.join(', ').padEnd(12)} ${u.name}`).join('\n')}
`);
if (!isLoopback(host)) console.warn(REMOTE_WARNING);
// Open cases get their lifecycles back while the API already answers (local/recovery.ts).
stack.recovery?.then(({ open, resumed, ms }) =>
  console.log(`Resumed the lifecycles of ${resumed} of ${open} open cases in ${(ms / 1000).toFixed(1)} s.`),
);

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
