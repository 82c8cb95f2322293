/**
 * Writes each flow of flows.ts to its catalogue file (`npm run flows`). The JSON is committed: it is what
 * CDK deploys and what a person imports in the Connect console; a test fails when it drifts from flows.ts.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { CONTACT_FLOWS } from '../catalog.ts';
import { FLOW_SOURCES } from './flows.ts';

export const renderFlow = (name: string) => `${JSON.stringify(FLOW_SOURCES[name], null, 2)}\n`;

export function writeFlows() {
  for (const [name, spec] of Object.entries(CONTACT_FLOWS)) {
    writeFileSync(path.join(PROJECT_ROOT, spec.file), renderFlow(name));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) writeFlows();
