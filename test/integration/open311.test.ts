import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { LOCAL_DEMO_API_KEY } from '../../local/open311-demo.ts';
import { aJpeg, aPng, containsText } from '../support/attachment-fixtures.ts';
import { eventually, localClient } from '../support/local-client.ts';
import { childText, need, Open311Client, parseXml, type XmlNode } from '../support/open311-client.ts';

/**
 * An app maker's view of Nidaa, written from the GeoReport v2 specification: discover the endpoint,
 * list services, read a definition, post a request with a photo and GPS, read it back in JSON and XML.
 */
let stack: LocalStack;
let client: Open311Client;
const { get, post, as } = localClient(() => stack);
const PORTAL = 'https://www.mm.gov.om';

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true, corsOrigins: [PORTAL] });
  client = await Open311Client.discover(`${stack.url}/open311/discovery.json`);
});
afterAll(() => stack.stop());

type Service = { service_code: string; service_name: string; metadata: boolean; type: string; group: string };
type Request = Record<string, unknown> & { service_request_id: string; status: string };
type ErrorItem = { code: number; description: string };

const json = <T>(text: string) => JSON.parse(text) as T;
const OFFSET = /T\d{2}:\d{2}:\d{2}\+04:00$/;
/** Qurum, Muscat. */
const GPS: [string, string][] = [
  ['lat', '23.61234567'],
  ['long', '58.47654321'],
];

