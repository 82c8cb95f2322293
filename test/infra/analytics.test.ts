/**
 * The analytics store in AWS (docs/decisions/0106, 0107), synthesized with cdk-nag: Glue tables equal to
 * tables.ts, Parquet delivery by day, an enforced encrypted workgroup, the query files registered verbatim,
 * and the flags' and triggers' wiring, shown on fixture functions until the real handlers declare theirs.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_TABLES, type TableSpec } from '../../functions/core/analytics/tables.ts';
import { BYTES_SCANNED_CUTOFF } from '../../lib/constructs/analytics/analytics-store.ts';
import { bindingsOf, FUNCTIONS, type FunctionSpec } from '../../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { lintTemplates } from '../../tools/cfn/lint.ts';
import { stageConfig, synthStage } from './synth.ts';

const entry = 'functions/connect/chat-transcript.handler.ts';
/** Stand-ins for the handlers other branches add: every trigger and flag of the analytics store. */
/**
 * The catalogue without its own stream, schedule and contact-record functions: the fixtures stand in for
 * them, so the wiring is counted on functions this test controls.
 */
function catalogueWithoutAnalyticsTriggers(): Record<string, FunctionSpec> {
  const analyticsTriggers = new Set([
    'caseTableStream',
    'hourlySchedule',
    'monthlySchedule',
    'contactRecordStored',
  ]);
  return Object.fromEntries(
    Object.entries(FUNCTIONS as Record<string, FunctionSpec>).filter(
      ([, f]) => !analyticsTriggers.has(f.trigger),
    ),
  );
}

const FIXTURES: Record<string, FunctionSpec> = {
  fxStream: {
    entry,
    trigger: 'caseTableStream',
    description: 'fixture: case changes to records',
    table: 'none',
    writesAnalytics: true,
    hashesCitizens: true,
  },
  fxCounters: {
    entry,
    trigger: 'caseTableStream',
    description: 'fixture: live counters',
    table: 'readWrite',
  },
  fxHourly: {
    entry,
    trigger: 'hourlySchedule',
    description: 'fixture: hourly detector',
    table: 'read',
    queriesAnalytics: true,
    async: true,
  },
  fxMonthly: {
    entry,
    trigger: 'monthlySchedule',
    description: 'fixture: monthly report',
    table: 'none',
    queriesAnalytics: true,
  },
  fxContacts: {
    entry,
    trigger: 'contactRecordStored',
    description: 'fixture: contact records to rows',
    table: 'none',
    invokedByConnect: true,
    async: true,
    writesAnalytics: true,
    hashesCitizens: true,
  },
};

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const TABLES = Object.entries(ANALYTICS_TABLES) as [string, TableSpec][];
const QUERIES_DIR = path.join(PROJECT_ROOT, 'analytics', 'queries');
/** Hive primitive types Athena and Firehose's Parquet writer know; our column types are named after them. */
const HIVE_PRIMITIVES = new Set([
  'string',
  'int',
  'bigint',
  'double',
  'boolean',
  'timestamp',
  'float',
  'date',
]);

let prod: ReturnType<typeof synthStage>;

beforeAll(() => {
  prod = synthStage('prod', (c) => c, { functions: { ...catalogueWithoutAnalyticsTriggers(), ...FIXTURES } });
});

const resources = (t: Template, type: string) =>
  Object.entries(t.findResources(type)) as [string, Resource][];
const one = (t: Template, type: string, match: (r: Resource) => boolean) => {
  const found = resources(t, type).filter(([, r]) => match(r));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0] as [string, Resource];
};
const functionId = (t: Template, name: string) => {
  // The contact-center stack builds its catalogue functions under `Functions`.
  const found = resources(t, 'AWS::Lambda::Function').find(
    ([id]) => id.startsWith(`${name}Function`) || id.startsWith(`Functions${name}Function`),
  );
  if (!found) throw new Error(`no function ${name}`);
  return found[0];
};
/** Every statement of the policies attached to a catalogue function's role. */
const statementsOf = (t: Template, name: string): Statement[] =>
  resources(t, 'AWS::IAM::Policy')
    .filter(([, p]) => new RegExp(`"(Functions)?${name}Role`).test(JSON.stringify(p.Properties.Roles)))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());
