import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ANALYTICS_TABLES, type TableName } from '../../../functions/core/analytics/tables.ts';
import { analyticsNames } from '../../config/analytics-names.ts';
import type { StageConfig } from '../../config/stage-config.ts';
import type { Observability } from '../observability/observability.ts';
import { accessLogBucket, logAccess, privateKmsBucket } from '../shared/buckets.ts';
import { firehoseDeliveryRole } from '../shared/firehose-delivery-role.ts';
import { keyUseThrough } from '../shared/key-use.ts';
import { encryptedLogGroup } from '../shared/nidaa-function.ts';
import { analyticsTableNames } from './analytics-names.ts';
import { glueColumnsOf, PARQUET_STORAGE, parquetDayTableParameters } from './glue-schema.ts';
import { analyticsQueryFiles } from './query-files.ts';

export type AnalyticsStoreProps = {
  config: StageConfig;
  /** The stage key of regions.caseData: lake, results, delivery streams and their logs. */
  key: kms.IKey;
  /** Alarms on each delivery stream. */
  observability: Observability;
};

/** Where Firehose puts what it could not convert or partition, by error type and day. */
export const ERRORS_PREFIX = 'errors/';
/** Where the workgroup writes query results, in the results bucket. */
export const RESULTS_PREFIX = 'results/';
/**
 * The most one query may scan: 10 GiB, about USD 0.05 at Athena's price. Years of this store's Parquet
 * are far below it (docs/analytics-aws.md); a query that goes past it is cancelled, not billed on.
 */
export const BYTES_SCANNED_CUTOFF = 10 * 1024 ** 3;
/** Firehose's buffers: record format conversion needs at least 64 MB; five minutes keeps the hour fresh. */
const DELIVERY_BUFFER = { sizeInMBs: 128, intervalInSeconds: 300 } as const;
/** Query results are working files: the figures are recomputed from the lake, never read back later. */
const RESULTS_DAYS = 30;

/**
 * The analytics store in AWS (docs/decisions/0100, 0106): the records of functions/core/analytics/tables.ts
 * as Parquet in a private lake bucket, one Firehose delivery stream per table (JSON in, Parquet out, one
 * folder per local day), a Glue database with one table per declaration (partition projection, no
 * crawler), an Athena workgroup with encrypted results and a per-query scan limit, and the files of
 * analytics/queries as its named queries. Everything is generated from the declarations: a new table or
 * query file needs no change here.
 */
