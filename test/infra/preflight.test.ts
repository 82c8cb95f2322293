import { AccessDeniedException, AccountClient, GetRegionOptStatusCommand } from '@aws-sdk/client-account';
import {
  ConnectClient,
  DescribeInstanceCommand,
  ListInstancesCommand,
  ResourceNotFoundException,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-connect';
import {
  GetAccountCommand,
  GetEmailIdentityCommand,
  NotFoundException,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { GetSMSAttributesCommand, GetSMSSandboxAccountStatusCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StageConfig } from '../../lib/config/stage-config.ts';
import { fullFeatured } from '../../tools/cfn/variants.ts';
import { checklist, renderChecklist, type Step } from '../../tools/preflight/checklist.ts';
import { type PreflightClients, runCheck, runChecks } from '../../tools/preflight/checks.ts';
import { hasCredentials } from '../../tools/preflight/preflight.ts';
import { stageConfig } from './synth.ts';

const INSTANCE_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const INSTANCE_ARN = `arn:aws:connect:eu-central-1:111122223333:instance/${INSTANCE_ID}`;
const full = (): StageConfig => fullFeatured(stageConfig('prod'));
const byId = (steps: Step[], id: string) => steps.find((s) => s.id === id);

describe('npm run preflight, offline: the checklist from the stage’s config', () => {
  it('walks a cloud team through the regions, Connect, e-mail, SMS, quotas, the deploy, then what follows', () => {
    const steps = checklist(stageConfig('dev'));
    const phases = steps.map((s) => s.phase);
    // In order: everything before the deploy, the deploy, everything after.
    expect(phases.indexOf('deploy')).toBe(phases.lastIndexOf('deploy'));
    expect(phases.slice(0, phases.indexOf('deploy')).every((p) => p === 'before the first deploy')).toBe(
      true,
    );
    expect(phases.slice(phases.indexOf('deploy') + 1).every((p) => p === 'after the first deploy')).toBe(
      true,
    );
    const ids = steps.map((s) => s.id);
    expect(ids.indexOf('opt-in:me-central-1')).toBeLessThan(ids.indexOf('bootstrap'));
    expect(ids).toEqual(
      expect.arrayContaining([
        'connect:create',
        'connect:hotline',
        'ses:identity-sending',
        'ses:production',
        'ses:identity-receiving',
        'sms:sender-id',
        'sms:sandbox',
        'sms:spend',
        'quotas',
        'ses:receiving',
        'connect:after',
        'connect:events',
        'workflows',
        'staff',
        'analytics',
      ]),
    );
  });

  it('asks to enable only the opt-in regions, and bootstraps every region including us-east-1', () => {
    const steps = checklist(stageConfig('dev'));
    expect(steps.filter((s) => s.id.startsWith('opt-in:')).map((s) => s.id)).toEqual(['opt-in:me-central-1']);
    expect(byId(steps, 'bootstrap')?.how).toBe(
      'npx cdk bootstrap aws://<account>/me-central-1; npx cdk bootstrap aws://<account>/eu-central-1; npx cdk bootstrap aws://<account>/eu-west-1; npx cdk bootstrap aws://<account>/us-east-1.',
    );
  });

  it('names the stage’s own values: sender ID, domain, rule set, MX host, voice, callback caller ID', () => {
    const text = renderChecklist(stageConfig('prod'), checklist(stageConfig('prod')));
    for (const expected of [
      'Register the sender ID "MuscatMun" for Oman',
      'Verify nidaa.example.om for sending in me-central-1',
      'aws ses set-active-receipt-rule-set --rule-set-name nidaa-prod --region eu-west-1',
      '10 inbound-smtp.eu-west-1.amazonaws.com',
      'Set voice offers Zayd',
      'outbound caller ID',
      'npx cdk deploy --all -c stage=prod',
      '! prod has no edge.domain.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/^ {2}1\. \[account\] Enable the opt-in region me-central-1$/m);
  });

  it('verifies an imported instance and a claimable number when the stage has them', () => {
    const steps = checklist(full());
    expect(byId(steps, 'connect:instance')?.check).toEqual({
      kind: 'connect-instance',
      region: 'eu-central-1',
      instanceArn: full().contactCenter.instanceArn,
    });
    expect(byId(steps, 'connect:number')?.check).toMatchObject({
      kind: 'connect-number-available',
      countryCode: 'OM',
    });
    expect(byId(steps, 'connect:create')).toBeUndefined();
    expect(byId(steps, 'connect:hotline')).toBeUndefined();
    expect(byId(steps, 'edge:certificate')?.title).toBe('Issue the certificate for nidaa.muscat.example.om');
  });

  it('says nothing of forwarding or a second SES region when all lives in one region', () => {
    const one = {
      ...stageConfig('dev'),
      regions: { caseData: 'eu-west-1', contactCenter: 'eu-west-1', mailReceiving: 'eu-west-1' },
    };
    const steps = checklist(one as StageConfig);
    expect(byId(steps, 'ses:identity-receiving')).toBeUndefined();
    expect(steps.some((s) => s.id.startsWith('opt-in:'))).toBe(false);
    expect(byId(steps, 'connect:events')?.how).not.toContain('forwarded');
  });

  it('calls AWS only given credentials', () => {
    expect(hasCredentials({})).toBe(false);
    expect(hasCredentials({ AWS_PROFILE: 'muscat-prod' })).toBe(true);
    expect(hasCredentials({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toBe(true);
  });
});

describe('npm run preflight with credentials: read-only checks', () => {
  const account = mockClient(AccountClient);
  const connect = mockClient(ConnectClient);
  const ses = mockClient(SESv2Client);
  const sns = mockClient(SNSClient);
  const regions: string[] = [];
  const clients: PreflightClients = {
    account: () => new AccountClient({ region: 'us-east-1' }),
    connect: (region) => {
      regions.push(`connect:${region}`);
      return new ConnectClient({ region });
    },
    ses: (region) => {
      regions.push(`ses:${region}`);
      return new SESv2Client({ region });
    },
    sns: (region) => {
      regions.push(`sns:${region}`);
      return new SNSClient({ region });
    },
  };
  beforeEach(() => {
    for (const m of [account, connect, ses, sns]) m.reset();
    regions.length = 0;
  });

  it('reads each opt-in region’s status from the Account API', async () => {
    account.on(GetRegionOptStatusCommand, { RegionName: 'me-central-1' }).resolves({
      RegionName: 'me-central-1',
      RegionOptStatus: 'ENABLED',
    });
    account.on(GetRegionOptStatusCommand, { RegionName: 'il-central-1' }).resolves({
      RegionName: 'il-central-1',
      RegionOptStatus: 'DISABLED',
    });
    expect(await runCheck({ kind: 'region-opt-in', region: 'me-central-1' }, clients)).toEqual({
      status: 'ok',
      detail: 'me-central-1: ENABLED',
    });
    expect((await runCheck({ kind: 'region-opt-in', region: 'il-central-1' }, clients)).status).toBe('fail');
  });

  it('describes the imported instance by its id, in the contact-center region', async () => {
    connect.on(DescribeInstanceCommand, { InstanceId: INSTANCE_ID }).resolves({
      Instance: {
        Id: INSTANCE_ID,
        Arn: INSTANCE_ARN,
        InstanceAlias: 'muscat',
        InstanceStatus: 'ACTIVE',
        InboundCallsEnabled: true,
        OutboundCallsEnabled: false,
      },
    });
    const result = await runCheck(
      { kind: 'connect-instance', region: 'eu-central-1', instanceArn: INSTANCE_ARN },
      clients,
    );
    expect(result).toEqual({ status: 'fail', detail: 'muscat: outbound calls off (call-backs dial out)' });
    expect(regions).toEqual(['connect:eu-central-1']);
    connect
      .on(DescribeInstanceCommand)
      .rejects(
        new ResourceNotFoundException({ message: 'Instance not found', $metadata: { httpStatusCode: 404 } }),
      );
    expect(
      (
        await runCheck(
          { kind: 'connect-instance', region: 'eu-central-1', instanceArn: INSTANCE_ARN },
          clients,
        )
      ).detail,
    ).toContain('fix contactCenter.instanceArn');
  });

  it('finds an alias already taken across ListInstances pages', async () => {
    connect
      .on(ListInstancesCommand)
      .resolvesOnce({ InstanceSummaryList: [{ Id: 'a', InstanceAlias: 'other' }], NextToken: 'page-2' })
      .resolvesOnce({ InstanceSummaryList: [{ Id: 'b', InstanceAlias: 'nidaa-prod' }] });
    const result = await runCheck(
      { kind: 'connect-alias-free', region: 'eu-central-1', alias: 'nidaa-prod' },
      clients,
    );
    expect(result.status).toBe('fail');
    expect(connect.commandCalls(ListInstancesCommand)[1]?.args[0].input).toMatchObject({
      NextToken: 'page-2',
    });
  });

  it('searches the numbers the stack would claim', async () => {
    connect.on(SearchAvailablePhoneNumbersCommand).resolves({ AvailableNumbersList: [] });
    const result = await runCheck(
      {
        kind: 'connect-number-available',
        region: 'eu-central-1',
        instanceArn: INSTANCE_ARN,
        countryCode: 'OM',
        type: 'TOLL_FREE',
        prefix: '+968800',
      },
      clients,
    );
    expect(result).toEqual({ status: 'fail', detail: 'no OM TOLL_FREE number offered starting +968800' });
    expect(connect).toHaveReceivedCommandWith(SearchAvailablePhoneNumbersCommand, {
      TargetArn: INSTANCE_ARN,
      PhoneNumberCountryCode: 'OM',
      PhoneNumberType: 'TOLL_FREE',
      PhoneNumberPrefix: '+968800',
    });
  });

  it('tells SES’s sandbox from production access, and an unverified domain from a verified one', async () => {
    ses.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 0 },
    });
    expect(await runCheck({ kind: 'ses-account', region: 'me-central-1' }, clients)).toEqual({
      status: 'fail',
      detail: 'still in the SES sandbox in me-central-1 (200 a day, 1 a second): request production access',
    });
    ses.on(GetEmailIdentityCommand, { EmailIdentity: 'nidaa.example.om' }).resolves({
      IdentityType: 'DOMAIN',
      VerifiedForSendingStatus: true,
      DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS', Tokens: ['a', 'b', 'c'] },
    });
    expect(
      (await runCheck({ kind: 'ses-identity', region: 'eu-west-1', domain: 'nidaa.example.om' }, clients))
        .status,
    ).toBe('ok');
    ses.on(GetEmailIdentityCommand).rejects(new NotFoundException({ message: 'not found', $metadata: {} }));
    expect(
      (await runCheck({ kind: 'ses-identity', region: 'eu-west-1', domain: 'other.example.om' }, clients))
        .detail,
    ).toBe('other.example.om is not an SES identity in eu-west-1: create it');
    expect(regions).toEqual(['ses:me-central-1', 'ses:eu-west-1', 'ses:eu-west-1']);
  });

  it('flags the SMS sandbox and the default spend limit', async () => {
    sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: true });
    sns
      .on(GetSMSAttributesCommand, { attributes: ['MonthlySpendLimit', 'DefaultSMSType'] })
      .resolves({ attributes: { MonthlySpendLimit: '1' } });
    expect((await runCheck({ kind: 'sms-sandbox', region: 'me-central-1' }, clients)).status).toBe('fail');
    expect(await runCheck({ kind: 'sms-attributes', region: 'me-central-1' }, clients)).toEqual({
      status: 'warn',
      detail: 'spend limit USD 1 a month, default type Promotional',
    });
  });

  it('runs every step’s check and reports a refused call instead of stopping', async () => {
    account
      .on(GetRegionOptStatusCommand)
      .rejects(new AccessDeniedException({ message: 'no account:GetRegionOptStatus', $metadata: {} }));
    connect.on(DescribeInstanceCommand).resolves({
      Instance: {
        Id: INSTANCE_ID,
        InstanceAlias: 'muscat',
        InstanceStatus: 'ACTIVE',
        InboundCallsEnabled: true,
        OutboundCallsEnabled: true,
      },
    });
    connect
      .on(SearchAvailablePhoneNumbersCommand)
      .resolves({ AvailableNumbersList: [{ PhoneNumber: '+968800000001' }] });
    ses.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: true,
      SendingEnabled: true,
      SendQuota: { Max24HourSend: 50000, MaxSendRate: 14 },
    });
    ses
      .on(GetEmailIdentityCommand)
      .resolves({ VerifiedForSendingStatus: true, DkimAttributes: { Status: 'SUCCESS' } });
    sns.on(GetSMSSandboxAccountStatusCommand).resolves({ IsInSandbox: false });
    sns
      .on(GetSMSAttributesCommand)
      .resolves({ attributes: { MonthlySpendLimit: '500', DefaultSMSType: 'Transactional' } });
    const config = full();
    const steps = checklist(config);
    const results = await runChecks(steps, clients);
    expect(results.get('opt-in:me-central-1')).toEqual({
      status: 'fail',
      detail: 'could not check: AccessDeniedException: no account:GetRegionOptStatus',
    });
    for (const id of [
      'connect:instance',
      'connect:number',
      'ses:production',
      'ses:identity-sending',
      'sms:sandbox',
      'sms:spend',
    ]) {
      expect(results.get(id)?.status, id).toBe('ok');
    }
    const text = renderChecklist(config, steps, results);
    expect(text).toContain('✓ muscat: ACTIVE, inbound and outbound calls on');
    expect(text).toContain('✗ could not check: AccessDeniedException');
  });
});