const statementWith = (statements: Statement[], action: string) =>
  statements.filter((s) => [s.Action].flat().includes(action));
const envOf = (t: Template, name: string) =>
  (
    (t.toJSON().Resources[functionId(t, name)] as Resource).Properties.Environment as {
      Variables: Record<string, unknown>;
    }
  ).Variables;

describe('Glue tables generated from tables.ts', () => {
  it('declares one database and, per table, its columns in order with their Hive types', () => {
    prod.core.resourceCountIs('AWS::Glue::Database', 1);
    prod.core.hasResourceProperties('AWS::Glue::Database', {
      DatabaseInput: Match.objectLike({ Name: 'nidaa_prod_analytics' }),
    });
    const glueTables = resources(prod.core, 'AWS::Glue::Table');
    expect(glueTables).toHaveLength(TABLES.length);
    for (const [name, spec] of TABLES) {
      const [, table] = one(
        prod.core,
        'AWS::Glue::Table',
        (r) => (r.Properties.TableInput as { Name: string }).Name === name,
      );
      const input = table.Properties.TableInput as {
        StorageDescriptor: { Columns: { Name: string; Type: string }[] };
        PartitionKeys: unknown;
      };
      expect(table.Properties.DatabaseName).toBe('nidaa_prod_analytics');
      expect(input.StorageDescriptor.Columns).toEqual(
        Object.entries(spec.columns).map(([column, type]) => ({ Name: column, Type: type })),
      );
      for (const column of input.StorageDescriptor.Columns) expect(HIVE_PRIMITIVES).toContain(column.Type);
      expect(input.PartitionKeys).toEqual([{ Name: 'day', Type: 'string' }]);
    }
  });

  it('reads Parquet under <table>/ and projects the day partitions, so no crawler is needed', () => {
    for (const [name, spec] of TABLES) {
      const [, table] = one(
        prod.core,
        'AWS::Glue::Table',
        (r) => (r.Properties.TableInput as { Name: string }).Name === name,
      );
      const input = table.Properties.TableInput as Record<string, unknown> & {
        StorageDescriptor: Record<string, unknown>;
        Parameters: Record<string, string>;
      };
      expect(input.TableType).toBe('EXTERNAL_TABLE');
      expect(input.StorageDescriptor).toMatchObject({
        InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
      });
      const location = JSON.stringify(input.StorageDescriptor.Location);
      expect(location).toContain(`/${name}/`);
      expect(input.Parameters).toMatchObject({
        classification: 'parquet',
        'projection.enabled': 'true',
        'projection.day.type': 'date',
        'projection.day.format': 'yyyy-MM-dd',
        'projection.day.interval': '1',
        'projection.day.interval.unit': 'DAYS',
        'nidaa.schema_version': String(spec.version),
      });
      expect(input.Parameters['projection.day.range']).toMatch(/^\d{4}-\d{2}-\d{2},NOW$/);
      // The template is the table's location with the partition folder Firehose writes.
      expect(JSON.stringify(input.Parameters['storage.location.template'])).toContain(
        `/${name}/day=\${day}/`,
      );
      prod.core.resourceCountIs('AWS::Glue::Crawler', 0);
    }
  });
});

