/**
 * Typed domain errors. Each has a stable `name` (Step Functions Retry/Catch match on it), an HTTP status
 * (mapped to RFC 9457 problem+json at the edge) and a message in both languages.
 */
export type Bilingual = { ar: string; en: string };

export type FieldProblem = { path: string; message: Bilingual };

export abstract class NidaaError extends Error {
  abstract readonly status: number;
  /** Last segment of the problem type URI, e.g. `validation` → /problems/validation. */
  abstract readonly problemType: string;

  constructor(
    readonly messages: Bilingual,
    readonly fields: FieldProblem[] = [],
  ) {
    super(messages.en);
  }
}

export class ValidationError extends NidaaError {
  override readonly name = 'ValidationError';
  readonly status = 400;
  readonly problemType = 'validation';
}

/** The title every validation error shares; the fields say what is wrong. */
export const INVALID_REQUEST: Bilingual = {
  ar: 'الطلب يحتوي على بيانات غير صحيحة.',
  en: 'The request contains invalid data.',
};

/** A ValidationError about one field, in both languages. */
export const invalidField = (path: string, message: Bilingual) =>
  new ValidationError(INVALID_REQUEST, [{ path, message }]);

export class UnauthorizedError extends NidaaError {
  override readonly name = 'UnauthorizedError';
  readonly status = 401;
  readonly problemType = 'unauthorized';
}

export class ForbiddenError extends NidaaError {
  override readonly name = 'ForbiddenError';
  readonly status = 403;
  readonly problemType = 'forbidden';
}

export class NotFoundError extends NidaaError {
  override readonly name = 'NotFoundError';
  readonly status = 404;
  readonly problemType = 'not-found';
}

/** A write lost a race (optimistic lock or uniqueness); the caller may re-read and retry. */
export class ConflictError extends NidaaError {
  override readonly name = 'ConflictError';
  readonly status = 409;
  readonly problemType = 'conflict';
}

/**
 * A write lost an optimistic-lock race: re-reading and deciding again may succeed (retryOnConflict). Its
 * name stays ConflictError, which the state machines' Retry rules match; a refusal on the case's state
 * (a closed case, a wrong tier) is a plain ConflictError and is not retried.
 */
export class StaleVersionError extends ConflictError {}

/**
 * The request is well formed but cannot be honoured as sent: e.g. an Idempotency-Key reused with a different
 * payload (IETF draft-ietf-httpapi-idempotency-key-header §2.7: 422 Unprocessable Content).
 */
export class UnprocessableError extends NidaaError {
  override readonly name = 'UnprocessableError';
  readonly status = 422;
  readonly problemType = 'unprocessable';
}

/** Too many attempts from one sender or address in a window (status lookups, access codes). */
export class TooManyRequestsError extends NidaaError {
  override readonly name = 'TooManyRequestsError';
  readonly status = 429;
  readonly problemType = 'too-many-requests';
}

export class PayloadTooLargeError extends NidaaError {
  override readonly name = 'PayloadTooLargeError';
  readonly status = 413;
  readonly problemType = 'payload-too-large';
}

/** A dependency failed in a way worth retrying (throttling, timeouts); state machines retry on this name. */
export class TransientError extends NidaaError {
  override readonly name = 'TransientError';
  readonly status = 503;
  readonly problemType = 'unavailable';
}

export const isNidaaError = (e: unknown): e is NidaaError => e instanceof NidaaError;

/** Anything unexpected, shown to callers without internals. */
export class InternalError extends NidaaError {
  override readonly name = 'InternalError';
  readonly status = 500;
  readonly problemType = 'internal';
}
