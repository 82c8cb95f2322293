import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpVehicleRecords } from '../../../functions/adapters/vehicles/http-vehicle-records.ts';
import type { Plate } from '../../../functions/core/vehicles/vehicle.ts';

/** A stand-in for the municipality's vehicle system on 127.0.0.1, answering per plate number. */
let server: Server;
let baseUrl = '';
const requests: string[] = [];

const RECORD = {
  outstandingFines: { count: 2, totalBaisa: 15_000 },
  permits: [
    { kind: 'food_truck', validUntil: '2027-01-31' },
    { kind: 'street_vending', validUntil: '2027-03-01' },
  ],
};

function answer(req: IncomingMessage, res: ServerResponse) {
  requests.push(req.url ?? '');
  const number = decodeURIComponent((req.url ?? '').split('/')[3] ?? '');
  const reply = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };
  if (number === '12345') return reply(200, JSON.stringify(RECORD));
  if (number === '404') return reply(404, '{"message":"no such vehicle"}');
  if (number === '500') return reply(500, '{"message":"down"}');
  if (number === '1') return reply(200, '<html>maintenance</html>');
  if (number === '2')
    return reply(200, JSON.stringify({ outstandingFines: { count: -1, totalBaisa: 0 }, permits: [] }));
  if (number === '3') return void setTimeout(() => reply(200, JSON.stringify(RECORD)), 2_000);
  reply(404, '{}');
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('HttpVehicleRecords (the municipality connector)', () => {
  const failures: string[] = [];
  const connector = () => new HttpVehicleRecords(baseUrl, 300, (reason) => failures.push(reason));
  const plate = (number: string, code = 'اب'): Plate => ({ number, code });

  it('asks GET {baseUrl}/vehicles/{number}/{code} and keeps the permits it knows', async () => {
    const lookup = await connector().lookup(plate('12345'));
    expect(requests.at(-1)).toBe(`/api/vehicles/12345/${encodeURIComponent('اب')}`);
    expect(lookup).toEqual({
      kind: 'found',
      record: {
        plate: plate('12345'),
        outstandingFines: { count: 2, totalBaisa: 15_000 },
        permits: [{ kind: 'food_truck', validUntil: '2027-01-31' }],
      },
    });
  });

  it('reads 404 as a vehicle the municipality does not know', async () => {
    expect(await connector().lookup(plate('404'))).toEqual({ kind: 'not_found', plate: plate('404') });
  });

  it.each([
    ['an error status', '500', 'HTTP 500'],
    ['a body that is not JSON', '1', 'unexpected body'],
    ['a body of the wrong shape', '2', 'unexpected body'],
    ['no answer within the timeout', '3', 'TimeoutError'],
  ])('answers "unavailable" to %s, never throws', async (_case, number, reason) => {
    const started = Date.now();
    expect(await connector().lookup(plate(number))).toEqual({ kind: 'unavailable', plate: plate(number) });
    expect(failures.at(-1)).toBe(reason);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('answers "unavailable" when nothing listens', async () => {
    const closed = new HttpVehicleRecords('http://127.0.0.1:9', 300);
    expect(await closed.lookup(plate('12345'))).toEqual({ kind: 'unavailable', plate: plate('12345') });
  });
});
