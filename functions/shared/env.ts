/**
 * Every environment variable a Nidaa function may read, by name. lib/function-catalog.ts declares which
 * ones each function gets (`bindingsOf`); CDK sets exactly those and local mode gives each handler only
 * those, so reading one a function does not declare fails locally as it fails in Lambda.
 */
export const ENV = {
  /** The case table (regions.caseData). */
  tableName: 'TABLE_NAME',
  /** Where each kind of resource lives: SDK clients are built for these regions, never the function's own by default. */
  caseDataRegion: 'CASE_DATA_REGION',
  contactCenterRegion: 'CONTACT_CENTER_REGION',
  mailReceivingRegion: 'MAIL_RECEIVING_REGION',
  caseIntakeArn: 'CASE_INTAKE_ARN',
  caseLifecycleArn: 'CASE_LIFECYCLE_ARN',
  scheduleGroup: 'SCHEDULE_GROUP',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  supervisorTopicArn: 'SUPERVISOR_TOPIC_ARN',
  originSecretId: 'ORIGIN_SECRET_ID',
  smsWebhookSecretArn: 'SMS_WEBHOOK_SECRET_ARN',
  /** The key of tracking links (docs/decisions/0086). */
  trackingSecretArn: 'TRACKING_SECRET_ARN',
  faxLetterFunction: 'FAX_LETTER_FUNCTION',
  attachmentsBucket: 'ATTACHMENTS_BUCKET',
  rawMailBucket: 'RAW_MAIL_BUCKET',
  rawMailPrefix: 'RAW_MAIL_PREFIX',
  connectInstanceId: 'CONNECT_INSTANCE_ID',
  connectTaskFlowId: 'CONNECT_TASK_FLOW_ID',
  panelUrl: 'PANEL_URL',
  emailInboundFunctionArn: 'EMAIL_INBOUND_FUNCTION_ARN',
  /** Open311 discovery's public address (`https://<edge domain>`); unset: the host the request reached. */
  open311BaseUrl: 'OPEN311_BASE_URL',
  /** The analytics delivery streams' common name prefix: `<prefix><table>` (tables.ts). */
  analyticsStreamPrefix: 'ANALYTICS_STREAM_PREFIX',
  /** The Athena workgroup analytics queries run in (encrypted results, bytes-scanned limit). */
  athenaWorkgroup: 'ATHENA_WORKGROUP',
  /** The Glue database holding the analytics tables. */
  analyticsDatabase: 'ANALYTICS_DATABASE',
  /** The key citizens are hashed with in the analytics store (HMAC-SHA256, Secrets Manager, regions.caseData). */
  citizenKeySecretArn: 'CITIZEN_KEY_SECRET_ARN',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** A declared variable, or undefined when this deployment leaves it unset (an optional binding). */
export function readEnv(name: EnvName): string | undefined {
  return process.env[name] || undefined;
}

/** A declared variable this code cannot work without. */
export function requireEnv(name: EnvName): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * Set by Lambda itself (or by local mode, for its emulators) for every function, never declared: the
 * function's region and name, and the SDK's endpoint overrides local mode points at its stand-ins.
 */
export const PLATFORM_ENV = {
  region: 'AWS_REGION',
  functionName: 'AWS_LAMBDA_FUNCTION_NAME',
  s3Endpoint: 'AWS_ENDPOINT_URL_S3',
  sfnEndpoint: 'AWS_ENDPOINT_URL_SFN',
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;
