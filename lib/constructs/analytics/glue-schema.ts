import type { ColumnType, TableSpec } from '../../../functions/core/analytics/tables.ts';

/** The Hive (Glue Data Catalog) type of each column type of tables.ts; Athena and Firehose read these. */
const HIVE_TYPES: Record<ColumnType, string> = {
  string: 'string',
  int: 'int',
  bigint: 'bigint',
  double: 'double',
  boolean: 'boolean',
  timestamp: 'timestamp',
};

/** A table's columns as Glue declares them, in the order tables.ts lists them (partition excluded). */
export const glueColumnsOf = (spec: TableSpec) =>
  Object.entries(spec.columns).map(([name, type]) => ({ name, type: HIVE_TYPES[type] }));

/** The first day partition projection knows: no record of the store is older. */
const FIRST_ANALYTICS_DAY = '2024-01-01';

/**
 * Table parameters for Parquet files in `<location>day=YYYY-MM-DD/`, with partition projection on `day`:
 * Athena computes the partitions from the query's `day` filter, so no crawler or MSCK REPAIR is needed
 * and a new day is queryable as soon as Firehose writes it.
 */
export function parquetDayTableParameters(spec: TableSpec, location: string): Record<string, string> {
  const day = spec.partition;
  return {
    classification: 'parquet',
    'parquet.compression': 'SNAPPY',
    'nidaa.schema_version': String(spec.version),
    'projection.enabled': 'true',
    [`projection.${day}.type`]: 'date',
    [`projection.${day}.format`]: 'yyyy-MM-dd',
    [`projection.${day}.range`]: `${FIRST_ANALYTICS_DAY},NOW`,
    [`projection.${day}.interval`]: '1',
    [`projection.${day}.interval.unit`]: 'DAYS',
    'storage.location.template': `${location}${day}=\${${day}}/`,
  };
}

export const PARQUET_STORAGE = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serdeInfo: {
    serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    parameters: { 'serialization.format': '1' },
  },
} as const;
