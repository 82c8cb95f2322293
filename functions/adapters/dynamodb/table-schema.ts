/**
 * The single table's key schema, shared by the CDK construct, local mode (dynalite) and the repositories,
 * so the three can never drift. Access patterns and item layouts: docs/data-model.md.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: {
    /** Open cases per work queue (t1, t2, t3#<department>) by SLA due time. Sparse: closed cases drop out. */
    queue: { name: 'gsi1-queue', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** A citizen's cases, newest first. */
    byContact: { name: 'gsi2-contact', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** A department's cases by creation time (department staff, supervisors). */
    byDepartment: { name: 'gsi3-department', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  },
  /** Summary fields copied into every GSI: enough for lists, without paying to copy descriptions. */
  projectedAttributes: [
    'reference',
    'status',
    'tier',
    'priority',
    'categoryCode',
    'departmentCode',
    'dueAt',
    'createdAt',
    'originChannel',
    'assignee',
    'contactId',
    // For duplicate detection: a new report is compared with the department's recent cases nearby.
    'location',
  ],
} as const;

export type IndexName = (typeof TABLE_SCHEMA.indexes)[keyof typeof TABLE_SCHEMA.indexes]['name'];
