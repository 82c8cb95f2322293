import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { WorkflowSignals } from '#core/ports.ts';

/** Errors that mean the waiting state is gone: already resumed, timed out, or the execution ended. */
const GONE = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

export class SfnSignals implements WorkflowSignals {
  constructor(private readonly sfn: SFNClient) {}

  async resume(taskToken: string, output: Record<string, unknown>): Promise<boolean> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
      return true;
    } catch (error) {
      if (GONE.has((error as Error).name)) return false;
      throw error;
    }
  }
}
