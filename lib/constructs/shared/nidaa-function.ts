import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../../functions/adapters/dynamodb/table-schema.ts';
import {
  LETTER_FONT_DIR,
  LETTER_FONT_FILES,
  LETTER_FONT_PACKAGE,
} from '../../../functions/adapters/fax/letter-fonts.ts';
import { ANALYTICS_QUERIES_CONSTANT } from '../../../functions/shared/analytics-queries.ts';
import type { RuntimeConfig } from '../../../functions/shared/runtime-config.ts';
import { STAGE_CONFIG_CONSTANT } from '../../../functions/shared/runtime-config.ts';
import { allQueries } from '../../analytics-queries.ts';
import { bindingsOf, type FunctionSpec } from '../../function-catalog.ts';
import { PROJECT_ROOT } from '../../project-root.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { keyUseThrough } from './key-use.ts';
import { LAMBDA_BUNDLING } from './lambda-bundling.ts';

/** Copies the fax letter's fonts and their licence next to the bundle (esbuild bundles no font files). */
const letterFontHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => {
    const from = path.join(inputDir, 'node_modules', LETTER_FONT_PACKAGE);
    const to = path.join(outputDir, LETTER_FONT_DIR);
    return [
      `mkdir -p "${to}"`,
      ...Object.values(LETTER_FONT_FILES).map((file) => `cp "${path.join(from, 'files', file)}" "${to}/"`),
      `cp "${path.join(from, 'LICENSE')}" "${to}/LICENSE"`,
    ];
  },
};

/** Set by the house Lambda for every function, beside the declared bindings. */
const LAMBDA_PLATFORM_ENV = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME'];

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export type NidaaFunctionProps = {
  spec: FunctionSpec;
  /** A fixed name, for functions other stacks invoke by name (FunctionSpec.fixedName). */
  functionName?: string;
  key: kms.IKey;
  logRetentionDays: number;
  /** Variables the spec's bindings declare (others are refused at synth). */
  environment: Record<string, string>;
  /**
   * The stage's run-time configuration, inlined into the bundle as a constant (docs/decisions/0066): it
   * costs no environment space (Lambda's 4 KB) and no call at cold start.
   */
  runtimeConfig?: RuntimeConfig;
  /** Async invocations (SNS, SES, EventBridge) get retries and an encrypted dead-letter queue. */
  invokedAsync?: boolean;
};

/**
 * The house Lambda: Node.js 24 on arm64, bundled by local esbuild (never Docker), minified ESM with
 * source maps, X-Ray tracing, JSON logs to a KMS-encrypted log group, and a role that can write only
 * its own logs. Grants for data are added by the caller.
 */
export class NidaaFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue?: sqs.Queue;
  /** Its log group: metric filters turn log lines into metrics (Observability.watchStatusLimits). */
  readonly logGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: NidaaFunctionProps) {
    super(scope, id);
    const logGroup = encryptedLogGroup(this, 'Logs', props.key, props.logRetentionDays);
    this.logGroup = logGroup;
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    if (props.invokedAsync) {
      this.deadLetterQueue = deadLetterQueue(this, props.key, 'an async Lambda invocation');
      // Lambda writes failed events to the queue as this role: SQS needs the queue's key for that.
      role.addToPolicy(keyUseThrough(this, 'sqs', props.key.keyArn, ['kms:GenerateDataKey', 'kms:Decrypt']));
    }

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, props.spec.entry),
      description: props.spec.description,
      ...(props.functionName ? { functionName: props.functionName } : {}),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.spec.memoryMb ?? 256,
      timeout: Duration.seconds(props.spec.timeoutSeconds ?? 10),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      role,
      environmentEncryption: props.key,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: `nidaa-${id}`,
        ...props.environment,
      },
      ...(props.invokedAsync
        ? { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(6) }
        : {}),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: {
        ...LAMBDA_BUNDLING,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        externalModules: [...LAMBDA_BUNDLING.externalModules],
        format: OutputFormat.ESM,
        forceDockerBundling: false,
        define: {
          ...(props.runtimeConfig
            ? { [STAGE_CONFIG_CONSTANT]: JSON.stringify(JSON.stringify(props.runtimeConfig)) }
            : {}),
          // The analytics queries' text, for the functions that run them (docs/decisions/0110).
          ...(props.spec.queriesAnalytics
            ? { [ANALYTICS_QUERIES_CONSTANT]: JSON.stringify(JSON.stringify(allQueries())) }
            : {}),
        },
        // The letter's fonts go next to the bundle of the function that renders fax letters.
        ...(props.spec.rendersLetters ? { commandHooks: letterFontHooks } : {}),
      },
    });
    const declared = new Set<string>([...LAMBDA_PLATFORM_ENV, ...bindingsOf(props.spec).env]);
    const cfn = this.fn.node.defaultChild as lambda.CfnFunction;
    this.node.addValidation({
      validate: () => {
        const env = Stack.of(this).resolve(cfn.environment) as
          | { variables?: Record<string, unknown> }
          | undefined;
        return Object.keys(env?.variables ?? {})
          .filter((name) => !declared.has(name))
          .map(
            (name) =>
              `${id} is given ${name}, which its bindings do not declare (lib/function-catalog.ts bindingsOf).`,
          );
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing adds xray:PutTraceSegments/PutTelemetryRecords, which have no resource-level permissions.',
    });
  }

  /**
   * Grants exactly the item operations the function's declared access needs, on the table and its named
   * indexes, plus use of the table's key: explicit actions and ARNs, no wildcards.
   */
  grantTable(table: dynamodb.ITableV2, access: FunctionSpec['table']) {
    if (access === 'none') return;
    const actions = access === 'read' ? TABLE_READ : [...TABLE_READ, ...TABLE_WRITE];
    const indexArns = Object.values(TABLE_SCHEMA.indexes).map((i) => `${table.tableArn}/index/${i.name}`);
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn, ...indexArns] }));
    if (table.encryptionKey) {
      const keyActions =
        access === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];
      this.fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: keyActions, resources: [table.encryptionKey.keyArn] }),
      );
    }
  }
}

/** A KMS-encrypted log group kept for the stage's retention (logs go with the stack; data does not). */
export function encryptedLogGroup(scope: Construct, id: string, key: kms.IKey, retentionDays: number) {
  return new logs.LogGroup(scope, id, {
    retention: retentionFor(retentionDays),
    encryptionKey: key,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}

/** CloudWatch Logs accepts only certain retention periods; pick the smallest one that keeps logs long enough. */
export function retentionFor(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays)
    .filter((v): v is number => typeof v === 'number' && v > 0)
    .sort((a, b) => a - b);
  return (allowed.find((v) => v >= days) ?? logs.RetentionDays.INFINITE) as logs.RetentionDays;
}
