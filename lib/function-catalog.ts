/**
 * Every Lambda function, declared once with its bindings: what triggers it, the environment it reads,
 * what it may do, and the region each of its SDK clients calls (`bindingsOf`). The CDK app builds a
 * NidaaFunction per entry from them; local mode imports the same entry files, gives each handler only its
 * declared environment and delivers each trigger to the function that declares it.
 * Plain data, no CDK imports, so local mode loads it cheaply.
 */
import { keys } from '../functions/adapters/dynamodb/keys.ts';
import { AGENT_ACTION_KINDS } from '../functions/core/lifecycle/agent-actions.ts';
import { ENV, type EnvName } from '../functions/shared/env.ts';

/** State machines: the ASL file and whether it runs as Express (short, synchronous) or Standard (long waits). */
export const STATE_MACHINES = {
  // Listed before case-intake, which starts it.
  caseLifecycle: {
    file: 'state-machines/case-lifecycle.asl.json',
    type: 'STANDARD',
    envVar: ENV.caseLifecycleArn,
  },
  caseIntake: { file: 'state-machines/case-intake.asl.json', type: 'EXPRESS', envVar: ENV.caseIntakeArn },
} as const;

export type StateMachineName = keyof typeof STATE_MACHINES;

/** What invokes a function. Each event source is delivered to the one function that declares it. */
export type Trigger =
  /** A route of ROUTES, through the HTTP API. */
  | 'httpApi'
  /** The HTTP API's authorizer of the citizen routes. */
  | 'apiAuthorizer'
  /** A task state of that state machine (ASL `${<name>FunctionArn}`). */
  | StateMachineName
  /** Two-way SMS: the SNS topic of the origination number. */
  | 'smsReceived'
  /** SES receiving (S3 action, then the mail stack's SNS topic), in regions.mailReceiving. */
  | 'mailReceived'
  /** The mail relay, which hands each received-mail notification over to regions.caseData. */
  | 'mailRelayed'
  /** SES sending events (configuration set → SNS). */
  | 'mailSendingEvents'
  /** Amazon Connect task contact events (EventBridge rule). */
  | 'connectTaskEvents'
  /** Amazon Connect flows (InvokeLambdaFunction blocks). */
  | 'connectFlow'
  /** A chat transcript Connect stores (S3 ObjectCreated). */
  | 'chatTranscriptStored'
  /** Other functions invoke it by name (FAX_LETTER_FUNCTION). */
  | 'functionCall'
  /** Every change to the case table (DynamoDB stream, new and old images). */
  | 'caseTableStream'
  /** A batch of Connect contact records (CTRs) Firehose stored (S3 ObjectCreated, regions.contactCenter). */
  | 'contactRecordStored'
  /** Every hour, a few minutes past the hour (EventBridge Scheduler, Asia/Muscat). */
  | 'hourlySchedule'
  /** On the first day of each month, early morning Asia/Muscat (EventBridge Scheduler). */
  | 'monthlySchedule'
  /** A Contact Lens post-call analysis stored (S3 ObjectCreated under Analysis/Voice/, regions.contactCenter). */
  | 'contactAnalysisStored';

