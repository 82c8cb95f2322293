/**
 * Contact attributes that tell the case panel who is on the line (screen-pop). The IVR and chat flows set
 * them on voice and chat contacts; tier tasks carry `reference` (functions/adapters/connect/connect-tasks.ts).
 * Values are strings, as Connect stores them.
 */
export const SCREEN_POP_ATTRIBUTES = {
  /** The case a task is about. */
  reference: 'reference',
  /** The caller's number in E.164, as the IVR identified it. */
  callerPhone: 'nidaaCallerPhone',
  /** The caller's open cases, references separated by commas (most recent first). */
  openCases: 'nidaaOpenCases',
  /** `ar` or `en`: the language the caller chose. */
  language: 'nidaaLanguage',
  /** What the caller was doing when they asked for an agent (status, procedure, complaint, menu). */
  intent: 'nidaaIntent',
} as const;
