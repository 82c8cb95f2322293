/**
 * Local mode as its own process, for tests that restart or kill it (test/integration/local-restart.test.ts):
 * `npm start` without the panel build. Prints one JSON line when ready, and one when open cases are back.
 */
import '../../functions/shared/node20-polyfills.ts';
import { startLocalStack } from '../../local/local-stack.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const started = performance.now();
const stack = await startLocalStack({
  port: Number(process.env.PORT ?? 0),
  dataDir: process.env.NIDAA_DATA_DIR,
  seedCases: Number(process.env.NIDAA_SEED_CASES ?? 0),
  fastRetries: true,
});
console.log(JSON.stringify({ ready: stack.url, ms: Math.round(performance.now() - started) }));
stack.recovery
  ?.then((report) => console.log(JSON.stringify({ recovered: report })))
  .catch((error: unknown) => console.log(JSON.stringify({ recoveryFailed: String(error) })));
if (!stack.recovery) console.log(JSON.stringify({ recovered: { open: 0, resumed: 0, ms: 0 } }));
process.on('SIGTERM', async () => {
  await stack.stop();
  process.exit(0);
});
