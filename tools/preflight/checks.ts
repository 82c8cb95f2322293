import { AccountClient, GetRegionOptStatusCommand } from '@aws-sdk/client-account';
import {
  ConnectClient,
  DescribeInstanceCommand,
  ListInstancesCommand,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-connect';
import { GetAccountCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetSMSAttributesCommand, GetSMSSandboxAccountStatusCommand, SNSClient } from '@aws-sdk/client-sns';
import type { CheckKind, Step } from './checklist.ts';

export type CheckResult = { status: 'ok' | 'fail' | 'warn'; detail: string };

/** The clients the checks use, by region (tests pass mocked ones). */
export type PreflightClients = {
  account: () => AccountClient;
  connect: (region: string) => ConnectClient;
  ses: (region: string) => SESv2Client;
  sns: (region: string) => SNSClient;
};

export const awsClients = (): PreflightClients => {
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    // The Account API has one endpoint, in us-east-1.
    account: () => once('account', () => new AccountClient({ region: 'us-east-1' })),
    connect: (region) => once(`connect:${region}`, () => new ConnectClient({ region })),
    ses: (region) => once(`ses:${region}`, () => new SESv2Client({ region })),
    sns: (region) => once(`sns:${region}`, () => new SNSClient({ region })),
  };
};

const ok = (detail: string): CheckResult => ({ status: 'ok', detail });
const fail = (detail: string): CheckResult => ({ status: 'fail', detail });
const warn = (detail: string): CheckResult => ({ status: 'warn', detail });

/** One read-only call for one check; never changes anything. */
export async function runCheck(check: CheckKind, clients: PreflightClients): Promise<CheckResult> {
  switch (check.kind) {
    case 'region-opt-in': {
      const { RegionOptStatus: status } = await clients
        .account()
        .send(new GetRegionOptStatusCommand({ RegionName: check.region }));
      if (status === 'ENABLED' || status === 'ENABLED_BY_DEFAULT') return ok(`${check.region}: ${status}`);
      if (status === 'ENABLING') return warn(`${check.region}: ENABLING (wait until it is ENABLED)`);
      return fail(`${check.region}: ${status ?? 'unknown'}; enable it before bootstrapping`);
    }
    case 'connect-instance': {
      const id = check.instanceArn.split('/').pop() as string;
      try {
        const { Instance: instance } = await clients
          .connect(check.region)
          .send(new DescribeInstanceCommand({ InstanceId: id }));
        const problems = [
          instance?.InstanceStatus !== 'ACTIVE' ? `status ${instance?.InstanceStatus ?? 'unknown'}` : '',
          instance?.InboundCallsEnabled ? '' : 'inbound calls off',
          instance?.OutboundCallsEnabled ? '' : 'outbound calls off (call-backs dial out)',
        ].filter(Boolean);
        return problems.length === 0
          ? ok(`${instance?.InstanceAlias ?? id}: ACTIVE, inbound and outbound calls on`)
          : fail(`${instance?.InstanceAlias ?? id}: ${problems.join(', ')}`);
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
          return fail(`no instance ${id} in ${check.region} of this account: fix contactCenter.instanceArn`);
        }
        throw error;
      }
    }
    case 'connect-alias-free': {
      const taken: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await clients
          .connect(check.region)
          .send(new ListInstancesCommand({ NextToken, MaxResults: 10 }));
        taken.push(...(page.InstanceSummaryList ?? []).map((i) => i.InstanceAlias ?? ''));
        NextToken = page.NextToken;
      } while (NextToken);
      return taken.includes(check.alias)
        ? fail(
            `an instance "${check.alias}" already exists in ${check.region}: import it (contactCenter.instanceArn) or pick another alias`,
          )
        : ok(`alias "${check.alias}" is free; ${taken.length} instance(s) in ${check.region} today`);
    }
    case 'connect-number-available': {
      const { AvailableNumbersList: numbers = [] } = await clients.connect(check.region).send(
        new SearchAvailablePhoneNumbersCommand({
          TargetArn: check.instanceArn,
          PhoneNumberCountryCode: check.countryCode as never,
          PhoneNumberType: check.type as never,
          ...(check.prefix ? { PhoneNumberPrefix: check.prefix } : {}),
          MaxResults: 10,
        }),
      );
      return numbers.length > 0
        ? ok(`${numbers.length} number(s) offered, e.g. ${numbers[0]?.PhoneNumber}`)
        : fail(
            `no ${check.countryCode} ${check.type} number offered${check.prefix ? ` starting ${check.prefix}` : ''}`,
          );
    }
    case 'ses-account': {
      const account = await clients.ses(check.region).send(new GetAccountCommand({}));
      if (!account.SendingEnabled) return fail(`sending is paused in ${check.region}`);
      const quota = `${account.SendQuota?.Max24HourSend ?? '?'} a day, ${account.SendQuota?.MaxSendRate ?? '?'} a second`;
      return account.ProductionAccessEnabled
        ? ok(`production access in ${check.region}: ${quota}`)
        : fail(`still in the SES sandbox in ${check.region} (${quota}): request production access`);
    }
    case 'ses-identity': {
      try {
        const identity = await clients
          .ses(check.region)
          .send(new GetEmailIdentityCommand({ EmailIdentity: check.domain }));
        const dkim = identity.DkimAttributes?.Status ?? 'NOT_STARTED';
        if (identity.VerifiedForSendingStatus && dkim === 'SUCCESS')
          return ok(`${check.domain}: verified, DKIM SUCCESS`);
        return fail(
          `${check.domain}: ${identity.VerifiedForSendingStatus ? 'verified' : 'not verified'}, DKIM ${dkim} (publish the DKIM CNAME records)`,
        );
      } catch (error) {
        if ((error as Error).name === 'NotFoundException') {
          return fail(`${check.domain} is not an SES identity in ${check.region}: create it`);
        }
        throw error;
      }
    }
    case 'sms-sandbox': {
      const { IsInSandbox } = await clients.sns(check.region).send(new GetSMSSandboxAccountStatusCommand({}));
      return IsInSandbox
        ? fail(`SNS SMS is in the sandbox in ${check.region}: only verified numbers receive`)
        : ok(`SNS SMS is out of the sandbox in ${check.region}`);
    }
    case 'sms-attributes': {
      const { attributes = {} } = await clients
        .sns(check.region)
        .send(new GetSMSAttributesCommand({ attributes: ['MonthlySpendLimit', 'DefaultSMSType'] }));
      const limit = Number(attributes.MonthlySpendLimit ?? '1');
      const type = attributes.DefaultSMSType ?? 'Promotional';
      const notes = [`spend limit USD ${limit} a month`, `default type ${type}`];
      return limit <= 1 || type !== 'Transactional' ? warn(notes.join(', ')) : ok(notes.join(', '));
    }
  }
}

/** Runs every step's check; a call that fails (no permission, no endpoint) is reported, not thrown. */
export async function runChecks(steps: Step[], clients: PreflightClients): Promise<Map<string, CheckResult>> {
  const results = new Map<string, CheckResult>();
  for (const step of steps) {
    if (!step.check) continue;
    try {
      results.set(step.id, await runCheck(step.check, clients));
    } catch (error) {
      const e = error as Error;
      results.set(step.id, fail(`could not check: ${e.name}: ${e.message}`));
    }
  }
  return results;
}
