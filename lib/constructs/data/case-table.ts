import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../../functions/adapters/dynamodb/table-schema.ts';

export type CaseTableProps = { key: kms.IKey; protectData: boolean };

/**
 * The single table (cases, timelines, contacts, identities, inbound messages, counters). Key schema and
 * indexes come from TABLE_SCHEMA, which local mode and the repositories also use; every access pattern
 * is listed in docs/data-model.md.
 */
export class CaseTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: CaseTableProps) {
    super(scope, id);
    const s = TABLE_SCHEMA;
    const str = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: str(s.partitionKey),
      sortKey: str(s.sortKey),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(props.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.protectData,
      removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      timeToLiveAttribute: s.ttlAttribute,
      // Every change, for consumers that need them all (an analytics export, a search index). None is
      // attached yet: the supervisor view reads the indexes (docs/decisions/0051). An idle stream costs nothing.
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      globalSecondaryIndexes: Object.values(s.indexes).map((index) => ({
        indexName: index.name,
        partitionKey: str(index.partitionKey),
        sortKey: str(index.sortKey),
        projectionType: dynamodb.ProjectionType.INCLUDE,
        nonKeyAttributes: [...s.projectedAttributes],
      })),
    });
  }
}
