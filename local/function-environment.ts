import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Each local invocation sees only its function's environment, as in Lambda, although every handler runs
 * in this one process: `process.env` becomes a view that, inside an invocation, shows that function's
 * variables and nothing else (a read of an undeclared one is `undefined`, as in AWS). Outside
 * invocations (local mode's own code, tests) it is the process's environment, unchanged.
 */
const current = new AsyncLocalStorage<Record<string, string>>();
let installed = false;

function install() {
  if (installed) return;
  const processEnv = process.env;
  const target = () => current.getStore() ?? processEnv;
  process.env = new Proxy(processEnv, {
    get: (_, key) => (typeof key === 'string' ? target()[key] : undefined),
    has: (_, key) => typeof key === 'string' && key in target(),
    set: (_, key, value) => {
      if (typeof key === 'string') target()[key] = String(value);
      return true;
    },
    deleteProperty: (_, key) => {
      if (typeof key === 'string') delete target()[key];
      return true;
    },
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const env = target();
      if (typeof key !== 'string' || !(key in env)) return undefined;
      return { value: env[key], writable: true, enumerable: true, configurable: true };
    },
  });
  installed = true;
}

/** Runs `work` (an invocation, and everything it awaits) with exactly `environment` as process.env. */
export function withFunctionEnvironment<T>(environment: Record<string, string>, work: () => Promise<T>) {
  install();
  return current.run({ ...environment }, work);
}
