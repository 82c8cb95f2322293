/**
 * Every Lambda function, declared once. The CDK app builds a NidaaFunction per entry and wires its
 * trigger; local mode imports the same entry files and serves the same routes and state machines.
 * Plain data, no CDK imports, so local mode loads it cheaply.
 */
/** State machines: the ASL file and whether it runs as Express (short, synchronous) or Standard (long waits). */
export const STATE_MACHINES = {
  caseIntake: { file: 'state-machines/case-intake.asl.json', type: 'EXPRESS', envVar: 'CASE_INTAKE_ARN' },
} as const;

export type StateMachineName = keyof typeof STATE_MACHINES;

export type FunctionSpec = {
  entry: string;
  description: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  /** Least privilege: what the function may do with the case table. */
  table: 'read' | 'readWrite' | 'none';
  /** Express state machines it runs synchronously (their ARN arrives as <NAME>_ARN, e.g. CASE_INTAKE_ARN). */
  startsSync?: readonly StateMachineName[];
  /** Invoked asynchronously by AWS (SNS, SES): gets retries and a dead-letter queue. */
  async?: boolean;
  /** Sends SMS (SNS) or e-mail (SES). */
  sends?: boolean;
};

export const FUNCTIONS = {
  citizenApi: {
    entry: 'functions/api/citizen-api.handler.ts',
    description: 'Citizen API: categories, new requests (web channel), request status',
    table: 'readWrite',
    startsSync: ['caseIntake'],
  },
  agentApi: {
    entry: 'functions/api/agent-api.handler.ts',
    description: 'Agent API: queues, case lookup and timeline',
    table: 'readWrite',
  },
  smsInbound: {
    entry: 'functions/channels/sms-inbound.handler.ts',
    description: 'Inbound SMS (SNS two-way SMS shape): commands and new cases',
    table: 'readWrite',
    startsSync: ['caseIntake'],
    async: true,
    sends: true,
  },
  classify: {
    entry: 'functions/workflow/classify.handler.ts',
    description: 'case-intake: classify the text, route to a department, set the SLA',
    table: 'none',
  },
  storeCase: {
    entry: 'functions/workflow/store-case.handler.ts',
    description: 'case-intake: allocate the reference and store the case with its first events',
    table: 'readWrite',
  },
  notify: {
    entry: 'functions/workflow/notify.handler.ts',
    description: 'Send a templated message on the citizen’s channel and record it on the timeline',
    table: 'readWrite',
    sends: true,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

/** The ASL placeholder for a function's ARN, e.g. `${classifyFunctionArn}`. */
export const aslArnKey = (name: FunctionName) => `${name}FunctionArn`;

export type RouteSpec = {
  method: 'GET' | 'POST';
  path: string;
  function: FunctionName;
  /** `public` routes are for citizens (WAF rate-limited); `agent` routes need a JWT from the user pool. */
  auth: 'public' | 'agent';
};

export const ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/v1/categories', function: 'citizenApi', auth: 'public' },
  { method: 'POST', path: '/v1/requests', function: 'citizenApi', auth: 'public' },
  { method: 'GET', path: '/v1/requests/{reference}', function: 'citizenApi', auth: 'public' },
  { method: 'GET', path: '/v1/cases', function: 'agentApi', auth: 'agent' },
  { method: 'GET', path: '/v1/cases/{reference}', function: 'agentApi', auth: 'agent' },
];

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;
