import { z } from 'zod';
import {
  CONTACT_LENS_ARABIC,
  CONTACT_LENS_ENGLISH,
  DEFAULT_CONTACT_LENS_LANGUAGES,
} from '../../contact-flows/contact-lens.ts';
import { PROMPT_KEYS } from '../../contact-flows/prompt-overrides.ts';
import { ARABIC_NEURAL_VOICES, ENGLISH_NEURAL_VOICES } from '../../contact-flows/voices.ts';
import { DEFAULT_UNIT_PRICES } from '../../functions/core/analytics/unit-prices.ts';
import { ORIGIN_PATTERN } from './cors.ts';

/** A price per unit: a finite amount, zero or more (a channel the municipality does not pay for is 0). */
const unitPrice = z.number().finite().min(0, 'must be a price of zero or more').max(1000);

/**
 * The typed configuration of one deployment stage, read from `cdk.json` context (`stages.<name>`).
 * Every field a municipality would change lives here; nothing is looked up in AWS at synth time.
 */
const region = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region code such as me-central-1');
const e164 = z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 phone number such as +96880077222');
const bilingual = z.object({ ar: z.string().min(1), en: z.string().min(1) });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM in 24-hour time');
const domainPattern = /^([a-z0-9-]+\.)+[a-z]{2,}$/;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD');

/** A Connect resource's name and description, in both languages (Connect shows one string: Arabic first). */
const connectLabel = z
  .object({
    name: bilingual,
    description: bilingual,
  })
  .strict();
const label = (ar: string, en: string, descriptionAr: string, descriptionEn: string) => ({
  name: { ar, en },
  description: { ar: descriptionAr, en: descriptionEn },
});

/**
 * The hotline's Amazon Connect resources (docs/decisions/0030). Everything a municipality would rename or
 * resize is here, with defaults, so a stage needs only the instance and the hotline.
 */
