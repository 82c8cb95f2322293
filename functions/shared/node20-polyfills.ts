// Promise.withResolvers arrived in Node 22; aws-local-stepfunctions relies on it. Local mode and tests run
// on the machine's Node 20, Lambda runs Node 24, so this is a no-op there (docs/decisions/0001).
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
