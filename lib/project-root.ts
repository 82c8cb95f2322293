import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for entry files and ASL paths (works from CDK, local mode and tests). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