describe('Firehose delivery, one stream per table', () => {
  const streamOf = (table: string) =>
    one(
      prod.core,
      'AWS::KinesisFirehose::DeliveryStream',
      (r) => r.Properties.DeliveryStreamName === `nidaa-prod-analytics-${table}`,
    )[1].Properties;

  it('converts JSON to Snappy Parquet with the Glue table of the same name', () => {
    prod.core.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', TABLES.length);
    for (const [table] of TABLES) {
      const stream = streamOf(table);
      expect(stream.DeliveryStreamType).toBe('DirectPut');
      const s3 = stream.ExtendedS3DestinationConfiguration as Record<string, unknown> & {
        DataFormatConversionConfiguration: Record<string, unknown>;
        BufferingHints: { SizeInMBs: number; IntervalInSeconds: number };
      };
      expect(s3.DataFormatConversionConfiguration).toMatchObject({
        Enabled: true,
        InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
        OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
        SchemaConfiguration: { DatabaseName: 'nidaa_prod_analytics', TableName: table, VersionId: 'LATEST' },
      });
      // Firehose refuses record format conversion with buffers under 64 MB, and compression besides Parquet's.
      expect(s3.BufferingHints.SizeInMBs).toBeGreaterThanOrEqual(64);
      expect(s3.BufferingHints.IntervalInSeconds).toBeLessThanOrEqual(900);
      expect(s3.CompressionFormat).toBe('UNCOMPRESSED');
    }
  });

  it("partitions by the record's own day into <table>/day=YYYY-MM-DD/, errors apart by type", () => {
    for (const [table] of TABLES) {
      const s3 = streamOf(table).ExtendedS3DestinationConfiguration as Record<string, unknown>;
      expect(s3.Prefix).toBe(`${table}/day=!{partitionKeyFromQuery:day}/`);
      expect(s3.ErrorOutputPrefix).toMatch(new RegExp(`^errors/${table}/!\\{firehose:error-output-type\\}/`));
      expect(s3.DynamicPartitioningConfiguration).toMatchObject({ Enabled: true });
      expect(s3.ProcessingConfiguration).toEqual({
        Enabled: true,
        Processors: [
          {
            Type: 'MetadataExtraction',
            Parameters: [
              { ParameterName: 'MetadataExtractionQuery', ParameterValue: '{day: .day}' },
              { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
            ],
          },
        ],
      });
    }
  });

  it('encrypts the stream and its objects with the stage key and logs delivery errors', () => {
    for (const [table] of TABLES) {
      const stream = streamOf(table);
      expect(stream.DeliveryStreamEncryptionConfigurationInput).toMatchObject({
        KeyType: 'CUSTOMER_MANAGED_CMK',
        KeyARN: expect.anything(),
      });
      const s3 = stream.ExtendedS3DestinationConfiguration as Record<string, unknown>;
      expect(s3.EncryptionConfiguration).toMatchObject({
        KMSEncryptionConfig: { AWSKMSKeyARN: expect.anything() },
      });
      expect(s3.CloudWatchLoggingOptions).toMatchObject({ Enabled: true, LogStreamName: expect.anything() });
    }
  });

  it('alarms when records fail conversion or wait for delivery', () => {
    for (const [table] of TABLES) {
      for (const metric of ['FailedConversion.Records', 'DeliveryToS3.DataFreshness']) {
        prod.core.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Firehose',
          MetricName: metric,
          Dimensions: [{ Name: 'DeliveryStreamName', Value: `nidaa-prod-analytics-${table}` }],
          AlarmActions: Match.anyValue(),
        });
      }
    }
  });

  it("lets Firehose's role write only under the tables' folders and errors/, and read only their Glue tables", () => {
    const [roleId] = one(prod.core, 'AWS::IAM::Role', (r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('firehose.amazonaws.com'),
    );
    const statements = resources(prod.core, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const put = statementWith(statements, 's3:PutObject')[0] as Statement;
    const prefixes = JSON.stringify(put.Resource);
    for (const [table] of TABLES) expect(prefixes).toContain(`/${table}/*`);
    expect(prefixes).toContain('/errors/*');
    expect([put.Resource].flat()).toHaveLength(TABLES.length + 1);
    const glue = statementWith(statements, 'glue:GetTable')[0] as Statement;
    expect(JSON.stringify(glue.Resource)).toContain(':table/nidaa_prod_analytics/cases');
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });
});

describe('the lake and the query results', () => {
  it('keeps both buckets private, KMS-encrypted, TLS-only and access-logged', () => {
    const buckets = resources(prod.core, 'AWS::S3::Bucket').filter(([id]) => id.startsWith('Analytics'));
    const data = buckets.filter(([id]) => !id.includes('AccessLogs'));
    expect(data.map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))).toEqual([
      'AnalyticsLake',
      'AnalyticsQueryResults',
    ]);
    for (const [id, bucket] of data) {
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() } },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: { DestinationBucketName: expect.anything() },
      });
      const [, policy] = one(
        prod.core,
        'AWS::S3::BucketPolicy',
        (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }),
      );
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('runs queries in an enforced workgroup: engine 3, SSE-KMS results in the results bucket, a scan limit', () => {
    const [, workgroup] = one(prod.core, 'AWS::Athena::WorkGroup', () => true);
    expect(workgroup.Properties.Name).toBe('nidaa-prod-analytics');
    const configuration = workgroup.Properties.WorkGroupConfiguration as Record<string, unknown> & {
      ResultConfiguration: { OutputLocation: unknown; EncryptionConfiguration: Record<string, unknown> };
    };
    expect(configuration).toMatchObject({
      EnforceWorkGroupConfiguration: true,
      PublishCloudWatchMetricsEnabled: true,
      EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
    });
    // Athena's own bounds: at least 10 MB; ours keeps a runaway query to cents.
    expect(configuration.BytesScannedCutoffPerQuery).toBe(BYTES_SCANNED_CUTOFF);
    expect(BYTES_SCANNED_CUTOFF).toBeGreaterThanOrEqual(10_000_000);
    expect(BYTES_SCANNED_CUTOFF).toBeLessThanOrEqual(100 * 1024 ** 3);
    expect(configuration.ResultConfiguration.EncryptionConfiguration).toMatchObject({
      EncryptionOption: 'SSE_KMS',
      KmsKey: expect.anything(),
    });
    expect(JSON.stringify(configuration.ResultConfiguration.OutputLocation)).toContain(
      'AnalyticsQueryResults',
    );
  });

  it('registers every analytics/queries/*.sql as a named query, verbatim, in the workgroup and database', () => {
    const files = readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    const named = resources(prod.core, 'AWS::Athena::NamedQuery');
    expect(named).toHaveLength(files.length);
    const [workgroupId] = one(prod.core, 'AWS::Athena::WorkGroup', () => true);
    for (const file of files) {
      const [, query] = one(
        prod.core,
        'AWS::Athena::NamedQuery',
        (r) => r.Properties.Name === file.replace(/\.sql$/, ''),
      );
      expect(query.Properties.QueryString).toBe(readFileSync(path.join(QUERIES_DIR, file), 'utf8'));
      expect(query.Properties.Database).toBe('nidaa_prod_analytics');
      expect(query.Properties.WorkGroup).toEqual({ Ref: workgroupId });
    }
  });
});