const contactCenterSchema = z
  .object({
    /** Import the municipality's existing instance (the common case), or let Nidaa create one. */
    instanceArn: z
      .string()
      .regex(/^arn:aws:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]{36}$/, 'must be a Connect instance ARN')
      .optional(),
    instanceAlias: z.string().regex(/^[a-z0-9-]{1,45}$/, 'must be lower-case letters, digits, dashes'),
    hotline: e164,
    /**
     * Claim a number into the instance (AWS::Connect::PhoneNumber). Omani numbers are likely not
     * self-service in Connect: leave this out and port or forward the hotline by hand (README).
     */
    phoneNumber: z
      .object({
        countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as OM'),
        type: z.enum(['DID', 'TOLL_FREE']),
        /** Claim a number starting with these digits, e.g. the hotline itself. */
        prefix: z
          .string()
          .regex(/^\+[1-9]\d{0,14}$/, 'must be a + and digits, such as +96880077222')
          .optional(),
      })
      .strict()
      .optional(),
    /**
     * Contact Lens post-call analytics (extra cost): calls that reach an agent are recorded and analysed
     * (sentiment, categories, talk and non-talk time) in the caller's language. On a created instance this
     * also sets its CONTACT_LENS attribute; an imported one needs Contact Lens turned on in its console.
     * Off, with a synth warning, where regions.contactCenter does not offer it (docs/decisions/0116).
     */
    contactLens: z.boolean().default(false),
    /**
     * The languages Contact Lens analyses each caller's call in: Gulf Arabic (ar-AE, the only Arabic it
     * offers) and an English variety. To confirm at the first deploy in the instance's region.
     */
    contactLensLanguages: z
      .object({ ar: z.enum(CONTACT_LENS_ARABIC), en: z.enum(CONTACT_LENS_ENGLISH) })
      .strict()
      .default(DEFAULT_CONTACT_LENS_LANGUAGES),
    /** The agent's case panel (`https://…/panel/`), linked from every tier task (`<panelUrl>#/cases/<reference>`). */
    panelUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
    hours: connectLabel.default(
      label('ساعات العمل', 'Working hours', 'ساعات عمل مركز الاتصال', 'Contact center working hours'),
    ),
    queues: z
      .object({ t1: connectLabel, t2: connectLabel, callback: connectLabel })
      .strict()
      .default({
        t1: label('الخط الأول', 'Tier 1', 'بلاغات واستفسارات المواطنين', 'Citizens’ reports and questions'),
        t2: label('الخط الثاني', 'Tier 2', 'حالات محوّلة من الخط الأول', 'Cases escalated from tier 1'),
        callback: label(
          'معاودة الاتصال',
          'Callbacks',
          'طلبات معاودة الاتصال',
          'Callbacks citizens asked for',
        ),
      }),
    /** Tier-3 queue names are "<prefix> <department name>" in each language. */
    departmentQueuePrefix: bilingual.default({ ar: 'الإدارة:', en: 'Department:' }),
    /** Contacts an agent handles at once, per channel, in every routing profile. */
    concurrency: z
      .object({
        voice: z.literal(1),
        chat: z.number().int().min(1).max(10),
        task: z.number().int().min(1).max(10),
      })
      .strict()
      .default({ voice: 1, chat: 2, task: 3 }),
    /** Days contact records and chat transcripts are kept in S3 for analytics. */
    recordsDays: z.number().int().min(1).default(730),
    /**
     * The municipality's own wording of the hotline's fixed prompts, by prompt (defaults in
     * functions/core/hotline/prompts.ts), in either or both languages.
     */
    /** The neural voices the flows speak with (Zeina, standard Arabic, stays the fallback). */
    voices: z
      .object({ arabic: z.enum(ARABIC_NEURAL_VOICES), english: z.enum(ENGLISH_NEURAL_VOICES) })
      .strict()
      .default({ arabic: 'Zayd', english: 'Joanna' }),
    prompts: z
      .partialRecord(
        z.enum(PROMPT_KEYS),
        z
          .object({
            ar: z.string().trim().min(1, 'must not be empty').max(1000).optional(),
            en: z.string().trim().min(1, 'must not be empty').max(1000).optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const stageConfigSchema = z
  .object({
    stage: z.enum(['dev', 'prod']),
    municipality: z.object({
      name: bilingual,
      /** Shown before the digits-only reference where space allows (MCT-260001234). */
      referencePrefix: z.string().regex(/^[A-Z]{2,5}$/, 'must be 2-5 capital Latin letters such as MCT'),
    }),
    languages: z
      .array(z.enum(['ar', 'en']))
      .min(1)
      .refine((l) => l[0] === 'ar', 'must start with "ar": Nidaa is Arabic first'),
    /** Connect has no Middle East region and SES receives mail in few regions: one region per concern. */
    regions: z.object({ caseData: region, contactCenter: region, mailReceiving: region }),
    contactCenter: contactCenterSchema,
    email: z.object({
      domain: z.string().regex(domainPattern, 'must be a DNS domain such as nidaa.muscat.gov.om'),
      fromLocalPart: z.string().regex(/^[a-z0-9._-]+$/),
    }),
    /**
     * A fax-to-email gateway (docs/decisions/0047): mail from `gatewayDomains` carrying a PDF/TIFF is a
     * fax; replies to citizens who wrote by fax go as a PDF letter to `sendTo` (`{number}` = the digits).
     */
    fax: z
      .object({
        gatewayDomains: z
          .array(z.string().regex(domainPattern, 'must be DNS domains such as fax.gateway.example.om'))
          .min(1, 'must name at least one domain the gateway sends from'),
        sendTo: z
          .string()
          .regex(
            /^[a-z0-9._+-]*\{number\}[a-z0-9._+-]*@([a-z0-9-]+\.)+[a-z]{2,}$/,
            'must be an address with {number} in its local part, such as {number}@fax.gateway.example.om',
          ),
      })
      .strict()
      .optional(),
    sms: z.object({
      /** Alphanumeric sender ID registered with the Omani regulator (max 11 characters). */
      senderId: z.string().regex(/^[A-Za-z0-9]{1,11}$/, 'must be 1-11 letters or digits'),
      shortCode: z.string().regex(/^\d{3,8}$/, 'must be digits'),
      /** The municipality's vehicle-records API for `ام <plate> <code>`; without it lookups answer "unavailable". */
      vehicleLookup: z
        .object({
          baseUrl: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
          /** The SMS Lambda waits at most this long; keep well under its 10 s timeout. */
          timeoutMs: z.number().int().min(200).max(5000),
        })
        .strict()
        .optional(),
    }),
    businessCalendar: z.object({
      workingDays: z.array(z.number().int().min(0).max(6)).min(1),
      dayStart: hhmm,
      dayEnd: hhmm,
      holidays: z.array(isoDate),
    }),
    retention: z.object({
      logDays: z.number().int().positive(),
      /** How long a channel message id is remembered for de-duplication. */
      idempotencyHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30),
      reopenWindowDays: z.number().int().min(0).max(90),
    }),
    /** The public edge: CloudFront + AWS WAF in front of the API (docs/decisions/0016). */
    edge: z
      .object({
        /**
         * Requests one address may make in 5 minutes. Omani mobile carriers put many citizens behind one
         * address (carrier-grade NAT), so this is generous; the managed rules catch the abuse it lets by.
         */
        requestsPer5Minutes: z.number().int().min(100).max(100_000).default(3000),
        /** New requests and uploads (POST) one address may send in 5 minutes. */
        postsPer5Minutes: z.number().int().min(100).max(100_000).default(300),
        /**
         * New requests and uploads from the portal one address may send in 5 minutes before AWS WAF asks
         * for a CAPTCHA (below postsPer5Minutes, where it blocks); every one already passes a silent
         * browser challenge (docs/decisions/0092).
         */
        captchaAfterPostsPer5Minutes: z.number().int().min(10).max(100_000).default(30),
        /** The municipality's host name for Nidaa, with its ACM certificate (CloudFront needs it in us-east-1). */
        domain: z
          .object({
            name: z
              .string()
              .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a host name such as nidaa.muscat.gov.om'),
            certificateArn: z
              .string()
              .regex(
                /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
                'must be an ACM certificate ARN in us-east-1 (CloudFront takes certificates only from there)',
              ),
          })
          .strict()
          .optional(),
        /**
         * The version of the origin secret CloudFront sends (a Secrets Manager VersionId). Set it to the new
         * version when rotating: CloudFormation re-reads the secret only when the distribution changes.
         */
        originSecretVersion: z
          .string()
          .regex(/^[A-Za-z0-9-]{32,64}$/, 'must be a Secrets Manager VersionId')
          .optional(),
        /**
         * The staff sign-in page's prefix (<prefix>.auth.<region>.amazoncognito.com); unique per region across
         * all AWS accounts. Default nidaa-<stage>-<reference prefix>.
         */
        signInDomainPrefix: z
          .string()
          .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be lower-case letters, digits and dashes')
          .refine((p) => !p.includes('aws') && !p.includes('amazon') && !p.includes('cognito'), {
            message: 'must not contain aws, amazon or cognito (Cognito refuses them)',
          })
          .optional(),
      })
      .strict()
      .default({ requestsPer5Minutes: 3000, postsPer5Minutes: 300, captchaAfterPostsPer5Minutes: 30 }),
    /** The citizens' portal, served at / by the edge (docs/decisions/0095, 0096). */
    portal: z
      .object({
        /** Amazon Location Service map style for the pin map; `offline` keeps the bundled sketch map. */
        mapStyle: z.enum(['Standard', 'Monochrome', 'Hybrid', 'Satellite', 'offline']).default('Standard'),
        /** The Amazon Connect chat widget (Connect console, "Add chat user interface"); else hours and channels. */
        chat: z
          .object({
            widgetScriptUrl: z.url({ protocol: /^https$/ }),
            widgetId: z.string().min(1),
            snippetId: z.string().min(1),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({ mapStyle: 'Standard' }),
    /**
     * Other sites whose pages may call the citizen API from the browser (CORS): the municipality's own
     * site, exactly as browsers send it (`https://www.mm.gov.om`). The edge domain is always allowed.
     */
    cors: z
      .object({
        allowedOrigins: z
          .array(
            z
              .string()
              .regex(
                ORIGIN_PATTERN,
                'must be an origin such as https://www.mm.gov.om (scheme and host, no path or trailing slash)',
              ),
          )
          .max(20),
      })
      .strict()
      .default({ allowedOrigins: [] }),
    /**
     * The analytics store's readers: who receives the monthly report (Arabic and English PDF, the figures
     * as XLSX) on the first of each month. None (the default): the report is skipped with a log line.
     */
    analytics: z
      .object({
        reportRecipients: z
          .array(z.email('must be e-mail addresses such as performance@mm.gov.om'))
          .max(50, 'must be at most 50 addresses: use a distribution list for more')
          .refine((list) => new Set(list.map((a) => a.toLowerCase())).size === list.length, {
            message: 'must not name an address twice',
          })
          .default([]),
        /**
         * What one unit of each channel costs, for the cost-per-channel figure (the municipality's contracts).
         * Default: the illustrative list prices of functions/core/analytics/unit-prices.ts.
         */
        unitPrices: z
          .object({
            currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as OMR or USD'),
            smsSegment: unitPrice,
            emailMessage: unitPrice,
            faxMessage: unitPrice,
            voiceMinute: unitPrice,
            chatContact: unitPrice,
            taskContact: unitPrice,
          })
          .strict()
          .default(DEFAULT_UNIT_PRICES),
      })
      .strict()
      .default({ reportRecipients: [], unitPrices: DEFAULT_UNIT_PRICES }),
    /** Where the cloud team's alarms go. */
    alarmEmail: z.email().optional(),
    /** Where SLA-breach alerts for contact-center supervisors go. */
    supervisorEmail: z.email().optional(),
    /** prod: RETAIN + deletion protection on stateful resources. */
    protectData: z.boolean(),
  })
  .strict()
  .superRefine((stage, ctx) => {
    const arn = stage.contactCenter.instanceArn;
    if (arn && arn.split(':')[3] !== stage.regions.contactCenter) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactCenter', 'instanceArn'],
        message: `must be an instance in regions.contactCenter (${stage.regions.contactCenter}), where the contact-center stack deploys`,
      });
    }
  });

export type StageConfig = z.infer<typeof stageConfigSchema>;

/** A configuration error that names the key and how to fix it, so `cdk synth` stops with a useful message. */
export class StageConfigError extends Error {
  override readonly name = 'StageConfigError';
}

/** Reads stage `name` from the `stages` context object and validates it. */
export function parseStageConfig(name: string, stages: unknown): StageConfig {
  const all = z.record(z.string(), z.unknown()).safeParse(stages);
  if (!all.success) {
    throw new StageConfigError('cdk.json context "stages" must be an object of stage configurations.');
  }
  const raw = all.data[name];
  if (raw === undefined) {
    const known = Object.keys(all.data).join(', ');
    throw new StageConfigError(`Unknown stage "${name}". Pass -c stage=<one of: ${known}>.`);
  }
  const parsed = stageConfigSchema.safeParse({ stage: name, ...(raw as object) });
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map(
    (issue) => `  - stages.${name}.${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new StageConfigError(`Invalid configuration for stage "${name}" in cdk.json:\n${lines.join('\n')}`);
}

/**
 * Where staff open the case panel: `contactCenter.panelUrl`, else the municipality's edge domain. Unknown
 * before the first deployment without either (the CloudFront address is made by that deployment).
 */
export function panelUrlOf(config: StageConfig): string | undefined {
  if (config.contactCenter.panelUrl) return config.contactCenter.panelUrl;
  return config.edge.domain ? `https://${config.edge.domain.name}/panel/` : undefined;
}

/**
 * Where citizens track their requests (`<portalUrl>/track/<reference>`): the edge's domain, where the portal
 * is served. Without a domain the links would name CloudFront's generated host, which is not known at synth
 * time: messages then carry no link and name the other ways to follow a request (docs/decisions/0086).
 */
export const portalUrlOf = (config: StageConfig): string | undefined =>
  config.edge.domain ? `https://${config.edge.domain.name}` : undefined;

/** The staff sign-in page's Cognito domain prefix (see `edge.signInDomainPrefix`). */
export const signInDomainPrefixOf = (config: StageConfig) =>
  config.edge.signInDomainPrefix ??
  `nidaa-${config.stage}-${config.municipality.referencePrefix.toLowerCase()}`;
