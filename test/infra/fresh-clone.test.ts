import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { PanelSite } from '../../lib/constructs/web/panel-site.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

const json = (file: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));

describe('cdk synth right after npm install', () => {
  it('builds every web app first: cdk.json’s "build" runs npm run build:web', () => {
    // The CDK CLI runs cdk.json's "build" before it runs the app (`cdk synth`, `cdk deploy`).
    expect(json('cdk.json').build).toBe('npm run build:web');
    const scripts = json('package.json').scripts as Record<string, string>;
    // build:web builds each app under web/ that the stacks deploy.
    expect(scripts['build:web']).toContain('npm run build:panel');
    expect(scripts['build:panel']).toContain('web/panel/vite.config.ts');
    // npm test builds before the infra tests synthesize the edge stack, which needs the build.
    expect(scripts.test).toMatch(/npm run build:web && .*npm run test:vitest/);
    // …and asks for cfn-lint first, so a machine without it hears how to get it before the long part.
    expect(scripts.test).toMatch(/^tsx tools\/cfn\/lint-env\.ts && /);
    expect(scripts.test).toMatch(/npm run synth && npm run cfn-lint$/);
  });

  it('stops synth with the fix when a web app is not built', () => {
    const stack = new Stack(new App(), 'Edge', { env: { region: 'us-east-1' } });
    expect(
      () =>
        new PanelSite(stack, 'Panel', {
          cognito: {
            cognitoDomain: 'https://x.auth.me-central-1.amazoncognito.com',
            clientId: 'c',
            redirectUri: 'https://x/panel/',
          },
          protectData: false,
          buildDir: path.join(PROJECT_ROOT, '.scratch', 'no-such-build'),
        }),
    ).toThrow(/npm run build:web/);
  });
});
