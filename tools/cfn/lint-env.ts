import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How to get cfn-lint, said wherever it is missing. */
export const CFN_LINT_HINT =
  'cfn-lint is not installed (or not on PATH). Install it with `pip install cfn-lint` (or `pipx install cfn-lint`), version 1.51 or later, then run `npm test` again.';

/** The version of the cfn-lint on PATH, or undefined when there is none. */
export function cfnLintVersion(command = 'cfn-lint'): string | undefined {
  try {
    return execFileSync(command, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .replace(/^cfn-lint\s+/, '');
  } catch {
    return undefined;
  }
}

/**
 * Where cfn-lint keeps CloudFormation's regional resource schemas (…/cfnlint/data/schemas), asked of the
 * `python3` on PATH (where `pip install cfn-lint` puts it).
 */
export function cfnLintSchemaDir(): string {
  return execFileSync(
    'python3',
    ['-c', 'import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas"))'],
    { encoding: 'utf8' },
  ).trim();
}

// `tsx tools/cfn/lint-env.ts`: npm test asks first, so a machine without cfn-lint hears how to get it at
// once rather than after the tests.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = cfnLintVersion();
  if (!version) {
    console.error(CFN_LINT_HINT);
    process.exit(1);
  }
}