export type FunctionSpec = {
  entry: string;
  trigger: Trigger;
  description: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  /** Least privilege: what the function may do with the case table. */
  table: 'read' | 'readWrite' | 'none';
  /** Express state machines it runs synchronously (their ARN arrives as <NAME>_ARN, e.g. CASE_INTAKE_ARN). */
  startsSync?: readonly StateMachineName[];
  /** Invoked asynchronously by AWS (SNS, SES): gets retries and a dead-letter queue. */
  async?: boolean;
  /** Sends SMS (SNS) or e-mail (SES), and faxes through the faxLetter function (FAX_LETTER_FUNCTION). */
  sends?: boolean;
  /** Resumes a waiting case-lifecycle (SendTaskSuccess) and disarms its timer. */
  resumesWorkflows?: boolean;
  /** Arms and disarms one-shot timers (EventBridge Scheduler) that resume case-lifecycle. */
  setsTimers?: boolean;
  /** Opens Amazon Connect tasks in the tier queues. */
  opensTasks?: boolean;
  /** Sends answers that may be call backs: tasks in the Connect callback queue (docs/decisions/0017). */
  callsBack?: boolean;
  /** Publishes to the supervisors' alert topic. */
  alertsSupervisors?: boolean;
  /** Takes citizens' uploads: presigned POSTs and verification in the attachments bucket (ATTACHMENTS_BUCKET). */
  attachments?: boolean;
  /**
   * Writes the photos an app sends inside its request (Open311 multipart `media`), checked and cleaned,
   * under `uploads/cases/app-*` only (ATTACHMENTS_BUCKET); no presigned forms, no reading.
   */
  storesAppMedia?: boolean;
  /** Names the public address in Open311 discovery (OPEN311_BASE_URL, from the stage's edge domain when it has one). */
  servesOpen311?: boolean;
  /** Reads the secret CloudFront sends to the API (ORIGIN_SECRET_ID, docs/decisions/0016). */
  verifiesOrigin?: boolean;
  /** Reads received mail from the raw-mail bucket (regions.mailReceiving) and stores its attachments. */
  receivesMail?: boolean;
  /** Reads the SMS aggregator's webhook secret (Secrets Manager, SMS_WEBHOOK_SECRET_ARN). */
  smsWebhookSecret?: boolean;
  /** Deployed by the mail stack in regions.mailReceiving, next to the topic it is subscribed to. */
  relaysMail?: boolean;
  /** Named `nidaa-<stage>-<catalogue name>`, so another region's stack can invoke it by name. */
  fixedName?: boolean;
  /** Renders fax letters: the letter fonts are copied next to its bundle (docs/decisions/0018). */
  rendersLetters?: boolean;
  /** Signs short-lived links for staff to view verified attachments (s3:GetObject under uploads/cases/). */
  viewsAttachments?: boolean;
  /**
   * Signs and checks tracking links (docs/decisions/0086): reads the tracking secret (TRACKING_SECRET_ARN)
   * of the core stack.
   */
  tracksRequests?: boolean;
  /** Answers status lookups under the limits of docs/decisions/0085: its refusals feed the walking alarm. */
  answersStatus?: boolean;
  /**
   * Invoked by Amazon Connect, by its flows or through what it stores (chat transcripts, contact records):
   * deployed by the contact-center stack in regions.contactCenter, next to the instance (flows answer within
   * Connect's 8 s limit; S3 notifies functions of its own region only), instead of the core stack.
   */
  invokedByConnect?: boolean;
  /**
   * Writes analytics records (functions/core/analytics/tables.ts) to their Firehose delivery streams,
   * named `<ANALYTICS_STREAM_PREFIX><table>` (docs/decisions/0100).
   */
  writesAnalytics?: boolean;
  /**
   * Runs the analytics queries (analytics/queries) in the Athena workgroup ATHENA_WORKGROUP over the Glue
   * database ANALYTICS_DATABASE: its results bucket, the lake it reads, nothing else.
   */
  queriesAnalytics?: boolean;
  /**
   * Turns contact ids into citizen keys for the analytics store (HMAC, docs/decisions/0103): reads the
   * citizen-key secret (CITIZEN_KEY_SECRET_ARN).
   */
  hashesCitizens?: boolean;
  /** Links its messages to the case panel (PANEL_URL), e.g. an alert's page. */
  linksToPanel?: boolean;
};