describe('the flags: writesAnalytics, queriesAnalytics, hashesCitizens', () => {
  const streamArns = (region: string) =>
    TABLES.map(([t]) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          `:firehose:${region}:`,
          { Ref: 'AWS::AccountId' },
          `:deliverystream/nidaa-prod-analytics-${t}`,
        ],
      ],
    }));

  it('writesAnalytics: PutRecord(Batch) on the table streams only, and the stream prefix', () => {
    const put = statementWith(statementsOf(prod.core, 'fxStream'), 'firehose:PutRecordBatch');
    expect(put).toHaveLength(1);
    expect([put[0]?.Action].flat().sort()).toEqual(['firehose:PutRecord', 'firehose:PutRecordBatch']);
    expect(put[0]?.Resource).toEqual(streamArns('me-central-1'));
    expect(envOf(prod.core, 'fxStream').ANALYTICS_STREAM_PREFIX).toBe('nidaa-prod-analytics-');
    // Functions without the flag get neither.
    expect(actionsOf(statementsOf(prod.core, 'fxCounters'))).not.toContain('firehose:PutRecordBatch');
    expect(envOf(prod.core, 'fxCounters').ANALYTICS_STREAM_PREFIX).toBeUndefined();
  });

  it('writesAnalytics next to Connect: the streams of regions.caseData, by name', () => {
    const put = statementWith(statementsOf(prod.contactCenter, 'fxContacts'), 'firehose:PutRecordBatch');
    expect(put[0]?.Resource).toEqual(streamArns('me-central-1'));
    expect(envOf(prod.contactCenter, 'fxContacts')).toMatchObject({
      ANALYTICS_STREAM_PREFIX: 'nidaa-prod-analytics-',
      CASE_DATA_REGION: 'me-central-1',
    });
  });

  it('queriesAnalytics: the workgroup, the database and its tables, the lake read-only, the results folder', () => {
    for (const name of ['fxHourly', 'fxMonthly']) {
      const statements = statementsOf(prod.core, name);
      const athena = statementWith(statements, 'athena:StartQueryExecution');
      expect(athena).toHaveLength(1);
      expect([athena[0]?.Action].flat().sort()).toEqual([
        'athena:GetQueryExecution',
        'athena:GetQueryResults',
        'athena:StartQueryExecution',
        'athena:StopQueryExecution',
      ]);
      expect(JSON.stringify(athena[0]?.Resource)).toContain(':workgroup/nidaa-prod-analytics"');
      const glue = statementWith(statements, 'glue:GetTable')[0] as Statement;
      const glueResources = JSON.stringify(glue.Resource);
      expect(glueResources).toContain(':database/nidaa_prod_analytics"');
      for (const [t] of TABLES) expect(glueResources).toContain(`:table/nidaa_prod_analytics/${t}"`);
      // The lake: GetObject only, under the tables' folders; no write anywhere in it.
      const lakeWrites = statements.filter(
        (s) =>
          JSON.stringify(s.Resource).includes('AnalyticsLake') && JSON.stringify(s.Action).includes('Put'),
      );
      expect(lakeWrites).toEqual([]);
      const results = statementWith(statements, 's3:PutObject')[0] as Statement;
      expect(JSON.stringify(results.Resource)).toMatch(/AnalyticsQueryResults.*\/results\/\*/);
      // The key only through S3.
      expect(JSON.stringify(statements)).toContain('"kms:ViaService":"s3.me-central-1.amazonaws.com"');
      expect(envOf(prod.core, name)).toMatchObject({
        ATHENA_WORKGROUP: 'nidaa-prod-analytics',
        ANALYTICS_DATABASE: 'nidaa_prod_analytics',
      });
    }
    expect(actionsOf(statementsOf(prod.core, 'fxStream'))).not.toContain('athena:StartQueryExecution');
  });

  it('hashesCitizens: the citizen key of the data stack, read-only, in both regions', () => {
    const [secretId] = one(prod.data, 'AWS::SecretsManager::Secret', (r) =>
      JSON.stringify(r.Properties.Name).includes('analytics-citizen-key'),
    );
    expect(prod.data.toJSON().Resources[secretId].Properties.KmsKeyId).toBeDefined();
    const read = statementWith(statementsOf(prod.core, 'fxStream'), 'secretsmanager:GetSecretValue');
    expect(read).toHaveLength(1);
    expect(JSON.stringify(read[0]?.Resource)).toContain('AnalyticsCitizenKey');
    expect(JSON.stringify(envOf(prod.core, 'fxStream').CITIZEN_KEY_SECRET_ARN)).toContain(
      'AnalyticsCitizenKey',
    );
    // Next to Connect the ARN crosses regions; the client still calls regions.caseData (RESOURCES.secrets).
    expect(
      statementWith(statementsOf(prod.contactCenter, 'fxContacts'), 'secretsmanager:GetSecretValue'),
    ).toHaveLength(1);
    expect(envOf(prod.contactCenter, 'fxContacts').CITIZEN_KEY_SECRET_ARN).toBeDefined();
    expect(envOf(prod.core, 'fxCounters').CITIZEN_KEY_SECRET_ARN).toBeUndefined();
  });

  it("declares each flag's variables and clients in the bindings, and sets exactly those", () => {
    expect(bindingsOf(FIXTURES.fxStream as FunctionSpec)).toMatchObject({
      home: 'caseData',
      clients: expect.arrayContaining(['analyticsDelivery', 'secrets']),
      env: ['ANALYTICS_STREAM_PREFIX', 'CASE_DATA_REGION', 'CITIZEN_KEY_SECRET_ARN'],
    });
    expect(bindingsOf(FIXTURES.fxMonthly as FunctionSpec).env).toEqual([
      'ANALYTICS_DATABASE',
      'ATHENA_WORKGROUP',
      'CASE_DATA_REGION',
    ]);
    expect(bindingsOf(FIXTURES.fxContacts as FunctionSpec).home).toBe('contactCenter');
    const platform = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME'];
    for (const [name, t] of [
      ['fxStream', prod.core],
      ['fxCounters', prod.core],
      ['fxHourly', prod.core],
      ['fxMonthly', prod.core],
      ['fxContacts', prod.contactCenter],
    ] as const) {
      expect(Object.keys(envOf(t, name)).sort(), name).toEqual(
        [...platform, ...bindingsOf(FIXTURES[name] as FunctionSpec).env].sort(),
      );
    }
  });

  it('grants no analytics action on "*": only ListStreams (no resource-level permission) is account-wide', () => {
    for (const name of ['fxStream', 'fxCounters', 'fxHourly', 'fxMonthly']) {
      const star = statementsOf(prod.core, name).filter((s) => s.Resource === '*');
      expect(actionsOf(star).filter((a) => !a.startsWith('xray:'))).toEqual(
        name.startsWith('fxStream') || name === 'fxCounters' ? ['dynamodb:ListStreams'] : [],
      );
    }
  });
});

