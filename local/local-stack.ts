import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import sesModule from 'aws-ses-v2-local';
import dynalite from 'dynalite';
import { stageFlowCustomization } from '../contact-flows/customize.ts';
import { TABLE_SCHEMA } from '../functions/adapters/dynamodb/table-schema.ts';
import { SEED_CATALOGUE } from '../functions/core/catalogue/seed.ts';
import { defineAnalyticsQueries } from '../functions/shared/analytics-queries.ts';
import { clock } from '../functions/shared/clock.ts';
import { ENV, type EnvName } from '../functions/shared/env.ts';
import { defineStageConfig } from '../functions/shared/runtime-config.ts';
import { analyticsNames } from '../lib/config/analytics-names.ts';
import { corsOriginsOf } from '../lib/config/cors.ts';
import { runtimeConfigFor } from '../lib/config/runtime-config.ts';
import { parseStageConfig } from '../lib/config/stage-config.ts';
import { functionsTriggeredBy, type RegionRole, scheduledEvent } from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { allQueries, type LocalLake, openLocalLake } from './analytics/lake.ts';
import { serveApi } from './api-gateway.ts';
import { CaseTableStream, streamingProxy } from './case-table-stream.ts';
import { seedDemoLake } from './demo/demo-lake.ts';
import { LOCAL_CONNECT } from './fake-aws/connect.ts';
import { answerMalformed, FakeS3, handleFakeAws, MalformedJsonError } from './fake-aws/index.ts';
import { type LocalRegions, refuse, regionGuardedProxy } from './fake-aws/region-guard.ts';
import {
  LOCAL_CITIZEN_KEY_SECRET_ARN,
  LOCAL_SMS_WEBHOOK_SECRET_ARN,
  LOCAL_TRACKING_SECRET_ARN,
} from './fake-aws/secrets-manager.ts';
import {
  answerStarting,
  BODY_TIMEOUT_MS,
  bodyLimitFor,
  checkBindAddress,
  readBody,
  writeProblem,
} from './http-guards.ts';
import { CHAT_TRANSCRIPT_BUCKET, CONTACT_RECORDS_BUCKET } from './ivr/calls.ts';
import { CALL_RECORDINGS_BUCKET } from './ivr/contact-lens.ts';
import { JournaledMap } from './journal.ts';
import { configureLocalFunctions, invokeLocal, localFunctionName } from './lambda-runner.ts';
import { backfillLiveCounters } from './live-counters-backfill.ts';
import { LocalIssuer } from './local-auth.ts';
import { serveLocalRoute } from './local-routes.ts';
import { seedDemoApiKey } from './open311-demo.ts';
import { Outbox } from './outbox.ts';
import { ensurePanelBuilt, ensurePortalBuilt, servePanel, servePortal } from './panel-assets.ts';
import { type RecoveryReport, resumeLifecycles } from './recovery.ts';
import { replayService } from './replay/replay-service.ts';
import { LocalScheduler } from './scheduler.ts';
import { seedDemoCity } from './seed.ts';
import { keepSentMail } from './sent-mail.ts';
import { LocalWorkflows, localStateMachineArn } from './workflows.ts';

export type LocalStackOptions = {
  port?: number;
  host?: string;
  /** Where DynamoDB data persists; omitted = in memory (tests). */
  dataDir?: string;
  fastRetries?: boolean;
  /** How many past cases to seed into a new table (the demo city); 0 for none. */
  seedCases?: number;
  /** Build the case panel (web/panel) if its build is missing or stale, to serve it at /panel. */
  panel?: boolean;
  /** Build the citizens' portal (web/portal) if stale, to serve it at / (docs/decisions/0095). */
  portal?: boolean;
  /**
   * Origins whose pages may call the API (CORS, as the HTTP API's corsPreflight does); default: the dev
   * stage's `cors.allowedOrigins` and NIDAA_CORS_ORIGINS (comma-separated).
   */
  corsOrigins?: readonly string[];
  /**
   * Run the `hourlySchedule` functions (insightsDetector) as each local hour closes, as EventBridge
   * Scheduler does in AWS (`npm start` does); off by default so other tests' clock jumps stay light.
   */
  hourly?: boolean;
  /** Listen on a non-loopback host (NIDAA_ALLOW_REMOTE=1): local mode has no security boundary. */
  allowRemote?: boolean;
  /**
   * Write the demo year (local/demo) into the analytics lake `<dataDir>/lake` at the first start of the
   * data dir, so the Analytics screen shows a year of history (docs/decisions/0115).
   */
  demoLake?: boolean;
  /**
   * Local time at start (NIDAA_CLOCK): a replay of a past year needs a fresh data dir started at or before
   * its first row, since the clock then only moves forward.
   */
  clockStart?: Date;
  /** How long a request body may take to arrive (408 after); BODY_TIMEOUT_MS unless a test shortens it. */
  bodyTimeoutMs?: number;
  /**
   * Awaited as each start-up phase begins, with the URL already answering 503 (tests: a request that
   * arrives while the table is seeded).
   */
  onStartupPhase?: (phase: StartupPhase, url: string) => Promise<void> | void;
};