export const FUNCTIONS = {
  citizenApi: {
    trigger: 'httpApi',
    entry: 'functions/api/citizen-api.handler.ts',
    description:
      'Citizen API: categories, service procedures, attachment uploads, new requests (web channel), request status',
    // Verifying up to five uploads holds them in memory (JPEGs are rewritten without metadata).
    memoryMb: 512,
    table: 'readWrite',
    startsSync: ['caseIntake'],
    resumesWorkflows: true,
    attachments: true,
    // Tracking: photos by short-lived link (its attachments grant reads uploads/cases/ already), one-time
    // codes by SMS or e-mail, tokens checked against the tracking secret, refused lookups counted.
    sends: true,
    tracksRequests: true,
    answersStatus: true,
  },
  open311Api: {
    trigger: 'httpApi',
    entry: 'functions/api/open311.handler.ts',
    description:
      'Open311 GeoReport v2 for app makers (services, requests with photos and GPS, updates), and the API keys administrators issue',
    // A POST may carry up to five photos in its multipart body, each rewritten without metadata.
    memoryMb: 512,
    timeoutSeconds: 20,
    table: 'readWrite',
    startsSync: ['caseIntake'],
    resumesWorkflows: true,
    storesAppMedia: true,
    servesOpen311: true,
  },
  originVerify: {
    trigger: 'apiAuthorizer',
    entry: 'functions/api/origin-verify.handler.ts',
    description:
      'Authorizer of the citizen routes: only requests that came through CloudFront and its WAF get through',
    memoryMb: 128,
    table: 'none',
    verifiesOrigin: true,
  },
  agentApi: {
    trigger: 'httpApi',
    entry: 'functions/api/agent-api.handler.ts',
    description: 'Agent API: queues, case lookup, timeline and actions (claim, reply, escalate, resolve…)',
    table: 'readWrite',
    // Agents open cases for the caller on the line (POST /v1/cases) through the same intake.
    startsSync: ['caseIntake'],
    resumesWorkflows: true,
    sends: true,
    // An agent's reply to a citizen who asked to be called back.
    callsBack: true,
    // Staff preview citizens' photos through short-lived links.
    viewsAttachments: true,
  },
  smsInbound: {
    trigger: 'smsReceived',
    entry: 'functions/channels/sms-inbound.handler.ts',
    description: 'Inbound SMS (SNS two-way SMS shape): commands and new cases',
    table: 'readWrite',
    startsSync: ['caseIntake'],
    async: true,
    sends: true,
    resumesWorkflows: true,
    // Status answers: the owner's carry the tracking link; others are counted (docs/decisions/0085).
    tracksRequests: true,
    answersStatus: true,
  },
  smsWebhook: {
    trigger: 'httpApi',
    entry: 'functions/channels/sms-webhook.handler.ts',
    description: 'Inbound SMS from the short-code aggregator (signed webhook), processed as two-way SMS',
    // The aggregator waits for the answer: a new case runs case-intake synchronously.
    timeoutSeconds: 20,
    table: 'readWrite',
    startsSync: ['caseIntake'],
    sends: true,
    resumesWorkflows: true,
    smsWebhookSecret: true,
    tracksRequests: true,
    answersStatus: true,
  },
  emailInbound: {
    trigger: 'mailRelayed',
    entry: 'functions/channels/email-inbound.handler.ts',
    description:
      'Inbound e-mail and fax (SES receipt rule: S3, then SNS): screening, threading, bounces, commands and new cases',
    // Parsing a MIME message of up to 10 MB needs headroom; CPU scales with memory.
    memoryMb: 512,
    timeoutSeconds: 30,
    table: 'readWrite',
    startsSync: ['caseIntake'],
    async: true,
    sends: true,
    resumesWorkflows: true,
    // The mail stack's relay invokes it by this name (nidaa-<stage>-emailInbound).
    fixedName: true,
    receivesMail: true,
    tracksRequests: true,
    answersStatus: true,
  },
  mailRelay: {
    trigger: 'mailReceived',
    entry: 'functions/channels/mail-relay.handler.ts',
    description:
      'Hands each received-mail notification from the mail region to emailInbound in the case-data region',
    table: 'none',
    // SNS invokes it asynchronously: retries, then the dead-letter queue.
    async: true,
    relaysMail: true,
  },
  emailEvents: {
    trigger: 'mailSendingEvents',
    entry: 'functions/channels/email-events.handler.ts',
    description:
      'SES sending events (configuration set → SNS): delivery status on the timeline, suppression list',
    table: 'readWrite',
    // SNS invokes it asynchronously: retries, then the dead-letter queue.
    async: true,
  },
  faxLetter: {
    trigger: 'functionCall',
    entry: 'functions/channels/fax-letter.handler.ts',
    description:
      'Renders a reply as the PDF letter a fax carries (Arabic shaped), for the functions that send',
    // pdfkit lays out and subsets the fonts in memory; CPU scales with memory.
    memoryMb: 512,
    timeoutSeconds: 15,
    table: 'none',
    rendersLetters: true,
  },
  classify: {
    trigger: 'caseIntake',
    entry: 'functions/workflow/classify.handler.ts',
    description: 'case-intake: classify the text, route to a department, set the SLA',
    table: 'none',
  },
  storeCase: {
    trigger: 'caseIntake',
    entry: 'functions/workflow/store-case.handler.ts',
    description: 'case-intake: allocate the reference and store the case with its first events',
    table: 'readWrite',
  },
  notify: {
    trigger: 'caseLifecycle',
    entry: 'functions/workflow/notify.handler.ts',
    description: 'Send a templated message on the citizen’s channel and record it on the timeline',
    table: 'readWrite',
    sends: true,
    // The resolution, to a citizen who asked to be called back.
    callsBack: true,
    // Acknowledgements carry the tracking link (docs/decisions/0086).
    tracksRequests: true,
  },
  awaitAgent: {
    trigger: 'caseLifecycle',
    entry: 'functions/workflow/await-agent.handler.ts',
    description: 'case-lifecycle: put the case in its tier queue (Connect task) and arm the SLA timer',
    table: 'readWrite',
    setsTimers: true,
    opensTasks: true,
    resumesWorkflows: true,
  },
  slaBreach: {
    trigger: 'caseLifecycle',
    entry: 'functions/workflow/sla-breach.handler.ts',
    description: 'case-lifecycle: move a case whose SLA passed up a tier and alert supervisors',
    table: 'readWrite',
    alertsSupervisors: true,
  },
  awaitReopen: {
    trigger: 'caseLifecycle',
    entry: 'functions/workflow/await-reopen.handler.ts',
    description: 'case-lifecycle: keep a resolved case open to the citizen for the reopen window',
    table: 'readWrite',
    setsTimers: true,
    // A case reopened before the window was armed is handed straight back to its tier.
    resumesWorkflows: true,
  },
  closeCase: {
    trigger: 'caseLifecycle',
    entry: 'functions/workflow/close-case.handler.ts',
    description: 'case-lifecycle: close a case after its reopen window',
    table: 'readWrite',
  },
  contactEvents: {
    trigger: 'connectTaskEvents',
    entry: 'functions/connect/contact-events.handler.ts',
    description:
      'Amazon Connect task events (EventBridge): pick-ups, tasks closed without a decision, transfers',
    table: 'readWrite',
    // EventBridge invokes it asynchronously: retries, then the dead-letter queue.
    async: true,
    // Resumes the waiting case-lifecycle (a fresh task, another tier) and disarms its SLA timer.
    resumesWorkflows: true,
  },
  hotline: {
    trigger: 'connectFlow',
    entry: 'functions/connect/hotline.handler.ts',
    description:
      'Amazon Connect hotline and chat flows: caller lookup, request status, procedures, new complaints, queue status, survey',
    // Connect waits at most 8 s; the flows give each call 3–7 s (contact-flows/README.md).
    timeoutSeconds: 8,
    table: 'readWrite',
    startsSync: ['caseIntake'],
    sends: true,
    invokedByConnect: true,
    // Status by keypad is counted per caller (docs/decisions/0085).
    answersStatus: true,
  },
  chatTranscript: {
    trigger: 'chatTranscriptStored',
    entry: 'functions/connect/chat-transcript.handler.ts',
    description:
      'Amazon Connect chat transcripts (S3 ObjectCreated): appended to the case the chat was about',
    table: 'readWrite',
    // S3 invokes it asynchronously: retries, then the dead-letter queue.
    async: true,
    invokedByConnect: true,
  },
  analyticsStream: {
    trigger: 'caseTableStream',
    entry: 'functions/analytics/case-stream.handler.ts',
    description:
      'Case table stream → analytics records (cases, case_events) on their Firehose delivery streams, partial batch failures',
    // A batch of 100 stream records makes at most one BatchGetItem and one PutRecordBatch per table,
    // plus backoff between retries of refused records.
    timeoutSeconds: 60,
    // Reads the cases of timeline events for their dimensions (one BatchGetItem per batch).
    table: 'read',
    writesAnalytics: true,
    hashesCitizens: true,
  },
  insightsApi: {
    trigger: 'httpApi',
    entry: 'functions/api/insights-api.handler.ts',
    description:
      'Analytics for supervisors and researchers: the figures of docs/metrics.md by period, filter and grouping (Athena), and the cases behind a number',
    // Athena takes seconds to queue, scan and page its results; API Gateway waits 30 s at most.
    timeoutSeconds: 29,
    // Drill-down reads the listed cases' current state (summaries only).
    table: 'read',
    queriesAnalytics: true,
  },
  monthlyReport: {
    trigger: 'monthlySchedule',
    entry: 'functions/analytics/monthly-report.handler.ts',
    description:
      'Monthly report: the figures of the month just ended (Athena) as Arabic and English PDF and XLSX, e-mailed to the configured list',
    // Two PDFs laid out in memory and the queries' polling; CPU scales with memory.
    memoryMb: 1024,
    timeoutSeconds: 300,
    // The outbound ledger and the suppression list live in the case table.
    table: 'readWrite',
    sends: true,
    queriesAnalytics: true,
    // The PDF fonts next to the bundle (docs/decisions/0018).
    rendersLetters: true,
  },
  openDataApi: {
    trigger: 'httpApi',
    entry: 'functions/api/open-data.handler.ts',
    description:
      'Open data for researchers: anonymized cases of a period (Open311 fields, wilayat centres) as CSV or JSON, for administrators (Athena)',
    // Athena queues and scans in seconds; API Gateway waits 30 s at most.
    timeoutSeconds: 29,
    memoryMb: 512,
    table: 'none',
    queriesAnalytics: true,
  },
  contactRecords: {
    trigger: 'contactRecordStored',
    entry: 'functions/connect/contact-records.handler.ts',
    description:
      'Amazon Connect contact records (S3 ObjectCreated, Firehose batches): contacts and IVR steps to the analytics store',
    table: 'none',
    // A batch holds up to 5 MB of records (the delivery stream's buffer), read and sent in one go.
    memoryMb: 512,
    timeoutSeconds: 60,
    // S3 invokes it asynchronously: retries, then the dead-letter queue.
    async: true,
    invokedByConnect: true,
    writesAnalytics: true,
  },
  contactAnalysis: {
    trigger: 'contactAnalysisStored',
    entry: 'functions/connect/contact-analysis.handler.ts',
    description:
      'Contact Lens post-call analysis (S3 ObjectCreated): sentiment, categories and talk time on the case timeline and in the analytics store',
    table: 'readWrite',
    // S3 invokes it asynchronously: retries, then the dead-letter queue.
    async: true,
    // Next to the recordings bucket, which is next to the instance (regions.contactCenter).
    invokedByConnect: true,
    writesAnalytics: true,
  },
  alertsApi: {
    trigger: 'httpApi',
    entry: 'functions/insights/alerts-api.handler.ts',
    description:
      'Early-warning alerts for supervisors: list (open first, newest first) and acknowledge with a note',
    // Alerts are items of the case table (ALERTS partition); acknowledging one updates it.
    table: 'readWrite',
  },
  insightsDetector: {
    trigger: 'hourlySchedule',
    entry: 'functions/insights/insights-detector.handler.ts',
    description:
      'Early warning every hour: spikes, recurring problems, call weak spots and emerging themes from the analytics store, stored as alerts and sent to supervisors',
    // Athena queries are polled to completion; the themes read up to 500 case texts.
    timeoutSeconds: 300,
    memoryMb: 512,
    // Reads unsure cases' texts, writes the alerts.
    table: 'readWrite',
    queriesAnalytics: true,
    alertsSupervisors: true,
    linksToPanel: true,
  },
  liveCounters: {
    trigger: 'caseTableStream',
    entry: 'functions/streams/live-counters.handler.ts',
    description:
      'Case table stream: the live counters (today, this hour, open backlog, breaches) GET /v1/stats reads',
    table: 'readWrite',
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

/** Where a resource lives: a key of the stage's `regions`. */
export type RegionRole = 'caseData' | 'contactCenter' | 'mailReceiving';

/** The variable that tells a function each region (functions/adapters/resource-regions.ts reads them). */
export const REGION_ENV: Record<RegionRole, EnvName> = {
  caseData: ENV.caseDataRegion,
  contactCenter: ENV.contactCenterRegion,
  mailReceiving: ENV.mailReceivingRegion,
};

/**
 * What functions' SDK clients call: the AWS service (SigV4's service name) and the region the resource
 * lives in. Amazon Connect has no endpoint in the Middle East, and SES receives mail in a few regions only
 * (docs/decisions/0030, 0046); a client built for another region fails in AWS, and in local mode.
 */
export const RESOURCES = {
  caseTable: { service: 'dynamodb', region: 'caseData' },
  workflows: { service: 'states', region: 'caseData' },
  timers: { service: 'scheduler', region: 'caseData' },
  sms: { service: 'sns', region: 'caseData' },
  email: { service: 'ses', region: 'caseData' },
  supervisorAlerts: { service: 'sns', region: 'caseData' },
  secrets: { service: 'secretsmanager', region: 'caseData' },
  attachments: { service: 's3', region: 'caseData' },
  faxLetter: { service: 'lambda', region: 'caseData' },
  emailInbound: { service: 'lambda', region: 'caseData' },
  connectInstance: { service: 'connect', region: 'contactCenter' },
  chatTranscripts: { service: 's3', region: 'contactCenter' },
  rawMail: { service: 's3', region: 'mailReceiving' },
  analyticsDelivery: { service: 'firehose', region: 'caseData' },
  analyticsQueries: { service: 'athena', region: 'caseData' },
  contactRecords: { service: 's3', region: 'contactCenter' },
  callRecordings: { service: 's3', region: 'contactCenter' },
} as const satisfies Record<string, { service: string; region: RegionRole }>;

export type ResourceName = keyof typeof RESOURCES;

/**
 * The region each regional trigger's source is in: a function it triggers must be built there. S3 notifies
 * functions of its own region only; the case table's stream and the schedules are in regions.caseData.
 */
export const TRIGGER_REGION: Partial<Record<Trigger, RegionRole>> = {
  caseTableStream: 'caseData',
  hourlySchedule: 'caseData',
  monthlySchedule: 'caseData',
  chatTranscriptStored: 'contactCenter',
  contactRecordStored: 'contactCenter',
  contactAnalysisStored: 'contactCenter',
};

/**
 * The objects a stored-object trigger's function reads (and only those: chat transcripts, the batches of
 * contact records Firehose stores, Contact Lens's analyses under `Analysis/Voice/`, never the recordings).
 */
const STORED_OBJECT_TRIGGERS: Partial<Record<Trigger, ResourceName>> = {
  chatTranscriptStored: 'chatTranscripts',
  contactRecordStored: 'contactRecords',
  contactAnalysisStored: 'callRecordings',
};

export type FunctionBindings = {
  /** Where the function itself is deployed (its stack's region). */
  home: RegionRole;
  trigger: Trigger;
  /** The resources its SDK clients call, each in RESOURCES[name].region. */
  clients: readonly ResourceName[];
  /** Every environment variable it reads; CDK sets these and no others, local mode likewise. */
  env: readonly EnvName[];
};

/** A function's bindings, derived from its declared access so a flag means the same in CDK and locally. */
export function bindingsOf(spec: FunctionSpec): FunctionBindings {
  const home: RegionRole = spec.invokedByConnect
    ? 'contactCenter'
    : spec.relaysMail
      ? 'mailReceiving'
      : 'caseData';
  const triggerRegion = TRIGGER_REGION[spec.trigger];
  if (triggerRegion && triggerRegion !== home) {
    throw new Error(
      `${spec.entry}: trigger ${spec.trigger} comes from regions.${triggerRegion}, where the function must live (S3 notifies functions of its own region only; the stream and the schedules are built in regions.caseData), but it is built in regions.${home}.`,
    );
  }
  const clients = new Set<ResourceName>();
  const env = new Set<EnvName>();
  const uses = (resource: ResourceName, ...names: EnvName[]) => {
    clients.add(resource);
    env.add(REGION_ENV[RESOURCES[resource].region]);
    for (const n of names) env.add(n);
  };
  if (spec.table !== 'none') uses('caseTable', ENV.tableName);
  for (const m of spec.startsSync ?? []) uses('workflows', STATE_MACHINES[m].envVar);
  if (spec.resumesWorkflows) uses('workflows');
  // resumeDeps() builds the Scheduler adapter, which needs both settings even just to cancel.
  if (spec.setsTimers || spec.resumesWorkflows) uses('timers', ENV.scheduleGroup, ENV.schedulerRoleArn);
  if (spec.sends) {
    uses('sms');
    uses('email');
    // Faxes are rendered by faxLetter in regions.caseData; functions next to Connect do not fax.
    if (!spec.invokedByConnect) uses('faxLetter', ENV.faxLetterFunction);
  }
  if (spec.opensTasks || spec.callsBack) {
    uses('connectInstance', ENV.connectInstanceId, ENV.connectTaskFlowId, ENV.panelUrl);
  }
  // Tells Nidaa's instance and queues (found by their tag, SearchQueues) from others the account runs.
  if (spec.trigger === 'connectTaskEvents') uses('connectInstance', ENV.connectInstanceId);
  if (spec.alertsSupervisors) uses('supervisorAlerts', ENV.supervisorTopicArn);
  if (spec.verifiesOrigin) uses('secrets', ENV.originSecretId);
  if (spec.smsWebhookSecret) uses('secrets', ENV.smsWebhookSecretArn);
  if (spec.tracksRequests) uses('secrets', ENV.trackingSecretArn);
  if (spec.attachments || spec.viewsAttachments || spec.receivesMail || spec.storesAppMedia)
    uses('attachments', ENV.attachmentsBucket);
  if (spec.servesOpen311) env.add(ENV.open311BaseUrl);
  if (spec.receivesMail) uses('rawMail', ENV.rawMailBucket, ENV.rawMailPrefix);
  if (spec.relaysMail) uses('emailInbound', ENV.emailInboundFunctionArn);
  if (spec.writesAnalytics) uses('analyticsDelivery', ENV.analyticsStreamPrefix);
  if (spec.queriesAnalytics) uses('analyticsQueries', ENV.athenaWorkgroup, ENV.analyticsDatabase);
  if (spec.hashesCitizens) uses('secrets', ENV.citizenKeySecretArn);
  const stored = STORED_OBJECT_TRIGGERS[spec.trigger];
  if (stored) uses(stored);
  if (spec.linksToPanel) env.add(ENV.panelUrl);
  return { home, trigger: spec.trigger, clients: [...clients], env: [...env].sort() };
}

/**
 * The partition-key prefix of a case's items (the case, its timeline, its mail thread): the only items a
 * `caseTableStream` function is given (the event source mapping's filter in AWS, the local stream's).
 */
export const CASE_ITEM_PREFIX = keys.case('').pk;

/** Every function a trigger is delivered to, in catalogue order. */
export const functionsTriggeredBy = (trigger: Trigger): FunctionName[] =>
  (Object.keys(FUNCTIONS) as FunctionName[]).filter((n) => FUNCTIONS[n].trigger === trigger);

/**
 * The event a scheduled function receives: which schedule, and the time it was due, so a retried or late run
 * works on its own hour. AWS: EventBridge Scheduler fills in `<aws.scheduler.scheduled-time>` (ISO-8601
 * UTC); local mode: the local hour's time.
 */
export const scheduledEvent = (schedule: 'hourlySchedule' | 'monthlySchedule', scheduledTime: string) => ({
  schedule,
  scheduledTime,
});

/** The one function an event source is delivered to (local mode's triggers; a check in CDK tests). */
export function functionTriggeredBy(trigger: Exclude<Trigger, 'httpApi' | StateMachineName>): FunctionName {
  const names = functionsTriggeredBy(trigger);
  if (names.length !== 1) throw new Error(`Trigger ${trigger} has ${names.length} functions; expected one`);
  return names[0] as FunctionName;
}

/** The ASL placeholder for a function's ARN, e.g. `${classifyFunctionArn}`. */
export const aslArnKey = (name: FunctionName) => `${name}FunctionArn`;

export type RouteSpec = {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  function: FunctionName;
  /**
   * `public` routes are for citizens: reachable only through CloudFront and its WAF (rate limits, managed
   * rules); `agent` routes need a JWT from the user pool; `signed` routes are called by a partner system
   * and carry an HMAC signature the function verifies (SIGNED_ROUTES in functions/core/auth/policy.ts).
   */
  auth: 'public' | 'agent' | 'signed';
};

export const ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/v1/categories', function: 'citizenApi', auth: 'public' },
  { method: 'GET', path: '/v1/procedures', function: 'citizenApi', auth: 'public' },
  { method: 'GET', path: '/v1/procedures/{code}', function: 'citizenApi', auth: 'public' },
  { method: 'POST', path: '/v1/uploads', function: 'citizenApi', auth: 'public' },
  { method: 'POST', path: '/v1/requests', function: 'citizenApi', auth: 'public' },
  { method: 'GET', path: '/v1/requests/{reference}', function: 'citizenApi', auth: 'public' },
  // Tracking a request (docs/decisions/0085): the citizen's access token or a one-time code.
  { method: 'POST', path: '/v1/requests/{reference}/updates', function: 'citizenApi', auth: 'public' },
  { method: 'POST', path: '/v1/requests/{reference}/reopen', function: 'citizenApi', auth: 'public' },
  { method: 'POST', path: '/v1/requests/{reference}/access-code', function: 'citizenApi', auth: 'public' },
  { method: 'POST', path: '/v1/requests/{reference}/access', function: 'citizenApi', auth: 'public' },
  // The portal's "is this the same problem?" (functions/api/nearby-requests.ts).
  { method: 'GET', path: '/v1/nearby-requests', function: 'citizenApi', auth: 'public' },
  { method: 'POST', path: '/v1/sms/inbound', function: 'smsWebhook', auth: 'signed' },
  // Open311 GeoReport v2 (docs/open311.md): the format is the file extension, so each resource is one
  // path segment (`services.json`); discovery also one level up.
  { method: 'GET', path: '/open311/{document}', function: 'open311Api', auth: 'public' },
  { method: 'GET', path: '/open311/v2/{document}', function: 'open311Api', auth: 'public' },
  { method: 'POST', path: '/open311/v2/{document}', function: 'open311Api', auth: 'public' },
  { method: 'GET', path: '/open311/v2/services/{document}', function: 'open311Api', auth: 'public' },
  { method: 'GET', path: '/open311/v2/requests/{document}', function: 'open311Api', auth: 'public' },
  { method: 'GET', path: '/open311/v2/tokens/{document}', function: 'open311Api', auth: 'public' },
  // App makers' API keys, issued and revoked by administrators.
  { method: 'POST', path: '/v1/admin/api-keys', function: 'open311Api', auth: 'agent' },
  { method: 'GET', path: '/v1/admin/api-keys', function: 'open311Api', auth: 'agent' },
  { method: 'DELETE', path: '/v1/admin/api-keys/{id}', function: 'open311Api', auth: 'agent' },
  { method: 'GET', path: '/v1/cases', function: 'agentApi', auth: 'agent' },
  { method: 'GET', path: '/v1/cases/{reference}', function: 'agentApi', auth: 'agent' },
  // The case panel: who am I (queues, calendar, catalogue names), new cases for a caller, supervisor stats.
  { method: 'GET', path: '/v1/me', function: 'agentApi', auth: 'agent' },
  { method: 'POST', path: '/v1/cases', function: 'agentApi', auth: 'agent' },
  { method: 'GET', path: '/v1/stats', function: 'agentApi', auth: 'agent' },
  {
    method: 'GET',
    path: '/v1/cases/{reference}/attachments/{uploadId}',
    function: 'agentApi',
    auth: 'agent',
  },
  // Agent actions on a case, one route each, so every action has its own authorization rule.
  ...AGENT_ACTION_KINDS.map((action) => ({
    method: 'POST' as const,
    path: `/v1/cases/{reference}/${action}`,
    function: 'agentApi' as const,
    auth: 'agent' as const,
  })),
  // The Analytics screen (supervisors, admins): figures by period, filters and groupings; the cases behind one.
  { method: 'GET', path: '/v1/insights/figures/{figure}', function: 'insightsApi', auth: 'agent' },
  { method: 'GET', path: '/v1/insights/cases', function: 'insightsApi', auth: 'agent' },
  // Open data for researchers (docs/decisions/0113): administrators only.
  { method: 'GET', path: '/v1/admin/open-data/cases', function: 'openDataApi', auth: 'agent' },
  // Early-warning alerts (docs/decisions/0108), supervisors and administrators.
  { method: 'GET', path: '/v1/insights/alerts', function: 'alertsApi', auth: 'agent' },
  { method: 'GET', path: '/v1/insights/alerts/{id}', function: 'alertsApi', auth: 'agent' },
  { method: 'POST', path: '/v1/insights/alerts/{id}/acknowledge', function: 'alertsApi', auth: 'agent' },
  // One-tap rating of an agent's answer sent by SMS or e-mail (functions/api/answer-rating.ts).
  { method: 'POST', path: '/v1/requests/{reference}/rating', function: 'citizenApi', auth: 'public' },
];

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;
