import { createHash } from 'node:crypto';
import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { TransientError } from '#core/errors.ts';
import { type Inbound, inboundKey } from '#core/intake/inbound.ts';
import { PLATFORM_ENV } from '#shared/env.ts';
import { caseDataRegion } from '../resource-regions.ts';

/**
 * Runs case-intake (Express) synchronously and returns the reference it stored. Execution names are
 * derived from the inbound key, so the execution history points back to the message.
 */
export class CaseIntakeStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  static create(stateMachineArn: string) {
    // Synchronous Express calls go to the `sync-` host; a local endpoint has no such host.
    const local = Boolean(process.env[PLATFORM_ENV.sfnEndpoint]);
    return new CaseIntakeStarter(
      new SFNClient({ ...caseDataRegion(), disableHostPrefix: local }),
      stateMachineArn,
    );
  }

  async openCase(input: { inbound: Inbound; contactId: string }): Promise<{ reference: string }> {
    const name = createHash('sha256').update(inboundKey(input.inbound)).digest('hex').slice(0, 64);
    const out = await this.sfn.send(
      new StartSyncExecutionCommand({
        stateMachineArn: this.stateMachineArn,
        name,
        input: JSON.stringify(input),
      }),
    );
    if (out.status !== 'SUCCEEDED' || !out.output) {
      // Intake's lease makes the redelivery retry the whole message; the case store is idempotent.
      throw new TransientError(
        { ar: 'تعذر تسجيل البلاغ مؤقتاً.', en: 'The case could not be opened right now.' },
        [
          {
            path: 'caseIntake',
            message: { ar: out.error ?? '', en: `${out.error ?? ''}: ${out.cause ?? ''}` },
          },
        ],
      );
    }
    return { reference: (JSON.parse(out.output) as { reference: string }).reference };
  }
}