describe('discovery', () => {
  it('is offered in JSON and XML, one level up and beside the endpoint, with every required field', async () => {
    for (const path of ['/open311/discovery.json', '/open311/v2/discovery.json']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const doc = (await res.json()) as Record<string, unknown> & { endpoints: Record<string, unknown>[] };
      for (const field of ['changeset', 'contact', 'key_service', 'endpoints'])
        expect(doc).toHaveProperty(field);
      expect(doc.endpoints[0]).toMatchObject({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${stack.url}/open311/v2`,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      });
    }
    const res = await get('/open311/discovery.xml');
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const xml = parseXml(await res.text());
    expect(xml.name).toBe('discovery');
    const endpoint = need(need(xml, 'endpoints'), 'endpoint');
    expect(childText(endpoint, 'url')).toBe(`${stack.url}/open311/v2`);
    expect(need(endpoint, 'formats').children.map((f) => f.text)).toEqual(['text/xml', 'application/json']);
  });
});

describe('services', () => {
  it('lists every service as a top-level JSON array and as <services><service> in XML', async () => {
    const res = await client.get('services', 'json');
    expect(res.status).toBe(200);
    const services = json<Service[]>(res.text);
    expect(Array.isArray(services)).toBe(true);
    expect(services.length).toBeGreaterThan(10);
    for (const s of services) {
      expect(typeof s.service_code).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
    }
    // Arabic first; English when the app asks for it.
    expect(services.find((s) => s.service_code === 'RDS-201')?.service_name).toBe('حفرة في الطريق');
    const english = json<Service[]>((await client.get('services', 'json', { locale: 'en' })).text);
    expect(english.find((s) => s.service_code === 'RDS-201')?.service_name).toBe('Pothole');

    const xml = parseXml((await client.get('services', 'xml')).text);
    expect(xml.name).toBe('services');
    expect(xml.children).toHaveLength(services.length);
    const pothole = xml.children.find((s) => childText(s, 'service_code') === 'RDS-201') as XmlNode;
    expect(childText(pothole, 'metadata')).toBe('true');
    expect(childText(pothole, 'service_name')).toBe('حفرة في الطريق');
  });

  it('defines the attributes of services with metadata, in the specification’s shape', async () => {
    const services = json<Service[]>((await client.get('services', 'json')).text);
    const withMetadata = services.filter((s) => s.metadata);
    expect(withMetadata.length).toBeGreaterThan(0);
    for (const s of withMetadata) {
      const def = json<{ service_code: string; attributes: Record<string, unknown>[] }>(
        (await client.get(`services/${s.service_code}`, 'json')).text,
      );
      expect(def.service_code).toBe(s.service_code);
      const orders = def.attributes.map((a) => a.order as number);
      expect(new Set(orders).size).toBe(orders.length);
      for (const a of def.attributes) {
        expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(
          a.datatype,
        );
        expect(typeof a.required).toBe('boolean');
        expect(typeof a.variable).toBe('boolean');
        if (String(a.datatype).endsWith('valuelist'))
          expect((a.values as unknown[]).length).toBeGreaterThan(0);
      }
    }
    const xml = parseXml((await client.get('services/RDS-201', 'xml')).text);
    expect(xml.name).toBe('service_definition');
    const size = need(xml, 'attributes').children.find((a) => childText(a, 'code') === 'size') as XmlNode;
    expect(need(size, 'values').children.map((v) => childText(v, 'key'))).toEqual([
      'small',
      'medium',
      'large',
    ]);
  });

  it('answers an unknown service with 404 and the errors list, and an unknown format with 404', async () => {
    const res = await client.get('services/NO_SUCH', 'json');
    expect(res.status).toBe(404);
    expect(json<ErrorItem[]>(res.text)[0]).toMatchObject({ code: 404 });
    const xml = await client.get('services/NO_SUCH', 'xml');
    expect(xml.status).toBe(404);
    const errors = parseXml(xml.text);
    expect(errors.name).toBe('errors');
    expect(childText(errors.children[0] as XmlNode, 'code')).toBe('404');
    expect((await get('/open311/v2/services.txt')).status).toBe(404);
  });
});

describe('a service request from an app', () => {
  let id: string;
  const photo = aJpeg({ exif: true });
  const pothole: [string, string][] = [
    ['api_key', LOCAL_DEMO_API_KEY],
    ['service_code', 'RDS-201'],
    ...GPS,
    ['description', 'حفرة عميقة أمام المسجد، خطر على السيارات'],
    ['phone', '92000311'],
    ['first_name', 'Salim'],
    ['attribute[size]', 'large'],
    ['attribute[lane_blocked]', 'yes'],
  ];

  it('posts a request with a photo (multipart) and GPS, and gets its id back', async () => {
    const res = await client.postMultipart(
      'requests',
      'json',
      pothole,
      [{ bytes: photo, type: 'image/jpeg', name: 'pothole.jpg' }],
      { 'idempotency-key': 'app-client-id-0001' },
    );
    expect(res.status).toBe(200);
    const [created] = json<{ service_request_id?: string; token?: string; service_notice?: string }[]>(
      res.text,
    );
    expect(typeof created?.service_request_id).toBe('string');
    expect(created?.token).toBeUndefined();
    expect(created?.service_notice).toContain(created?.service_request_id);
    id = created?.service_request_id as string;
  });

  it('is an ordinary case of the app channel, routed like any other, with the photo stripped of its GPS', async () => {
    const res = await get(`/v1/cases/${id}`, await as('supervisor'));
    expect(res.status).toBe(200);
    const { case: c, timeline } = (await res.json()) as {
      case: {
        originChannel: string;
        categoryCode: string;
        departmentCode: string;
        location: { lat: number };
      };
      timeline: { kind: string; text?: string; data?: { attachments?: string[] } }[];
    };
    expect(c).toMatchObject({ originChannel: 'app', categoryCode: 'pothole', departmentCode: 'roads' });
    expect(c.location.lat).toBeCloseTo(23.61234567, 6);
    const message = timeline.find((e) => e.kind === 'message_in' || e.kind === 'created');
    expect(JSON.stringify(timeline)).toContain('كبيرة (أكثر من متر)');
    expect(message).toBeDefined();
    const keys = JSON.stringify(timeline).match(/uploads\/cases\/app-[0-9a-f-]{36}/g) ?? [];
    expect(keys.length).toBeGreaterThan(0);
    const s3 = new S3Client({
      endpoint: `${stack.url}/_aws/s3`,
      forcePathStyle: true,
      region: 'me-central-1',
    });
    const stored = await s3.send(new GetObjectCommand({ Bucket: 'nidaa-local-attachments', Key: keys[0] }));
    const bytes = (await stored.Body?.transformToByteArray()) ?? new Uint8Array();
    expect(containsText(bytes, 'GPS')).toBe(false);
    expect(stored.ContentType).toBe('image/jpeg');
  });

  it('is the same request when the app retries with its own id, and refuses that id for another report', async () => {
    const fields = pothole;
    const media = [{ bytes: photo, type: 'image/jpeg', name: 'pothole.jpg' }];
    const again = await client.postMultipart('requests', 'json', fields, media, {
      'idempotency-key': 'app-client-id-0001',
    });
    expect(again.status).toBe(200);
    expect(json<{ service_request_id: string }[]>(again.text)[0]?.service_request_id).toBe(id);
    const other = await client.postMultipart(
      'requests',
      'json',
      [...fields.filter(([name]) => name !== 'phone'), ['phone', '92000312']],
      [{ bytes: aJpeg(), type: 'image/jpeg', name: 'other.jpg' }],
      { 'idempotency-key': 'app-client-id-0001' },
    );
    expect(other.status).toBe(400);
  });

  it('reads back in JSON and XML with its id as a string, offsets on datetimes, and nothing personal', async () => {
    const res = await client.get(`requests/${id}`, 'json');
    expect(res.status).toBe(200);
    const [request] = json<Request[]>(res.text);
    expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: 'RDS-201' });
    expect(request?.requested_datetime).toMatch(OFFSET);
    expect(request?.updated_datetime).toMatch(OFFSET);
    expect(String(request?.requested_datetime) <= String(request?.updated_datetime)).toBe(true);
    // The position is published to the street, not the house.
    expect(request?.lat).toBe(23.612);
    expect(request?.long).toBe(58.477);
    const text = JSON.stringify(request);
    for (const secret of ['92000311', 'Salim', 'حفرة عميقة', 'uploads/']) expect(text).not.toContain(secret);

    const xml = parseXml((await client.get(`requests/${id}`, 'xml')).text);
    expect(xml.name).toBe('service_requests');
    expect(xml.children).toHaveLength(1);
    const r = xml.children[0] as XmlNode;
    expect(r.name).toBe('request');
    expect(childText(r, 'service_request_id')).toBe(id);
    expect(childText(r, 'status')).toBe('open');
    expect(childText(r, 'requested_datetime')).toMatch(OFFSET);
    expect(childText(r, 'service_name')).toBe('حفرة في الطريق');
  });

  it('adds extended attributes (channel, wilayat, tier) when asked', async () => {
    const [request] = json<Request[]>(
      (await client.get(`requests/${id}`, 'json', { extensions: 'true' })).text,
    );
    expect(request?.extended_attributes).toMatchObject({ channel: 'app', tier: expect.any(Number) });
    const [plain] = json<Request[]>((await client.get(`requests/${id}`, 'json', { extensions: '' })).text);
    expect(plain).not.toHaveProperty('extended_attributes');
  });

  it('lists requests with service_request_id overriding other filters, and filters by code and status', async () => {
    const byId = json<Request[]>(
      (await client.get('requests', 'json', { service_request_id: `${id},999999999`, status: 'closed' }))
        .text,
    );
    expect(byId.map((r) => r.service_request_id)).toEqual([id]);
    const open = json<Request[]>(
      (await client.get('requests', 'json', { service_code: 'RDS-201,CLN-101', status: 'open' })).text,
    );
    expect(open.some((r) => r.service_request_id === id)).toBe(true);
    expect(
      open.every((r) => ['RDS-201', 'CLN-101'].includes(String(r.service_code)) && r.status === 'open'),
    ).toBe(true);
    const closed = json<Request[]>(
      (await client.get('requests', 'json', { service_code: 'RDS-201', status: 'closed' })).text,
    );
    expect(closed.some((r) => r.service_request_id === id)).toBe(false);
    // An empty parameter is the same as an absent one.
    const empty = json<Request[]>(
      (await client.get('requests', 'json', { status: '', service_code: '' })).text,
    );
    const absent = json<Request[]>((await client.get('requests', 'json')).text);
    expect(empty.map((r) => r.service_request_id)).toEqual(absent.map((r) => r.service_request_id));
  });

  it('filters on dates with offsets, refuses dates without a zone and windows over 90 days', async () => {
    const res = await client.get('requests', 'json', { start_date: '2026-01-01T00:00:00' });
    expect(res.status).toBe(400);
    const long = await client.get('requests', 'json', {
      start_date: '2026-01-01T00:00:00+04:00',
      end_date: '2026-06-01T00:00:00+04:00',
    });
    expect(long.status).toBe(400);
    const hour = await client.get('requests', 'json', {
      start_date: new Date(Date.now() - 3_600_000).toISOString(),
      end_date: new Date(Date.now() + 60_000).toISOString().replace('Z', '+00:00'),
    });
    expect(hour.status).toBe(200);
    expect(json<Request[]>(hour.text).some((r) => r.service_request_id === id)).toBe(true);
    const before = await client.get('requests', 'json', {
      start_date: '2026-01-01T00:00:00+04:00',
      end_date: '2026-01-02T00:00:00+04:00',
    });
    expect(json<Request[]>(before.text).some((r) => r.service_request_id === id)).toBe(false);
  });

  it('pages with page and page_size', async () => {
    for (const email of ['page1@example.om', 'page2@example.om']) {
      const res = await client.postForm('requests', 'json', [
        ['api_key', LOCAL_DEMO_API_KEY],
        ['service_code', 'CLN-101'],
        ...GPS,
        ['email', email],
      ]);
      expect(res.status).toBe(200);
    }
    const first = json<Request[]>((await client.get('requests', 'json', { page_size: '2', page: '1' })).text);
    const second = json<Request[]>(
      (await client.get('requests', 'json', { page_size: '2', page: '2' })).text,
    );
    expect(first).toHaveLength(2);
    expect(second.length).toBeGreaterThan(0);
    expect(second.map((r) => r.service_request_id)).not.toContain(first[0]?.service_request_id);
    expect((await client.get('requests', 'json', { page_size: '0' })).status).toBe(400);
  });

  it('lists public status updates (servicerequestupdates), never the agent’s words', async () => {
    const headers = { ...(await as('agent1')), 'content-type': 'application/json' };
    const act = (action: string, body: unknown) =>
      fetch(`${stack.url}/v1/cases/${id}/${action}`, { method: 'POST', headers, body: JSON.stringify(body) });
    await eventually(async () => expect((await act('claim', {})).status).toBeLessThan(300));
    const answer = 'Filled by the roads team; Salim can call 92000311 with questions.';
    expect((await act('resolve', { answer })).status).toBeLessThan(300);

    const res = await client.get('servicerequestupdates', 'json', { service_request_id: id });
    expect(res.status).toBe(200);
    const updates = json<Record<string, unknown>[]>(res.text);
    expect(updates.map((u) => u.status)).toEqual(['open', 'closed']);
    for (const u of updates) {
      expect(u).toMatchObject({ service_request_id: id, media_url: null });
      expect(u.updated_datetime).toMatch(OFFSET);
      expect(typeof u.update_id).toBe('string');
    }
    expect(res.text).not.toContain('92000311');
    const [closed] = json<Request[]>((await client.get(`requests/${id}`, 'json')).text);
    expect(closed).toMatchObject({ status: 'closed' });
    expect(JSON.stringify(closed)).not.toContain('92000311');
    const feed = await client.get('servicerequestupdates', 'xml', {});
    expect(feed.status).toBe(403);
    const withKey = await client.get('servicerequestupdates', 'xml', { api_key: LOCAL_DEMO_API_KEY });
    expect(parseXml(withKey.text).name).toBe('service_request_updates');
  });
});

describe('input the specification says to refuse', () => {
  const base: [string, string][] = [['service_code', 'CLN-101'], ...GPS, ['email', 'refuse@example.om']];

  it('403 without a valid api_key, in both formats', async () => {
    const json403 = await client.postForm('requests', 'json', base);
    expect(json403.status).toBe(403);
    expect(json<ErrorItem[]>(json403.text)).toEqual([{ code: 403, description: expect.any(String) }]);
    const xml403 = await client.postForm('requests', 'xml', [...base, ['api_key', 'nk_000000000000_wrong']]);
    expect(xml403.status).toBe(403);
    expect(xml403.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(parseXml(xml403.text).children[0]?.name).toBe('error');
  });

  it('400 without a location, 404 for an unknown service, 400 for a missing required attribute', async () => {
    const key: [string, string] = ['api_key', LOCAL_DEMO_API_KEY];
    const noPlace = await client.postForm('requests', 'json', [
      key,
      ['service_code', 'CLN-101'],
      ['email', 'a@example.om'],
    ]);
    expect(noPlace.status).toBe(400);
    const onlyLat = await client.postForm('requests', 'json', [
      key,
      ['service_code', 'CLN-101'],
      ['lat', '23.6'],
      ['long', ''],
    ]);
    expect(onlyLat.status).toBe(400);
    const unknown = await client.postForm('requests', 'json', [key, ['service_code', 'NOPE'], ...GPS]);
    expect(unknown.status).toBe(404);
    const noSize = await client.postForm('requests', 'json', [key, ['service_code', 'RDS-201'], ...GPS]);
    expect(noSize.status).toBe(400);
    expect(json<ErrorItem[]>(noSize.text)[0]?.description).toContain('attribute[size]');
    const tooLong = await client.postForm('requests', 'json', [
      key,
      ...base,
      ['description', 'x'.repeat(4001)],
    ]);
    expect(tooLong.status).toBe(400);
    const outside = await client.postForm('requests', 'json', [
      key,
      ['service_code', 'CLN-101'],
      ['lat', '51.5'],
      ['long', '-0.12'],
    ]);
    expect(outside.status).toBe(400);
  });

  it('accepts an address instead of GPS, form-encoded, and keeps Arabic intact in XML', async () => {
    const res = await client.postForm('requests', 'xml', [
      ['api_key', LOCAL_DEMO_API_KEY],
      ['service_code', 'CLN-102'],
      ['address_string', 'شارع 18 نوفمبر، الخوير، بوشر'],
      ['description', 'الحاوية ممتلئة & الرائحة <كريهة>'],
      ['email', 'arabic@example.om'],
    ]);
    expect(res.status).toBe(200);
    const xml = parseXml(res.text);
    const id = childText(xml.children[0] as XmlNode, 'service_request_id') ?? '';
    expect(id).toMatch(/^\d+$/);
    const back = parseXml((await client.get(`requests/${id}`, 'xml')).text);
    expect(childText(back.children[0] as XmlNode, 'service_name')).toBe('امتلاء حاويات النفايات أو تلفها');
  });

  it('takes an anonymous report from an app that gives only its device id', async () => {
    const res = await client.postForm('requests', 'json', [
      ['api_key', LOCAL_DEMO_API_KEY],
      ['service_code', 'CLN-101'],
      ...GPS,
      ['device_id', 'ios-5C2F8A'],
      ['account_id', 'user-77'],
    ]);
    expect(res.status).toBe(200);
    const [created] = json<{ service_request_id: string; account_id: string }[]>(res.text);
    expect(created?.account_id).toBe('user-77');
    expect((await client.get(`requests/${created?.service_request_id}`, 'json')).status).toBe(200);
  });

  it('refuses a photo that is not what it claims, and opens no case', async () => {
    const res = await client.postMultipart(
      'requests',
      'json',
      [['api_key', LOCAL_DEMO_API_KEY], ['service_code', 'CLN-103'], ...GPS, ['email', 'fake@example.om']],
      [
        {
          bytes: new TextEncoder().encode('<html><script>alert(1)</script>'),
          type: 'image/jpeg',
          name: 'x.jpg',
        },
      ],
    );
    expect(res.status).toBe(400);
    const png = await client.postMultipart(
      'requests',
      'json',
      [['api_key', LOCAL_DEMO_API_KEY], ['service_code', 'CLN-103'], ...GPS, ['email', 'png@example.om']],
      [{ bytes: aPng({ text: true }), type: 'image/png', name: 'x.png' }],
    );
    expect(png.status).toBe(200);
  });

  it('limits new cases per contact with a bilingual 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<Open311Client['postForm']>> | undefined;
    for (let i = 0; i < 7; i++) {
      last = await client.postForm(
        'requests',
        'json',
        [
          ['api_key', LOCAL_DEMO_API_KEY],
          ['service_code', 'CLN-101'],
          ...GPS,
          ['phone', '92000999'],
          ['description', `bins ${i}`],
        ],
        { 'accept-language': 'en' },
      );
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(json<ErrorItem[]>(last?.text ?? '[]')[0]).toMatchObject({
      code: 429,
      description: expect.stringContaining('Too many'),
    });
    // The web form counts against the same allowance.
    const web = await post(
      '/v1/requests',
      { text: 'Another overflowing bin in Qurum', contact: { phone: '+96892000999' } },
      { 'idempotency-key': 'web-after-app-limit-1' },
    );
    expect(web.status).toBe(429);
    expect(((await web.json()) as { messages: { ar: string } }).messages.ar).toContain('بلاغات كثيرة');
  });
});

describe('API keys', () => {
  it('are issued once by an administrator, listed without secrets, and revoked', async () => {
    const admin = { ...(await as('admin')), 'content-type': 'application/json' };
    const created = await fetch(`${stack.url}/v1/admin/api-keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'Muscat Daily app' }),
    });
    expect(created.status).toBe(201);
    const { id, key } = (await created.json()) as { id: string; key: string };
    expect(key).toMatch(/^nk_[a-z0-9]{12}_/);

    const listed = await (await fetch(`${stack.url}/v1/admin/api-keys`, { headers: admin })).text();
    expect(listed).toContain('Muscat Daily app');
    expect(listed).not.toContain(key);
    expect(listed).not.toContain('hash');

    const post311 = (k: string) =>
      client.postForm('requests', 'json', [
        ['api_key', k],
        ['service_code', 'CLN-101'],
        ...GPS,
        ['email', 'keys@example.om'],
      ]);
    expect((await post311(key)).status).toBe(200);
    const revoked = await fetch(`${stack.url}/v1/admin/api-keys/${id}`, { method: 'DELETE', headers: admin });
    expect(revoked.status).toBe(200);
    expect((await post311(key)).status).toBe(403);
  });

  it('are for administrators only', async () => {
    const agent = { ...(await as('agent1')), 'content-type': 'application/json' };
    const res = await fetch(`${stack.url}/v1/admin/api-keys`, {
      method: 'POST',
      headers: agent,
      body: '{"name":"x app"}',
    });
    expect(res.status).toBe(403);
    expect((await fetch(`${stack.url}/v1/admin/api-keys`)).status).toBe(401);
  });
});

describe('CORS, as the HTTP API answers it', () => {
  it('answers a preflight from an allowed origin, and gives a foreign origin no CORS headers', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/v1/requests`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, idempotency-key',
        },
      });
    const ok = await preflight(PORTAL);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type,idempotency-key');
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();

    const res = await fetch(`${stack.url}/v1/categories`, { headers: { origin: PORTAL } });
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    const foreign = await fetch(`${stack.url}/v1/categories`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const app = await fetch(`${stack.url}/open311/v2/services.json`, { headers: { origin: PORTAL } });
    expect(app.headers.get('access-control-allow-origin')).toBe(PORTAL);
  });
});