/** What local mode is doing before it serves: requests meanwhile get 503 with Retry-After. */
export type StartupPhase = 'emulators' | 'table' | 'seeding';

export type LocalStack = {
  url: string;
  sesUrl: string;
  outbox: Outbox;
  issuer: LocalIssuer;
  workflows: LocalWorkflows;
  tableName: string;
  /** Where local mode's resources live (the dev stage's regions), as the region-true stand-ins enforce it. */
  regions: LocalRegions;
  /** Where received mail is stored, as SES's S3 action would (bucket in regions.mailReceiving). */
  rawMail: { bucket: string; prefix: string };
  /**
   * The analytics store: what the fake Firehose received from the stream's consumers, answering the
   * analytics queries through the fake Athena (`<dataDir>/lake`, or a temporary folder removed at stop).
   */
  lake: LocalLake;
  /** The case table's stream (local/case-table-stream.ts): `idle()` once every change reached its consumers. */
  caseStream: { idle(): Promise<void> };
  /** Resolves once the hourly functions (insightsDetector) started so far have run. */
  hourlyIdle(): Promise<void>;
  /**
   * Open cases getting their lifecycles back after a restart, in the background once local mode serves
   * (local/recovery.ts); undefined when there was nothing to recover.
   */
  recovery?: Promise<RecoveryReport>;
  stop(): Promise<void>;
};

const TABLE_NAME = 'nidaa-local';
/** Where local SES "stores" received mail, like the S3 action of the deployed receipt rule. */
const RAW_MAIL = { bucket: 'nidaa-local-raw-mail', prefix: 'inbound/' };
/** Citizens' uploads: presigned POST forms point at `<url>/_aws/s3/<bucket>` (local/fake-aws/s3.ts). */
const ATTACHMENTS_BUCKET = 'nidaa-local-attachments';
/** The analytics delivery streams (`<prefix><table>`), the fake Athena's workgroup and Glue database. */
const LOCAL_ANALYTICS = analyticsNames({ stage: 'local' });

// aws-ses-v2-local is CommonJS: Node's ESM loader hands over module.exports, Vite its default export.
type StartSes = (config: { host: string; port: number }) => Promise<Server>;
const startSes = ((sesModule as unknown as { default?: StartSes }).default ??
  sesModule) as unknown as StartSes;

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    // A port in use (EADDRINUSE) fails start-up instead of hanging it.
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** The request target as a URL, independent of the Host header; undefined when it is not a path. */
export function requestUrl(target: string | undefined, host: string): URL | undefined {
  if (!target?.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, `http://${host}`);
  } catch {
    return undefined;
  }
}

/** What API Gateway answers a request it cannot parse: a 400, here in both languages. */
function badRequest(res: ServerResponse) {
  res.writeHead(400, { 'content-type': 'application/problem+json; charset=utf-8' });
  res.end(
    JSON.stringify({
      type: 'https://nidaa.dev/problems/validation',
      title: 'الطلب غير صالح.',
      status: 400,
      messages: { ar: 'الطلب غير صالح.', en: 'The request is not valid.' },
    }),
  );
}

