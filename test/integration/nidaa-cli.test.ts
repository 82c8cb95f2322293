/**
 * `npx nidaa call <number>`: the bin is linked from the project (a file: dev dependency), so npx finds it
 * offline; piped keys drive a real call against local mode.
 */
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPTS } from '../../functions/core/hotline/prompts.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';

const run = promisify(execFile);
// npx must never reach the registry: offline, and no install prompt.
const offline = { ...process.env, npm_config_offline: 'true', npm_config_yes: 'false' };

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

describe('npx nidaa', () => {
  it('resolves to the project’s own bin, not a package from the registry', () => {
    const bin = realpathSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'nidaa'));
    expect(bin).toBe(path.join(PROJECT_ROOT, 'tools', 'nidaa-cli', 'nidaa.mjs'));
  });

  it('prints its usage in both languages', async () => {
    const { stdout } = await run('npx', ['--no-install', 'nidaa', '--help'], {
      cwd: PROJECT_ROOT,
      env: offline,
    });
    expect(stdout).toContain('usage: npx nidaa call <number>');
    expect(stdout).toContain('الاستخدام');
  });

  it('calls the hotline of a running local mode and presses the keys typed', async () => {
    const child = execFile('npx', ['--no-install', 'nidaa', 'call', '91200001', '--url', stack.url], {
      cwd: PROJECT_ROOT,
      env: offline,
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stdin?.end('2\n1\n2\n9\n3\n');
    await new Promise((resolve) => child.on('close', resolve));
    expect(output).toContain('🔊 أهلاً بكم في بلدية مسقط.');
    expect(output).toContain(`🔊 ${PROMPTS.main.en}`);
    expect(output).toContain('🔊 There are no open requests registered to your phone number.');
    expect(output).toContain('🔊 Thank you for your rating. Goodbye.');
    expect(output).toContain('[call ended]');
  }, 60_000);
});