describe('the triggers', () => {
  it('maps the case-table stream to every function that declares it, each with its own failure queue', () => {
    const mappings = resources(prod.core, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(2);
    const destinations = new Set<string>();
    for (const name of ['fxStream', 'fxCounters']) {
      const [, mapping] = one(
        prod.core,
        'AWS::Lambda::EventSourceMapping',
        (r) =>
          JSON.stringify(r.Properties.FunctionName) === JSON.stringify({ Ref: functionId(prod.core, name) }),
      );
      expect(mapping.Properties).toMatchObject({
        EventSourceArn: expect.anything(),
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 10,
        MaximumRecordAgeInSeconds: 3600,
        ParallelizationFactor: 1,
        FilterCriteria: {
          Filters: [
            { Pattern: JSON.stringify({ dynamodb: { Keys: { pk: { S: [{ prefix: 'CASE#' }] } } } }) },
          ],
        },
      });
      expect(JSON.stringify(mapping.Properties.EventSourceArn)).toContain('StreamArn');
      const destination = JSON.stringify(
        (mapping.Properties.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure
          .Destination,
      );
      destinations.add(destination);
      // The function may send its failures to its queue, and read the stream (GetRecords on the stream only).
      const statements = statementsOf(prod.core, name);
      expect(JSON.stringify(statementWith(statements, 'sqs:SendMessage')[0]?.Resource)).toBe(destination);
      expect(JSON.stringify(statementWith(statements, 'dynamodb:GetRecords')[0]?.Resource)).toContain(
        'StreamArn',
      );
    }
    expect(destinations.size).toBe(2);
  });

  it('schedules the hourly and monthly functions in Asia/Muscat, with retries and a dead-letter queue', () => {
    const expected = { fxHourly: 'cron(5 * * * ? *)', fxMonthly: 'cron(0 6 1 * ? *)' };
    prod.core.resourceCountIs('AWS::Scheduler::Schedule', 2);
    for (const [name, expression] of Object.entries(expected)) {
      const [, schedule] = one(prod.core, 'AWS::Scheduler::Schedule', (r) =>
        JSON.stringify((r.Properties.Target as { Arn: unknown }).Arn).includes(functionId(prod.core, name)),
      );
      expect(schedule.Properties).toMatchObject({
        Name: `nidaa-prod-${name}`,
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'Asia/Muscat',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          RetryPolicy: {
            MaximumRetryAttempts: 3,
            MaximumEventAgeInSeconds: name === 'fxHourly' ? 3600 : 86400,
          },
          DeadLetterConfig: { Arn: expect.anything() },
        },
      });
      const input = JSON.parse((schedule.Properties.Target as { Input: string }).Input);
      expect(input).toEqual({
        schedule: expect.stringMatching(/Schedule$/),
        scheduledTime: '<aws.scheduler.scheduled-time>',
      });
    }
    // The schedules' role invokes the two scheduled functions and nothing else.
    const [roleId] = one(
      prod.core,
      'AWS::IAM::Role',
      (r) =>
        JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com') &&
        JSON.stringify(r.Properties.Description).includes('recurring'),
    );
    const invoke = resources(prod.core, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'))
      .map((s) => JSON.stringify(s.Resource));
    expect(invoke).toHaveLength(2);
    expect(invoke.join()).toContain(functionId(prod.core, 'fxHourly'));
    expect(invoke.join()).toContain(functionId(prod.core, 'fxMonthly'));
  });

  it('hands each stored batch of contact records to its function, next to Connect, read-only', () => {
    const fnId = functionId(prod.contactCenter, 'fxContacts');
    const [, notifications] = one(prod.contactCenter, 'Custom::S3BucketNotifications', (r) =>
      JSON.stringify(r.Properties.BucketName).includes('ContactRecordsBucket'),
    );
    expect(notifications.Properties.NotificationConfiguration).toMatchObject({
      LambdaFunctionConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'contact-records/' }] } },
          LambdaFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
        },
      ],
    });
    const get = statementWith(statementsOf(prod.contactCenter, 'fxContacts'), 's3:GetObject');
    expect(get).toHaveLength(1);
    expect(JSON.stringify(get[0]?.Resource)).toMatch(/ContactRecordsBucket.*\/contact-records\/\*/);
  });

  it('alarms on every dead-letter queue of the core and contact-center stacks', () => {
    for (const template of [prod.core, prod.contactCenter]) {
      const alarms = resources(template, 'AWS::CloudWatch::Alarm').map(([, a]) =>
        JSON.stringify(a.Properties),
      );
      for (const [queueId] of resources(template, 'AWS::SQS::Queue')) {
        const watched = alarms.filter(
          (a) => a.includes('ApproximateNumberOfMessagesVisible') && a.includes(`"${queueId}"`),
        );
        expect(watched, `an alarm on ${queueId}`).toHaveLength(1);
      }
    }
    // Among them: each stream consumer's, the schedules' and the async functions'.
    const queues = resources(prod.core, 'AWS::SQS::Queue').map(([id]) => id);
    for (const owner of [
      'fxStreamCaseStream',
      'fxCountersCaseStream',
      'SchedulesDeadLetters',
      'fxHourlyDeadLetters',
    ])
      expect(
        queues.some((id) => id.startsWith(owner)),
        owner,
      ).toBe(true);
  });

  it('refuses a contact-record function built away from the contact records (S3 notifies its own region only)', () => {
    const misplaced = { ...FIXTURES.fxContacts, invokedByConnect: false } as FunctionSpec;
    expect(() => synthStage('dev', (c) => c, { functions: { ...FUNCTIONS, misplaced } })).toThrow(
      /regions\.contactCenter/,
    );
  });
});