/** The dev stage from cdk.json. */
function devStage() {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: { stages: unknown };
  };
  return parseStageConfig('dev', cdkJson.context.stages);
}

/** The dev stage's configuration, as the deployed functions would receive it. */
function devRuntimeConfig() {
  const config = runtimeConfigFor(devStage());
  // Made-up vehicles answer `ام <plate> <code>` locally (functions/adapters/vehicles/fixture-vehicle-records.ts).
  return { ...config, vehicleLookup: { connector: 'fixture' as const } };
}

export async function ensureTable(endpoint: string) {
  const ddb = new DynamoDBClient({ endpoint });
  try {
    await ddb.send(new DescribeTableCommand({ TableName: TABLE_NAME }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const s = TABLE_SCHEMA;
  const attributes = new Set<string>([
    s.partitionKey,
    s.sortKey,
    ...Object.values(s.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  await ddb.send(
    new CreateTableCommand({
      TableName: TABLE_NAME,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: s.partitionKey, KeyType: 'HASH' },
        { AttributeName: s.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Object.values(s.indexes).map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...s.projectedAttributes] },
      })),
    }),
  );
  // Even with createTableMs 0, dynalite turns the table ACTIVE a moment later.
  await waitUntilTableExists({ client: ddb, maxWaitTime: 60, minDelay: 1 }, { TableName: TABLE_NAME });
  return true;
}

/**
 * Starts the whole pipeline on this machine: dynalite, aws-ses-v2-local, the fake SNS / Step Functions /
 * S3 endpoints, the API, and `/_local/*`. Handlers are the Lambda entry files; state machines are the ASL files.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<
  LocalStack & {
    createdTable: boolean;
    seeded?: Awaited<ReturnType<typeof seedDemoCity>>;
    /** Demo-year cases written into the lake at this start (0: none, or already there). */
    demoLakeCases: number;
  }
