import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logger } from './powertools.ts';
import { parseInput } from './validation.ts';

/**
 * A Step Functions task handler: validate the state's input, run the step. Errors keep their `name`
 * (ValidationError, TransientError, ConflictError…) so the ASL's Retry and Catch can match them.
 */
export function taskHandler<S extends z.ZodMiniType, R>(schema: S, step: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R, Error, Context>().handler(async (event) => {
    const input = parseInput(schema, event);
    try {
      return await step(input);
    } catch (error) {
      logger.error('task failed', { error: error as Error });
      throw error;
    }
  });
}
