import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createDocumentClient, type DocumentClient } from '#adapters/dynamodb/client.ts';
import { ensureTable } from '../../local/local-stack.ts';

/** The table local mode creates (same schema as AWS), in an in-memory dynalite on 127.0.0.1. */
export async function startTable(): Promise<{
  db: DocumentClient;
  tableName: string;
  endpoint: string;
  stop(): Promise<void>;
}> {
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await ensureTable(endpoint);
  return {
    db: createDocumentClient(endpoint),
    tableName: 'nidaa-local',
    endpoint,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A document client that fails the commands `fail` picks (a crash or a throttle between two writes),
 * passing every other command to `db`.
 */
export function failing(
  db: DocumentClient,
  fail: (input: Record<string, unknown>) => boolean,
): DocumentClient {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return (command: { input: Record<string, unknown> }) => {
        if (fail(command.input)) {
          return Promise.reject(Object.assign(new Error('simulated crash'), { name: 'SimulatedCrash' }));
        }
        return target.send(command as never);
      };
    },
  });
}
