/**
 * The analytics store's tables, declared once: their columns and types, the version of each schema and
 * the partition column. The AWS stack builds its Glue tables from this; local mode builds DuckDB views from
 * it; the transform in records.ts produces exactly these columns. A change of meaning is a new version.
 */
export type ColumnType = 'string' | 'int' | 'bigint' | 'double' | 'boolean' | 'timestamp';

export type TableSpec = {
  version: number;
  description: string;
  /** Columns in order, partition column excluded. */
  columns: Readonly<Record<string, ColumnType>>;
  /** Hive-style partition, the record's local (Asia/Muscat) day: `day=YYYY-MM-DD`. */
  partition: 'day';
};

export const ANALYTICS_TABLES = {
  /** One row per stored version of a case: the state after each change. The newest version is the case. */
  cases: {
    version: 1,
    description: 'Each stored version of a case (the state after a change), without free text or contacts',
    columns: {
      schema_version: 'int',
      reference: 'string',
      version: 'int',
      type: 'string',
      category_code: 'string',
      department_code: 'string',
      wilayat_code: 'string',
      origin_channel: 'string',
      reply_channel: 'string',
      language: 'string',
      priority: 'string',
      status: 'string',
      tier: 'int',
      created_at: 'timestamp',
      /** The local (Asia/Muscat) day the case was opened: time zones stay out of the SQL. */
      created_day: 'string',
      updated_at: 'timestamp',
      due_at: 'timestamp',
      resolved_at: 'timestamp',
      closed_at: 'timestamp',
      merged_into: 'string',
      classifier_confidence: 'double',
      needs_triage: 'boolean',
      satisfaction: 'int',
      citizen_key: 'string',
    },
    partition: 'day',
  },
  /** One row per timeline event: the facts behind response times, escalations, reopens and breaches. */
  case_events: {
    version: 1,
    description: 'Each timeline event of a case: kind, who acted (by role), channel and tier moves',
    columns: {
      schema_version: 'int',
      reference: 'string',
      event_id: 'string',
      occurred_at: 'timestamp',
      kind: 'string',
      actor_role: 'string',
      channel: 'string',
      status_from: 'string',
      status_to: 'string',
      tier_from: 'int',
      tier_to: 'int',
      cause: 'string',
      rating: 'int',
      category_code: 'string',
      department_code: 'string',
      wilayat_code: 'string',
    },
    partition: 'day',
  },
  /**
   * One row per Amazon Connect contact record (CTR): calls, chats and tasks, with their queue and agent
   * times in seconds. No caller number or agent name: the case reference links a contact to its case.
   */
  contacts: {
    version: 1,
    description: 'Each Amazon Connect contact (call, chat, task): queue, answer, handling times, IVR outcome',
    columns: {
      schema_version: 'int',
      contact_id: 'string',
      initial_contact_id: 'string',
      /** VOICE, CHAT or TASK. */
      channel: 'string',
      /** INBOUND, OUTBOUND, TRANSFER, CALLBACK, API, QUEUE_TRANSFER, DISCONNECT… (Connect's values). */
      initiation_method: 'string',
      queue_name: 'string',
      initiated_at: 'timestamp',
      enqueued_at: 'timestamp',
      /** When an agent was connected (Agent.ConnectedToAgentTimestamp); null when nobody answered. */
      answered_at: 'timestamp',
      disconnected_at: 'timestamp',
      queue_wait_seconds: 'int',
      interaction_seconds: 'int',
      hold_seconds: 'int',
      after_contact_work_seconds: 'int',
      disconnect_reason: 'string',
      /** Entered a queue (an agent was asked for). */
      offered: 'boolean',
      answered: 'boolean',
      /** Offered, not answered, and the customer left (hung up or closed the chat) while waiting. */
      abandoned: 'boolean',
      /** A call back: Connect's queued call back (CALLBACK) or a call-back task Nidaa opened. */
      callback: 'boolean',
      /** A call back an agent took and spent time on; null for other contacts. */
      callback_kept: 'boolean',
      language: 'string',
      reference: 'string',
      /** Inbound calls and chats: agent (reached a queue), self_service, dropped (left in a menu). */
      ivr_outcome: 'string',
    },
    partition: 'day',
  },
  /** One row per menu a caller answered (or left) in the IVR, in order, from the contact's IVR path. */
  ivr_steps: {
    version: 1,
    description: 'Each IVR menu a contact passed through: the key pressed, timeout or invalid, and drops',
    columns: {
      schema_version: 'int',
      contact_id: 'string',
      step: 'int',
      node: 'string',
      /** The key pressed, `entered` (a number typed, kept out), `timeout`, `invalid`, or `hangup`. */
      input: 'string',
      /** The contact ended at this menu without being served or queued: a drop. */
      ended_here: 'boolean',
      channel: 'string',
      language: 'string',
    },
    partition: 'day',
  },
  /** One row per attempt to send a citizen a message, and per report of what became of it. */
  deliveries: {
    version: 1,
    description:
      'Each outbound SMS, e-mail, fax or call back attempt and its result (sent, delivered, bounced…)',
    columns: {
      schema_version: 'int',
      reference: 'string',
      event_id: 'string',
      occurred_at: 'timestamp',
      /** sms, email, fax, voice (a call back). */
      channel: 'string',
      template: 'string',
      /** sent, delivered, bounced, complained, failed, suppressed. */
      result: 'string',
      /** Why: permanent/transient (bounces), sms_opt_out/address_suppressed, the provider's error name. */
      reason: 'string',
      sms_segments: 'int',
      category_code: 'string',
      department_code: 'string',
    },
    partition: 'day',
  },
  /** One row per satisfaction rating, whatever the way it was given. */
  ratings: {
    version: 1,
    description: 'Each satisfaction rating (1–5): its source, the answering agent (keyed hash) and channel',
    columns: {
      schema_version: 'int',
      reference: 'string',
      event_id: 'string',
      rated_at: 'timestamp',
      /** ivr_survey (hotline or chat), sms, email, portal (the one-tap rating). */
      source: 'string',
      rating: 'int',
      /** The channel the rating came in on. */
      channel: 'string',
      /** The agent the case was with (keyed hash of the username), null when none. */
      agent_key: 'string',
      tier: 'int',
      category_code: 'string',
      department_code: 'string',
    },
    partition: 'day',
  },
  /** One row per call Contact Lens analysed after it ended: sentiment, categories, talk and silence. */
  contact_analysis: {
    version: 1,
    description:
      'Contact Lens post-call analysis of each call: sentiment per participant (-5 to 5), matched categories, talk and non-talk time; no transcript',
    columns: {
      schema_version: 'int',
      contact_id: 'string',
      /** The case the call was linked to, if any. */
      reference: 'string',
      analysed_at: 'timestamp',
      language: 'string',
      duration_ms: 'bigint',
      customer_sentiment: 'double',
      agent_sentiment: 'double',
      /** Contact Lens category names that matched, sorted, separated by `|`. */
      categories: 'string',
      category_count: 'int',
      talk_time_ms: 'bigint',
      agent_talk_time_ms: 'bigint',
      customer_talk_time_ms: 'bigint',
      non_talk_time_ms: 'bigint',
      interruptions: 'int',
      category_code: 'string',
      department_code: 'string',
      wilayat_code: 'string',
    },
    partition: 'day',
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof ANALYTICS_TABLES;

type Value<T extends ColumnType> = T extends 'string' | 'timestamp'
  ? string | null
  : T extends 'boolean'
    ? boolean | null
    : number | null;

type Columns<N extends TableName> = (typeof ANALYTICS_TABLES)[N]['columns'];

/** A row of a table, typed from its declaration, with the partition day. */
export type RowOf<N extends TableName> = {
  -readonly [K in keyof Columns<N>]: Columns<N>[K] extends ColumnType ? Value<Columns<N>[K]> : never;
} & { day: string };