export class AnalyticsStore extends Construct {
  readonly lake: s3.Bucket;
  readonly results: s3.Bucket;
  readonly database: glue.CfnDatabase;
  readonly tables: Record<TableName, glue.CfnTable>;
  readonly streams: Record<TableName, firehose.CfnDeliveryStream>;
  readonly workgroup: athena.CfnWorkGroup;
  readonly namedQueries: Record<string, athena.CfnNamedQuery>;
  readonly names: ReturnType<typeof analyticsNames>;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: AnalyticsStoreProps) {
    super(scope, id);
    const { config, key } = props;
    const stack = Stack.of(this);
    this.key = key;
    this.names = analyticsNames(config);
    const removalPolicy = config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const accessLogs = accessLogBucket(this, 'analytics lake and query results', 365, removalPolicy);
    this.lake = new s3.Bucket(this, 'Lake', {
      ...privateKmsBucket(key),
      lifecycleRules: [
        // The records are the statistics the municipality keeps; only replaced versions and failed
        // deliveries (kept long enough to be looked at and replayed) expire.
        { id: 'expire-replaced-versions', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'expire-delivery-errors', prefix: ERRORS_PREFIX, expiration: Duration.days(90) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy,
    });
    logAccess(this.lake, accessLogs, 'lake/');
    this.results = new s3.Bucket(this, 'QueryResults', {
      ...privateKmsBucket(key),
      versioned: false,
      lifecycleRules: [
        { id: 'expire-query-results', expiration: Duration.days(RESULTS_DAYS) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
    });
    logAccess(this.results, accessLogs, 'query-results/');

    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: {
        name: this.names.database,
        description: `Nidaa ${config.stage}: analytics records (functions/core/analytics/tables.ts), Parquet by day`,
      },
    });
    this.tables = {} as Record<TableName, glue.CfnTable>;
    for (const name of analyticsTableNames()) {
      const spec = ANALYTICS_TABLES[name];
      const location = `s3://${this.lake.bucketName}/${name}/`;
      const table = new glue.CfnTable(this, `Table-${name}`, {
        catalogId: stack.account,
        databaseName: this.names.database,
        tableInput: {
          name,
          description: spec.description,
          tableType: 'EXTERNAL_TABLE',
          parameters: parquetDayTableParameters(spec, location),
          partitionKeys: [{ name: spec.partition, type: 'string' }],
          storageDescriptor: { columns: glueColumnsOf(spec), location, ...PARQUET_STORAGE },
        },
      });
      table.node.addDependency(this.database);
      this.tables[name] = table;
    }

    this.streams = this.deliveryStreams(config);
    for (const name of analyticsTableNames()) {
      props.observability.watchDeliveryStream(`analytics-${name}`, `${this.names.streamPrefix}${name}`);
    }

    this.workgroup = new athena.CfnWorkGroup(this, 'Workgroup', {
      name: this.names.workgroup,
      description: `Nidaa ${config.stage}: analytics queries over ${this.names.database}`,
      state: 'ENABLED',
      // A dev stack goes with its query history; prod keeps the workgroup if it has any.
      recursiveDeleteOption: !config.protectData,
      workGroupConfiguration: {
        // Clients cannot choose another output location, unencrypted results or a larger scan.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF,
        requesterPaysEnabled: false,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.results.bucketName}/${RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn },
          expectedBucketOwner: stack.account,
        },
      },
    });

    this.namedQueries = {};
    for (const query of analyticsQueryFiles()) {
      const named = new athena.CfnNamedQuery(this, `Query-${query.name}`, {
        name: query.name,
        ...(query.description ? { description: query.description } : {}),
        database: this.names.database,
        workGroup: this.workgroup.ref,
        queryString: query.sql,
      });
      named.node.addDependency(this.database);
      this.namedQueries[query.name] = named;
    }
  }

  /**
   * One DirectPut stream per table, named `<prefix><table>`: JSON records (the table's columns plus `day`)
   * converted to Snappy Parquet with the Glue table's schema, and written under `<table>/day=<day>/` by
   * the record's own `day` (dynamic partitioning), so a late record lands in its day. Records that fail
   * conversion or carry no day go under errors/, by error type.
   */
  private deliveryStreams(config: StageConfig) {
    const stack = Stack.of(this);
    const logGroup = encryptedLogGroup(this, 'DeliveryLogs', this.key, config.retention.logDays);
    const tableNames = analyticsTableNames();
    const objectPrefixes = [...tableNames.map((t) => `${t}/`), ERRORS_PREFIX];
    const role = firehoseDeliveryRole(this, 'DeliveryRole', {
      bucket: this.lake,
      objectPrefixes,
      description: 'Lets Firehose convert analytics records to Parquet and deliver them into the lake',
    });
    role.addToPolicy(keyUseThrough(this, 's3', this.key.keyArn, ['kms:GenerateDataKey', 'kms:Decrypt']));
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
        resources: [this.catalogArn(), this.databaseArn(), ...tableNames.map((t) => this.tableArn(t))],
      }),
    );
    acknowledgeObjectPrefixes(
      role,
      this.lake,
      objectPrefixes,
      'Firehose names each object by its delivery time and a random suffix; the role may write only under the tables’ folders and errors/ of the lake.',
    );

    const streams = {} as Record<TableName, firehose.CfnDeliveryStream>;
    for (const table of tableNames) {
      const logStream = new logs.LogStream(this, `DeliveryLog-${table}`, {
        logGroup,
        logStreamName: table,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const stream = new firehose.CfnDeliveryStream(this, `Stream-${table}`, {
        deliveryStreamName: `${this.names.streamPrefix}${table}`,
        deliveryStreamType: 'DirectPut',
        deliveryStreamEncryptionConfigurationInput: {
          keyType: 'CUSTOMER_MANAGED_CMK',
          keyArn: this.key.keyArn,
        },
        extendedS3DestinationConfiguration: {
          bucketArn: this.lake.bucketArn,
          roleArn: role.roleArn,
          prefix: `${table}/day=!{partitionKeyFromQuery:day}/`,
          errorOutputPrefix: `${ERRORS_PREFIX}${table}/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/`,
          bufferingHints: { ...DELIVERY_BUFFER },
          // Parquet compresses its own pages (Snappy); Firehose requires UNCOMPRESSED with conversion.
          compressionFormat: 'UNCOMPRESSED',
          encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: this.key.keyArn } },
          cloudWatchLoggingOptions: {
            enabled: true,
            logGroupName: logGroup.logGroupName,
            logStreamName: logStream.logStreamName,
          },
          dataFormatConversionConfiguration: {
            enabled: true,
            // OpenX reads ISO-8601 UTC timestamps (`2026-12-08T02:05:00.000Z`) as Firehose documents.
            inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
            outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
            schemaConfiguration: {
              catalogId: stack.account,
              databaseName: this.names.database,
              tableName: table,
              region: stack.region,
              roleArn: role.roleArn,
              versionId: 'LATEST',
            },
          },
          dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
          processingConfiguration: {
            enabled: true,
            processors: [
              {
                type: 'MetadataExtraction',
                parameters: [
                  { parameterName: 'MetadataExtractionQuery', parameterValue: '{day: .day}' },
                  { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
                ],
              },
            ],
          },
        },
      });
      // Firehose checks its role and the Glue table when the stream is created.
      stream.node.addDependency(role);
      stream.node.addDependency(this.tables[table]);
      streams[table] = stream;
    }
    // Each stream logs its delivery errors into its own log stream.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:PutLogEvents'],
        resources: tableNames.map((t) =>
          stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: `${logGroup.logGroupName}:log-stream:${t}`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ),
      }),
    );
    return streams;
  }

  /**
   * Lets a function run the analytics queries (queriesAnalytics): start, follow, stop and read queries in
   * this workgroup only; read the Glue database and its tables; read the lake's table folders; read and
   * write the workgroup's results; the key only through S3.
   */
  grantQueries(fn: { role?: iam.IRole; addToRolePolicy(statement: iam.PolicyStatement): void }) {
    const tableNames = analyticsTableNames();
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
        ],
        resources: [this.workgroupArn()],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions'],
        resources: [this.catalogArn(), this.databaseArn(), ...tableNames.map((t) => this.tableArn(t))],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket'],
        resources: [this.lake.bucketArn],
      }),
    );
    const lakePrefixes = tableNames.map((t) => `${t}/`);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: lakePrefixes.map((p) => this.lake.arnForObjects(`${p}*`)),
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [this.results.bucketArn],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [this.results.arnForObjects(`${RESULTS_PREFIX}*`)],
      }),
    );
    fn.addToRolePolicy(keyUseThrough(this, 's3', this.key.keyArn, ['kms:Decrypt', 'kms:GenerateDataKey']));
    if (fn.role) {
      acknowledgeObjectPrefixes(
        fn.role,
        this.lake,
        lakePrefixes,
        'Athena reads every Parquet file of the tables it queries, named by Firehose at delivery; the grant is read-only and limited to the tables’ folders.',
      );
      acknowledgeObjectPrefixes(
        fn.role,
        this.results,
        [RESULTS_PREFIX],
        'Athena names each result file by its query id, known only when the query starts; the grant is limited to the workgroup’s results folder.',
      );
    }
  }

  private catalogArn() {
    return Stack.of(this).formatArn({ service: 'glue', resource: 'catalog' });
  }

  private databaseArn() {
    return Stack.of(this).formatArn({
      service: 'glue',
      resource: 'database',
      resourceName: this.names.database,
    });
  }

  private tableArn(table: TableName) {
    return Stack.of(this).formatArn({
      service: 'glue',
      resource: 'table',
      resourceName: `${this.names.database}/${table}`,
    });
  }

  private workgroupArn() {
    return Stack.of(this).formatArn({
      service: 'athena',
      resource: 'workgroup',
      resourceName: this.names.workgroup,
    });
  }
}

/**
 * cdk-nag names a wildcard under a bucket by the bucket's logical id (`<LakeXXXX.Arn>/cases/*`): one
 * acknowledgement per prefix, with the reason the object names cannot be listed.
 */
function acknowledgeObjectPrefixes(role: iam.IRole, bucket: s3.Bucket, prefixes: string[], reason: string) {
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  Validations.of(role).acknowledge(
    ...prefixes.map((p) => ({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${p}*]`,
      reason,
    })),
  );
}
