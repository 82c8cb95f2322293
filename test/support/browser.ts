import { statSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * The browser for e2e tests: the system's Chromium where one is installed, else the Chromium that
 * `npm ci` brings inside @sparticuz/chromium, so `npm test` passes on a fresh machine too.
 */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// Nothing but loopback is reachable here: without these, Chromium keeps dialling out and being refused.
const QUIET = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Flags made for AWS Lambda that hurt here: one process for every page makes parallel contexts fragile.
const LAMBDA_ONLY = new Set(['--single-process', '--no-zygote']);

function isProgram(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Which Chromium the tests use, for their log line. */
export async function browserExecutable(): Promise<{ path: string; source: 'system' | 'npm' }> {
  const system = SYSTEM_CHROMIUM.find(isProgram);
  if (system) return { path: system, source: 'system' };
  const { default: packaged } = await import('@sparticuz/chromium');
  return { path: await packaged.executablePath(), source: 'npm' };
}

export async function launchBrowser(): Promise<Browser> {
  const { path, source } = await browserExecutable();
  if (source === 'system') return chromium.launch({ executablePath: path, args: QUIET });
  const { default: packaged } = await import('@sparticuz/chromium');
  const args = [...new Set([...packaged.args.filter((a) => !LAMBDA_ONLY.has(a)), ...QUIET])];
  return chromium.launch({ executablePath: path, args });
}

/**
 * Collects what would be a bug in the page: uncaught errors and console errors (React reports a region
 * that failed to draw there too). Tests expect the list to stay empty.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  return errors;
}