describe('tables added to tables.ts need no change to the stack', () => {
  const added = 'fx_ratings';
  let withTable: ReturnType<typeof synthStage>;
  beforeAll(() => {
    (ANALYTICS_TABLES as unknown as Record<string, TableSpec>)[added] = {
      version: 1,
      description: 'fixture: a table another branch adds',
      columns: { schema_version: 'int', reference: 'string', rating: 'int', rated_at: 'timestamp' },
      partition: 'day',
    };
    withTable = synthStage('dev', (c) => c, {
      functions: { ...FUNCTIONS, fxStream: FIXTURES.fxStream as FunctionSpec },
    });
  });
  afterAll(() => {
    delete (ANALYTICS_TABLES as unknown as Record<string, TableSpec>)[added];
  });

  it('gets its Glue table, its stream and its place in the writers’ grant', () => {
    withTable.core.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: added,
        StorageDescriptor: Match.objectLike({
          Columns: [
            { Name: 'schema_version', Type: 'int' },
            { Name: 'reference', Type: 'string' },
            { Name: 'rating', Type: 'int' },
            { Name: 'rated_at', Type: 'timestamp' },
          ],
        }),
      }),
    });
    withTable.core.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamName: `nidaa-dev-analytics-${added}`,
    });
    const put = statementWith(statementsOf(withTable.core, 'fxStream'), 'firehose:PutRecordBatch');
    expect(JSON.stringify(put[0]?.Resource)).toContain(`deliverystream/nidaa-dev-analytics-${added}`);
  });
});

describe('cfn-lint', () => {
  it('accepts the analytics resources in the regions they deploy to (me-central-1, eu-central-1)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nidaa-analytics-'));
    const write = (name: string, t: Template) => {
      const file = path.join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(t.toJSON()));
      return file;
    };
    const config = stageConfig('prod');
    const caseData = lintTemplates(config.regions.caseData, [
      write('data', prod.data),
      write('core', prod.core),
    ]);
    expect(caseData.output).toBe('');
    expect(caseData.passed).toBe(true);
    const contactCenter = lintTemplates(config.regions.contactCenter, [write('cc', prod.contactCenter)]);
    expect(contactCenter.output).toBe('');
    expect(contactCenter.passed).toBe(true);
  }, 120_000);
});