> {
  const host = options.host ?? '127.0.0.1';
  checkBindAddress(host, options.allowRemote ?? false);
  if (options.clockStart) clock.startAt(options.clockStart);
  if (options.panel) await ensurePanelBuilt();
  if (options.portal) await ensurePortalBuilt();
  if (options.dataDir) await mkdir(path.join(options.dataDir, 'dynamodb'), { recursive: true });
  const ddbServer = dynalite({
    createTableMs: 0,
    ...(options.dataDir ? { path: path.join(options.dataDir, 'dynamodb') } : {}),
  });
  const ddbPort = await listen(ddbServer, 0, host);
  const ses = await startSes({ host, port: 0 });
  const sesUrl = `http://${host}:${(ses.address() as AddressInfo).port}`;
  const stage = devStage();
  const regions: LocalRegions = {
    regions: stage.regions,
    buckets: {
      [RAW_MAIL.bucket]: 'mailReceiving',
      [ATTACHMENTS_BUCKET]: 'caseData',
      [CHAT_TRANSCRIPT_BUCKET]: 'contactCenter',
      [CONTACT_RECORDS_BUCKET]: 'contactCenter',
      [CALL_RECORDINGS_BUCKET]: 'contactCenter',
    },
  };
  // dynalite has no streams: writes to the case table go through the stream emulator, which delivers
  // each change to the caseTableStream functions.
  const streamOptions = {
    tableName: TABLE_NAME,
    keyAttributes: [TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey] as const,
    region: stage.regions.caseData,
    now: () => clock.now(),
    invoke: invokeLocal,
    ...(options.fastRetries ? { retryDelayMs: 10 } : {}),
  };
  const caseStream = new CaseTableStream(streamOptions);
  const streamProxy = await streamingProxy({ host, port: ddbPort }, host, caseStream, streamOptions);
  const lake = openLocalLake(options.dataDir);
  // dynalite and aws-ses-v2-local know no regions: the functions reach them through region guards.
  const ddbGuard = await regionGuardedProxy({
    host,
    target: { host, port: streamProxy.port },
    home: stage.regions.caseData,
    refusal: (res) =>
      refuse.json(
        res,
        'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
        'Requested resource not found',
      ),
  });
  const sesGuard = await regionGuardedProxy({
    host,
    target: { host, port: (ses.address() as AddressInfo).port },
    home: stage.regions.caseData,
    refusal: (res, away) =>
      refuse.restJson(
        res,
        400,
        'MessageRejected',
        `Email address is not verified. The following identities failed the check in region ${away.toUpperCase()}: ${stage.email.domain}`,
      ),
  });

  const inDataDir = (name: string) => (options.dataDir ? path.join(options.dataDir, name) : undefined);
  const outbox = new Outbox(sesUrl, inDataDir('outbox.jsonl'));
  const sentMail = inDataDir('sent-mail.jsonl');
  if (sentMail) keepSentMail(sentMail);
  const connectTasks = new JournaledMap(inDataDir('connect-tasks.jsonl'));
  const s3 = new FakeS3(options.dataDir ? path.join(options.dataDir, 's3') : undefined);
  const athena = { lake, workGroup: LOCAL_ANALYTICS.workgroup, database: LOCAL_ANALYTICS.database };
  const issuer = new LocalIssuer();
  const workflows = new LocalWorkflows(invokeLocal, {
    fastRetries: options.fastRetries ?? false,
    onFailure: (execution, result) =>
      console.error(
        `workflow ${execution} failed: ${result.status === 'FAILED' ? `${result.error}: ${result.cause}` : ''}`,
      ),
    // An agent or citizen acted on a case whose lifecycle recovery has not reached yet: that one first.
    onLostExecution: (name, executionName) => {
      if (name === 'caseLifecycle' && /^\d{9,12}$/.test(executionName))
        workflows.start(name, { reference: executionName }, executionName);
    },
  });
  const scheduler = new LocalScheduler(workflows, () => clock.now());
  // Every local hour, each function on the hourly schedule runs, as EventBridge Scheduler would call it.
  const hourlyFunctions = functionsTriggeredBy('hourlySchedule');
  if (options.hourly)
    scheduler.everyHour(async (at) => {
      for (const name of hourlyFunctions) {
        await invokeLocal(name, scheduledEvent('hourlySchedule', at.toISOString())).catch((error: unknown) =>
          console.error(`${name} at ${at.toISOString()} failed:`, error),
        );
      }
    });
  const config = devRuntimeConfig();
  // The stage's flows as the CDK deploys them: wording, voices, and Contact Lens only where it is on.
  const { customization: flows, contactLens } = stageFlowCustomization(
    stage.contactCenter,
    stage.regions.contactCenter,
  );
  const corsOrigins = options.corsOrigins ?? [
    ...corsOriginsOf(devStage()),
    ...(process.env.NIDAA_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  ];
  // Local time moves (POST /_local/clock): timers whose moment came fire at once.
  const moveClock = {
    now: () => clock.now(),
    advance: (minutes: number) => {
      clock.advance(minutes);
      scheduler.fireDue();
    },
    setTo: (at: Date) => {
      const moved = clock.setTo(at);
      if (moved) scheduler.fireDue();
      return moved;
    },
    hold: () => clock.hold(),
    release: () => clock.release(),
  };
  const replay = replayService(moveClock);

  // Until start-up ends (tables, seeding) every request gets 503: none is served half-ready.
  let starting: StartupPhase | undefined = 'emulators';
  const server = createServer(async (req, res) => {
    if (starting) return answerStarting(res, starting);
    // The Host header is the client's to send: a malformed one must not break parsing (issue 11, defect 8).
    const url = requestUrl(req.url, host);
    if (!url) return badRequest(res);
    try {
      const read = await readBody(req, res, {
        limit: bodyLimitFor(url.pathname),
        timeoutMs: options.bodyTimeoutMs ?? BODY_TIMEOUT_MS,
      });
      if (!read.ok) return;
      const body = read.body;
      const fakeAws = {
        outbox,
        workflows,
        scheduler,
        s3,
        connectTasks,
        regions,
        athena,
        now: () => clock.now(),
        analytics: { prefix: LOCAL_ANALYTICS.streamPrefix, lake },
      };
      if (await handleFakeAws(req, res, fakeAws, body)) return;
      if (url.pathname.startsWith('/_local/')) {
        return await serveLocalRoute(req.method ?? 'GET', url.pathname, body, res, {
          invoke: invokeLocal,
          outbox,
          issuer,
          clock: moveClock,
          replay,
          shortCode: config.sms.shortCode,
          rawMail: { ...RAW_MAIL, store: s3, domain: config.email.domain, from: config.email.from },
          flows,
          // Contact Lens's output (synthetic locally): only a stage that records and analyses calls has any.
          ...(contactLens.enabled ? { analyses: { store: s3, bucket: CALL_RECORDINGS_BUCKET } } : {}),
        });
      }
      if (await serveApi(req, res, url, body, { invoke: invokeLocal, issuer, corsOrigins })) return;
      if (url.pathname === '/panel' || url.pathname.startsWith('/panel/'))
        return await servePanel(url.pathname, res);
      if (options.portal && req.method === 'GET') return await servePortal(url.pathname, res);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not found' }));
    } catch (error) {
      // An AWS stand-in given JSON it cannot parse answers as that service does (400), not 500.
      if (error instanceof MalformedJsonError && url.pathname.startsWith('/_aws/'))
        return answerMalformed(res, url.pathname.split('/')[2] ?? '', error.message);
      console.error(error);
      writeProblem(res, 500, 'internal', {
        ar: 'تعذّر على الوضع المحلي خدمة هذا الطلب؛ راجعوا سجل الطرفية.',
        en: 'Local mode failed to serve this request; see the console.',
      });
    }
  });
  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${host}:${port}`;

  // The handlers' SDK clients find the emulators through the SDK's own endpoint settings; local mode's
  // own code and tests use the same, from the case-data region.
  const platform = {
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: `http://${host}:${ddbGuard.port}`,
    AWS_ENDPOINT_URL_SESV2: `http://${host}:${sesGuard.port}`,
    AWS_ENDPOINT_URL_SNS: `${url}/_aws/sns`,
    AWS_ENDPOINT_URL_SFN: `${url}/_aws/sfn`,
    AWS_ENDPOINT_URL_CONNECT: `${url}/_aws/connect`,
    AWS_ENDPOINT_URL_SCHEDULER: `${url}/_aws/scheduler`,
    AWS_ENDPOINT_URL_S3: `${url}/_aws/s3`,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `${url}/_aws/secretsmanager`,
    AWS_ENDPOINT_URL_LAMBDA: `${url}/_aws/lambda`,
    AWS_ENDPOINT_URL_FIREHOSE: `${url}/_aws/firehose`,
    AWS_ENDPOINT_URL_ATHENA: `${url}/_aws/athena`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
  };
  Object.assign(process.env, platform, { AWS_REGION: stage.regions.caseData });
  const { caseData } = stage.regions;
  const regionValues = {
    caseData,
    contactCenter: stage.regions.contactCenter,
    mailReceiving: stage.regions.mailReceiving,
  };
  // A value for every variable a binding may declare; each handler gets only its own (lambda-runner.ts).
  const values: Record<EnvName, string> = {
    [ENV.tableName]: TABLE_NAME,
    [ENV.caseDataRegion]: caseData,
    [ENV.contactCenterRegion]: stage.regions.contactCenter,
    [ENV.mailReceivingRegion]: stage.regions.mailReceiving,
    [ENV.caseIntakeArn]: localStateMachineArn('caseIntake'),
    [ENV.caseLifecycleArn]: localStateMachineArn('caseLifecycle'),
    [ENV.scheduleGroup]: 'nidaa-local',
    [ENV.schedulerRoleArn]: 'arn:aws:iam::000000000000:role/nidaa-local-timers',
    [ENV.supervisorTopicArn]: `arn:aws:sns:${caseData}:000000000000:nidaa-local-supervisor-alerts`,
    [ENV.originSecretId]: 'nidaa/local/origin-verify',
    [ENV.smsWebhookSecretArn]: LOCAL_SMS_WEBHOOK_SECRET_ARN,
    [ENV.trackingSecretArn]: LOCAL_TRACKING_SECRET_ARN,
    [ENV.faxLetterFunction]: localFunctionName('faxLetter'),
    [ENV.attachmentsBucket]: ATTACHMENTS_BUCKET,
    [ENV.rawMailBucket]: RAW_MAIL.bucket,
    [ENV.rawMailPrefix]: RAW_MAIL.prefix,
    // A stand-in Connect instance, so tier tasks show up in the outbox as they would in the agent's queue.
    [ENV.connectInstanceId]: LOCAL_CONNECT.instanceId,
    [ENV.connectTaskFlowId]: 'local-task-flow',
    [ENV.panelUrl]: `${url}/panel`,
    [ENV.emailInboundFunctionArn]: `arn:aws:lambda:${caseData}:000000000000:function:${localFunctionName('emailInbound')}`,
    [ENV.open311BaseUrl]: url,
    // The analytics lake's stand-ins (fake Firehose and Athena) answer to the names the AWS stack gives.
    [ENV.analyticsStreamPrefix]: LOCAL_ANALYTICS.streamPrefix,
    [ENV.athenaWorkgroup]: LOCAL_ANALYTICS.workgroup,
    [ENV.analyticsDatabase]: LOCAL_ANALYTICS.database,
    [ENV.citizenKeySecretArn]: LOCAL_CITIZEN_KEY_SECRET_ARN,
  };
  configureLocalFunctions({ values, regions: regionValues satisfies Record<RegionRole, string>, platform });
  // The stage config travels inside each bundle in AWS (docs/decisions/0066); here, the same global.
  // Local mode serves the portal itself: acknowledgements link to its tracking page here.
  defineStageConfig({ ...config, portalUrl: url });
  // The analytics queries travel inside each bundle in AWS (docs/decisions/0110); here, the same global.
  defineAnalyticsQueries(allQueries());
  const enter = async (phase: StartupPhase) => {
    starting = phase;
    await options.onStartupPhase?.(phase, url);
  };
  await enter('table');
  const createdTable = await ensureTable(`http://${host}:${ddbPort}`);
  await seedDemoApiKey(`http://${host}:${ddbPort}`, TABLE_NAME, clock.now());
  if (createdTable && options.seedCases) await enter('seeding');
  const seeded =
    createdTable && options.seedCases
      ? await seedDemoCity(`http://${host}:${ddbPort}`, TABLE_NAME, {
          count: options.seedCases,
          now: clock.now(),
          calendar: config.calendar,
        })
      : undefined;
  // A new table is counted in once (the seeded city went straight into it, past the stream), so the live
  // counters are trusted from the start; an empty table just gets its mark.
  if (createdTable) await backfillLiveCounters(`http://${host}:${ddbPort}`, TABLE_NAME, config.calendar);
  const demoLakeCases =
    options.demoLake && options.dataDir
      ? seedDemoLake(lake, lake.dir, {
          catalogue: SEED_CATALOGUE,
          calendar: config.calendar,
        })
      : 0;
  starting = undefined;
  scheduler.start();
  // Local executions live in memory: after a restart (or a seed), every unfinished case gets its
  // lifecycle back, in the background and a few at a time, while local mode already serves.
  let stopping = false;
  const recovery =
    !createdTable || seeded
      ? resumeLifecycles(`http://${host}:${ddbPort}`, TABLE_NAME, workflows, { stopped: () => stopping })
      : undefined;
  recovery?.catch((error: unknown) => console.error('resuming open cases failed:', error));

  return {
    url,
    sesUrl,
    outbox,
    issuer,
    workflows,
    tableName: TABLE_NAME,
    regions,
    rawMail: RAW_MAIL,
    lake,
    caseStream,
    hourlyIdle: () => scheduler.hourlyIdle(),
    createdTable,
    seeded,
    demoLakeCases,
    ...(recovery ? { recovery } : {}),
    stop: async () => {
      stopping = true;
      scheduler.stop();
      workflows.abortAll();
      await recovery?.catch(() => undefined);
      await scheduler.hourlyIdle();
      await caseStream.stop();
      await lake.close();
      if (!options.dataDir) await rm(lake.dir, { recursive: true, force: true });
      await Promise.all([
        close(server),
        close(ddbServer),
        close(ses),
        close(ddbGuard.server),
        close(streamProxy.server),
        close(sesGuard.server),
      ]);
    },
  };
}
