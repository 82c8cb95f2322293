import { analyticsNames } from '../../lib/config/analytics-names.ts';
import { panelUrlOf, type StageConfig, signInDomainPrefixOf } from '../../lib/config/stage-config.ts';
import { EDGE_REGION } from '../../lib/edge-stack.ts';

/**
 * Regions AWS turns off by default (launched after 20 March 2019): an account must opt in before anything,
 * CDK bootstrapping included, can run there (AWS Account Management, "Enable or disable AWS Regions").
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

/** Regions with Amazon Connect (docs "Amazon Connect endpoints and quotas"; none in the Middle East). */
export const CONNECT_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-west-2',
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-2',
  'us-gov-west-1',
]);

/** Regions long known to receive mail with SES; the "Email receiving endpoints" list has grown since. */
export const SES_RECEIVING_REGIONS_KNOWN: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-west-2',
  'eu-west-1',
]);

/** The read-only call preflight makes for a step, given credentials (tools/preflight/checks.ts). */
export type CheckKind =
  | { kind: 'region-opt-in'; region: string }
  | { kind: 'connect-instance'; region: string; instanceArn: string }
  | { kind: 'connect-alias-free'; region: string; alias: string }
  | {
      kind: 'connect-number-available';
      region: string;
      instanceArn: string;
      countryCode: string;
      type: string;
      prefix?: string;
    }
  | { kind: 'ses-account'; region: string }
  | { kind: 'ses-identity'; region: string; domain: string }
  | { kind: 'sms-sandbox'; region: string }
  | { kind: 'sms-attributes'; region: string };

export type Phase = 'before the first deploy' | 'deploy' | 'after the first deploy';

/** One thing the cloud team enables, requests or verifies, where, and how. */
export type Step = {
  id: string;
  phase: Phase;
  /** A region code, or "account", "DNS", "Connect console"… */
  where: string;
  title: string;
  how: string;
  /** Something in the configuration that needs attention before deploying. */
  warning?: string;
  check?: CheckKind;
};

/** The stage's regions, each once, in deployment order: case data, contact center, mail, edge. */
export function stageRegions(config: StageConfig): string[] {
  const { caseData, contactCenter, mailReceiving } = config.regions;
  return [...new Set([caseData, contactCenter, mailReceiving, EDGE_REGION])];
}

/**
 * The runbook of docs/deploy.md for one stage, from its configuration alone, in the order a cloud team
 * works through it. `npm run preflight [stage]` prints it and, given credentials, runs each step's check.
 */
