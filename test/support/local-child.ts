/**
 * Local mode in a child process, for tests that must kill it for real (kill -9): the same startLocalStack
 * as `npm start`, on 127.0.0.1 and a free port, without the demo city or the panel build. Prints one JSON
 * line, `{"url": …}`, once it is ready, and `{"recovered": …}` once open cases have their lifecycles back
 * (local/recovery.ts). NIDAA_DATA_DIR says where the table and the outbox persist.
 */
import { startLocalStack } from '../../local/local-stack.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const dataDir = process.env.NIDAA_DATA_DIR;
if (!dataDir) throw new Error('NIDAA_DATA_DIR is not set');
const stack = await startLocalStack({ port: 0, host: '127.0.0.1', dataDir, seedCases: 0, fastRetries: true });
process.stdout.write(`${JSON.stringify({ url: stack.url })}\n`);
const recovered = await (stack.recovery ?? Promise.resolve({ open: 0, resumed: 0, ms: 0 }));
process.stdout.write(`${JSON.stringify({ recovered })}\n`);