export function checklist(config: StageConfig): Step[] {
  const { caseData, contactCenter, mailReceiving } = config.regions;
  const cc = config.contactCenter;
  const stage = config.stage;
  const before = 'before the first deploy' as const;
  const after = 'after the first deploy' as const;
  const steps: Step[] = [];

  // 1. Regions.
  for (const region of stageRegions(config).filter((r) => OPT_IN_REGIONS.has(r))) {
    steps.push({
      id: `opt-in:${region}`,
      phase: before,
      where: 'account',
      title: `Enable the opt-in region ${region}`,
      how: `Account → AWS Regions → ${region} → Enable (or \`aws account enable-region --region-name ${region}\`); wait until it reads Enabled.`,
      check: { kind: 'region-opt-in', region },
    });
  }
  steps.push({
    id: 'regions:services',
    phase: before,
    where: 'account',
    title: 'Check each concern’s region offers its service',
    how: `Amazon Connect in ${contactCenter}; SES mail receiving in ${mailReceiving} (SES "Email receiving endpoints"); SES sending and SNS SMS in ${caseData}; the analytics store's Firehose (Parquet conversion, dynamic partitioning), Glue, Athena and EventBridge Scheduler in ${caseData}; CloudFront, its WAF and certificates in ${EDGE_REGION}.`,
    ...(!CONNECT_REGIONS.has(contactCenter)
      ? { warning: `regions.contactCenter ${contactCenter} is not a known Amazon Connect region.` }
      : {}),
    ...(CONNECT_REGIONS.has(contactCenter) && !SES_RECEIVING_REGIONS_KNOWN.has(mailReceiving)
      ? { warning: `regions.mailReceiving ${mailReceiving}: confirm SES receives mail there.` }
      : {}),
  });
  steps.push({
    id: 'bootstrap',
    phase: before,
    where: stageRegions(config).join(', '),
    title: 'Bootstrap CDK in every region of the stage, once',
    how: `${stageRegions(config)
      .map((r) => `npx cdk bootstrap aws://<account>/${r}`)
      .join('; ')}.`,
  });

  // 2. Amazon Connect.
  if (cc.instanceArn) {
    steps.push({
      id: 'connect:instance',
      phase: before,
      where: contactCenter,
      title: 'Verify the imported Connect instance',
      how: `${cc.instanceArn} must be in this account and ${contactCenter}, ACTIVE, with inbound and outbound calls on (call-backs dial out), and without its own contact-record or chat-transcript storage (Data storage: remove both associations first; the stack adds its own).`,
      check: { kind: 'connect-instance', region: contactCenter, instanceArn: cc.instanceArn },
    });
  } else {
    steps.push({
      id: 'connect:create',
      phase: before,
      where: contactCenter,
      title: `Make room for a new Connect instance "${cc.instanceAlias}"`,
      how: 'The stack creates the instance: the alias must be unused in the region, and the account under its Connect instances quota (Service Quotas → Amazon Connect). To use an existing instance, set contactCenter.instanceArn instead.',
      check: { kind: 'connect-alias-free', region: contactCenter, alias: cc.instanceAlias },
    });
  }
  if (cc.phoneNumber) {
    steps.push({
      id: 'connect:number',
      phase: before,
      where: contactCenter,
      title: `Check a ${cc.phoneNumber.countryCode} ${cc.phoneNumber.type} number can be claimed`,
      how: `The stack claims one${cc.phoneNumber.prefix ? ` starting ${cc.phoneNumber.prefix}` : ''}; Connect → Phone numbers → Claim a number shows what is offered. Some countries need documents first (Connect's "Region requirements for ordering and porting phone numbers").`,
      ...(cc.instanceArn
        ? {
            check: {
              kind: 'connect-number-available',
              region: contactCenter,
              instanceArn: cc.instanceArn,
              countryCode: cc.phoneNumber.countryCode,
              type: cc.phoneNumber.type,
              ...(cc.phoneNumber.prefix ? { prefix: cc.phoneNumber.prefix } : {}),
            },
          }
        : {}),
    });
  } else {
    steps.push({
      id: 'connect:hotline',
      phase: before,
      where: contactCenter,
      title: `Arrange how ${cc.hotline} reaches Connect`,
      how: 'Omani numbers are most likely not self-service in Connect: open an AWS Support case to port the hotline, or have the operator forward it to a number Connect can claim in the region (set contactCenter.phoneNumber to claim it with the stack). Start early: porting takes weeks.',
    });
  }

  // 3. E-mail.
  steps.push({
    id: 'ses:identity-sending',
    phase: before,
    where: caseData,
    title: `Verify ${config.email.domain} for sending in ${caseData} (DKIM)`,
    how: `SES → Identities → Create identity → Domain ${config.email.domain} with Easy DKIM; publish the three CNAME records; wait for "Verified".`,
    check: { kind: 'ses-identity', region: caseData, domain: config.email.domain },
  });
  steps.push({
    id: 'ses:production',
    phase: before,
    where: caseData,
    title: `Request SES production access in ${caseData}`,
    how: 'SES → Account dashboard → Request production access (the sandbox sends only to verified addresses, 200 a day); ask for a daily quota that covers acknowledgements and answers.',
    check: { kind: 'ses-account', region: caseData },
  });
  if (mailReceiving !== caseData) {
    steps.push({
      id: 'ses:identity-receiving',
      phase: before,
      where: mailReceiving,
      title: `Verify ${config.email.domain} in ${mailReceiving}, where SES receives`,
      how: `The same domain identity in ${mailReceiving} (DKIM records are per region).`,
      check: { kind: 'ses-identity', region: mailReceiving, domain: config.email.domain },
    });
  }

  // 4. SMS.
  steps.push({
    id: 'sms:sender-id',
    phase: before,
    where: caseData,
    title: `Register the sender ID "${config.sms.senderId}" for Oman`,
    how: 'Oman needs a pre-registered alphanumeric sender ID (about 15 business days with the operators and the TRA); Oman is not in the console’s registration forms: open an AWS Support case (End User Messaging SMS, sender ID registration, Oman). Until then messages may arrive from a generic sender or not at all.',
  });
  steps.push({
    id: 'sms:sandbox',
    phase: before,
    where: caseData,
    title: `Move SNS SMS out of the sandbox in ${caseData}`,
    how: 'SNS → Text messaging (SMS) → Exit SMS sandbox (a support case). Confirm SNS sends SMS from this region; if not, that is a code change (the SMS client follows regions.caseData).',
    check: { kind: 'sms-sandbox', region: caseData },
  });
  steps.push({
    id: 'sms:spend',
    phase: before,
    where: caseData,
    title: 'Raise the SMS monthly spend limit and make SMS transactional',
    how: 'New accounts may spend USD 1 a month on SMS: request an increase (Service Quotas / support case) sized for every acknowledgement and answer, then `aws sns set-sms-attributes --attributes MonthlySpendLimit=<USD>,DefaultSMSType=Transactional`.',
    check: { kind: 'sms-attributes', region: caseData },
  });

  // 5. Quotas and the edge.
  steps.push({
    id: 'quotas',
    phase: before,
    where: [caseData, contactCenter].join(', '),
    title: 'Check the quotas that a busy day meets',
    how: `Service Quotas: Lambda concurrent executions in ${caseData} (new accounts start low), Amazon Connect concurrent active calls, tasks and queues per instance in ${contactCenter}, SES sending rate in ${caseData}.`,
  });
  if (config.edge.domain) {
    steps.push({
      id: 'edge:certificate',
      phase: before,
      where: EDGE_REGION,
      title: `Issue the certificate for ${config.edge.domain.name}`,
      how: `${config.edge.domain.certificateArn} must be ISSUED in ${EDGE_REGION}; after deploying, point ${config.edge.domain.name} (CNAME or alias) at the distribution.`,
    });
  } else if (stage === 'prod') {
    steps.push({
      id: 'edge:certificate',
      phase: before,
      where: EDGE_REGION,
      title: 'Give production its own host name',
      how: 'Set edge.domain {name, certificateArn} (an ACM certificate in us-east-1): without it the panel and portal live at a cloudfront.net address and TLS 1.2 cannot be enforced.',
      warning: 'prod has no edge.domain.',
    });
  }
  if (!config.alarmEmail) {
    steps.push({
      id: 'alarms',
      phase: before,
      where: 'cdk.json',
      title: 'Name where alarms go',
      how: `Set stages.${stage}.alarmEmail; without it, alarms reach nobody.`,
      warning: 'no alarmEmail.',
    });
  }

  // 6. Deploy.
  steps.push({
    id: 'deploy',
    phase: 'deploy',
    where: stageRegions(config).join(', '),
    title: 'Deploy every stack',
    how: `npx cdk deploy --all -c stage=${stage} (Data, ContactCenter, Mail, Core, Edge; CDK builds the web apps first).`,
  });

  // 7. After.
  steps.push({
    id: 'ses:receiving',
    phase: after,
    where: mailReceiving,
    title: 'Turn mail receiving on',
    how: `aws ses set-active-receipt-rule-set --rule-set-name nidaa-${stage} --region ${mailReceiving} (one active rule set per account and region), and the MX record of ${config.email.domain}: 10 inbound-smtp.${mailReceiving}.amazonaws.com.`,
  });
  steps.push({
    id: 'connect:after',
    phase: after,
    where: contactCenter,
    title: 'Finish the contact center in the Connect console',
    how: `Assign the hotline number to the inbound flow; give the Callbacks queue an outbound caller ID (Queues → Callbacks → Outbound caller ID number: a claimed number), or call-backs cannot dial; check that Set voice offers ${cc.voices.arabic} (Gulf Arabic, neural) in ${contactCenter}, else set contactCenter.voices.arabic to one it offers (Zeina stays the fallback); add agents with their routing profile and a security profile with tasks and the agent workspace.`,
  });
  steps.push({
    id: 'connect:events',
    phase: after,
    where: `${contactCenter} → ${caseData}`,
    title: 'See a task event reach the case data region',
    how: `${contactCenter === caseData ? 'Connect publishes task events to this region’s bus.' : `Task events are forwarded from ${contactCenter}'s default bus to ${caseData}'s${OPT_IN_REGIONS.has(caseData) ? ` (an opt-in region: it must be enabled before the rule can deliver)` : ''}.`} Open and accept a test task (a web request with a case), then look for it in the contactEvents function's logs and the forwarding rule's FailedInvocations metric.`,
  });
  steps.push({
    id: 'workflows',
    phase: after,
    where: caseData,
    title: 'Watch one case go through both workflows',
    how: `POST a request to <PublicUrl>/v1/requests; Step Functions → nidaa-${stage}-case-intake shows a succeeded execution that started nidaa-${stage}-case-lifecycle (both encrypted with the stage key; an AccessDenied from KMS there means a missing key grant).`,
  });
  const panelUrl = panelUrlOf(config);
  steps.push({
    id: 'staff',
    phase: after,
    where: caseData,
    title: 'Create staff and sign in to the case panel',
    how: `Cognito user pool (output UserPoolId): users in the groups agent_t1, agent_t2, dept_staff (with custom:departments), supervisor, admin; TOTP MFA is required. Sign in at ${panelUrl ?? 'the PanelUrl output of the Edge stack'} (sign-in page ${signInDomainPrefixOf(config)}.auth.${caseData}.amazoncognito.com).${panelUrl ? '' : ' Then set contactCenter.panelUrl to that address and deploy again: tier tasks link to it and the agent workspace can host it.'}`,
  });
  const lake = analyticsNames(config);
  steps.push({
    id: 'analytics',
    phase: after,
    where: caseData,
    title: 'See the test case reach the analytics store',
    how: `A few minutes after the test case, its rows are under s3://<AnalyticsLakeBucket>/cases/day=<today>/ and nothing under errors/; the saved query volume runs in the Athena workgroup ${lake.workgroup} (database ${lake.database}). If the account manages its Data Catalog with Lake Formation, grant the query functions' roles SELECT on the tables first (docs/analytics-aws.md).`,
  });
  return steps;
}

/** The checklist as plain text, numbered, with each step's check result when there is one. */
export function renderChecklist(
  config: StageConfig,
  steps: Step[],
  results: ReadonlyMap<string, { status: 'ok' | 'fail' | 'warn'; detail: string }> = new Map(),
): string {
  const mark = { ok: '✓', fail: '✗', warn: '!' } as const;
  const lines = [
    `Nidaa preflight, stage "${config.stage}": case data ${config.regions.caseData}, contact center ${config.regions.contactCenter}, mail ${config.regions.mailReceiving}, edge ${EDGE_REGION}`,
  ];
  let phase: Phase | undefined;
  steps.forEach((step, i) => {
    if (step.phase !== phase) {
      phase = step.phase;
      lines.push('', `${phase[0]?.toUpperCase()}${phase.slice(1)}`);
    }
    lines.push(`  ${i + 1}. [${step.where}] ${step.title}`, `     ${step.how}`);
    if (step.warning) lines.push(`     ! ${step.warning}`);
    const result = results.get(step.id);
    if (result) lines.push(`     ${mark[result.status]} ${result.detail}`);
    else if (step.check && results.size > 0) lines.push('     - not checked');
  });
  return lines.join('\n');
}
