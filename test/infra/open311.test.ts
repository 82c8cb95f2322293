import { beforeAll, describe, expect, it } from 'vitest';
import { CORS_ALLOWED_HEADERS, corsOriginsOf } from '../../lib/config/cors.ts';
import { parseStageConfig } from '../../lib/config/stage-config.ts';
import { BROWSER_CREATE_PATHS } from '../../lib/constructs/edge/citizen-web-acl.ts';
import { FUNCTIONS, ROUTES, routeKey } from '../../lib/function-catalog.ts';
import { cdkStages, stageConfig, synthStage } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
let dev: ReturnType<typeof synthStage>;

beforeAll(() => {
  dev = synthStage('dev');
});

const routesOf = (template: ReturnType<typeof synthStage>['core']) =>
  Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];

describe('Open311 and API-key routes in the HTTP API', () => {
  it('serves every Open311 route from its own function behind the edge authorizer', () => {
    const open311 = ROUTES.filter((r) => r.path.startsWith('/open311/'));
    expect(open311.map(routeKey)).toEqual([
      'GET /open311/{document}',
      'GET /open311/v2/{document}',
      'POST /open311/v2/{document}',
      'GET /open311/v2/services/{document}',
      'GET /open311/v2/requests/{document}',
      'GET /open311/v2/tokens/{document}',
    ]);
    const routes = routesOf(dev.core);
    for (const route of open311) {
      const found = routes.find((r) => r.Properties.RouteKey === routeKey(route));
      expect(found?.Properties.AuthorizationType, routeKey(route)).toBe('CUSTOM');
      expect(JSON.stringify(found?.Properties.Target)).toContain('open311ApiIntegration');
    }
  });

  it('puts the administrators’ key routes behind the staff JWT authorizer', () => {
    const routes = routesOf(dev.core);
    for (const key of [
      'POST /v1/admin/api-keys',
      'GET /v1/admin/api-keys',
      'DELETE /v1/admin/api-keys/{id}',
    ]) {
      const found = routes.find((r) => r.Properties.RouteKey === key);
      expect(found?.Properties.AuthorizationType, key).toBe('JWT');
    }
  });

  it('deploys the Open311 function with the case table, intake and the attachments bucket', () => {
    const fn = (Object.values(dev.core.findResources('AWS::Lambda::Function')) as Resource[]).find(
      (f) => f.Properties.Description === FUNCTIONS.open311Api.description,
    );
    expect(fn?.Properties.MemorySize).toBe(512);
    const env = JSON.stringify(fn?.Properties.Environment);
    for (const name of ['TABLE_NAME', 'CASE_INTAKE_ARN', 'ATTACHMENTS_BUCKET']) expect(env).toContain(name);
    // Without the municipality's domain, discovery names the host the client reached.
    expect(env).toContain('"OPEN311_BASE_URL":""');
  });

  it('names the municipality’s domain in discovery when the stage has one', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-4333-8444-555555555555';
    const withDomain = synthStage('dev', (c) => ({
      ...c,
      edge: { ...c.edge, domain: { name: 'nidaa.muscat.gov.om', certificateArn } },
    }));
    const fn = (Object.values(withDomain.core.findResources('AWS::Lambda::Function')) as Resource[]).find(
      (f) => f.Properties.Description === FUNCTIONS.open311Api.description,
    );
    expect(JSON.stringify(fn?.Properties.Environment)).toContain(
      '"OPEN311_BASE_URL":"https://nidaa.muscat.gov.om"',
    );
    // The edge domain may call the API from a browser too.
    const api = Object.values(withDomain.core.findResources('AWS::ApiGatewayV2::Api'))[0] as Resource;
    expect((api.Properties.CorsConfiguration as { AllowOrigins: string[] }).AllowOrigins).toContain(
      'https://nidaa.muscat.gov.om',
    );
  });
});

describe('CORS in the HTTP API', () => {
  it('answers only the configured origins, never a wildcard, and never lets a page send a staff token', () => {
    const api = Object.values(dev.core.findResources('AWS::ApiGatewayV2::Api'))[0] as Resource;
    const cors = api.Properties.CorsConfiguration as Record<string, unknown>;
    expect(cors.AllowOrigins).toEqual(corsOriginsOf(stageConfig('dev')));
    expect(cors.AllowOrigins).toEqual(['https://www.mm.gov.om', 'http://localhost:5173']);
    expect(cors.AllowMethods).toEqual(['GET', 'POST']);
    expect(cors.AllowHeaders).toEqual([...CORS_ALLOWED_HEADERS]);
    expect(cors.AllowHeaders).not.toContain('authorization');
    expect(cors.AllowCredentials).toBeUndefined();
  });

  it('is absent when a stage lists no origin and has no domain', () => {
    const none = synthStage('dev', (c) => ({ ...c, cors: { allowedOrigins: [] } }));
    const api = Object.values(none.core.findResources('AWS::ApiGatewayV2::Api'))[0] as Resource;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('refuses origins that are not exact origins', () => {
    for (const bad of [
      '*',
      'https://www.mm.gov.om/',
      'https://www.mm.gov.om/portal',
      'http://www.mm.gov.om',
      'www.mm.gov.om',
    ]) {
      const stages = cdkStages();
      const dev = { ...(stages.dev as object), cors: { allowedOrigins: [bad] } };
      expect(() => parseStageConfig('dev', { ...stages, dev }), bad).toThrow(/cors\.allowedOrigins/);
    }
  });
});

describe('AWS WAF on the portal’s creates', () => {
  type Rule = { Name: string; Priority: number; Action: unknown; Statement: Record<string, unknown> };
  const rules = () =>
    (Object.values(dev.edge.findResources('AWS::WAFv2::WebACL'))[0] as Resource).Properties.Rules as Rule[];

  it('challenges every POST that creates a case or an upload form, and nothing else', () => {
    const challenge = rules().find((r) => r.Name === 'CitizenCreatesChallenge');
    expect(challenge?.Action).toEqual({ Challenge: {} });
    const statement = JSON.stringify(challenge?.Statement);
    const searched = [...statement.matchAll(/"SearchString":"([^"]+)"/g)].map((m) => m[1]);
    expect(searched.sort()).toEqual([...BROWSER_CREATE_PATHS, 'POST'].sort());
    expect(statement).toContain('"PositionalConstraint":"EXACTLY"');
    // Apps on Open311 cannot run the challenge: their API keys are rate limited instead.
    expect(statement).not.toContain('open311');
  });

  it('asks for a CAPTCHA from an address that creates many, before blocking it', () => {
    const config = stageConfig('dev');
    const captcha = rules().find((r) => r.Name === 'CitizenCreatesCaptcha');
    expect(captcha?.Action).toEqual({ Captcha: {} });
    expect(captcha?.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
      Limit: config.edge.captchaAfterPostsPer5Minutes,
    });
    expect(config.edge.captchaAfterPostsPer5Minutes).toBeLessThan(config.edge.postsPer5Minutes);
    const priority = (name: string) => rules().find((r) => r.Name === name)?.Priority ?? -1;
    expect(priority('CitizenPostsPerAddress')).toBeLessThan(priority('CitizenCreatesCaptcha'));
    expect(priority('CitizenCreatesCaptcha')).toBeLessThan(priority('CitizenCreatesChallenge'));
    const acl = (Object.values(dev.edge.findResources('AWS::WAFv2::WebACL'))[0] as Resource).Properties;
    expect(acl.ChallengeConfig).toEqual({ ImmunityTimeProperty: { ImmunityTime: 900 } });
    expect(acl.CaptchaConfig).toEqual({ ImmunityTimeProperty: { ImmunityTime: 1800 } });
  });

  it('caches the catalogue per calling origin, so one site’s CORS answer never reaches another', () => {
    const policies = Object.values(dev.edge.findResources('AWS::CloudFront::CachePolicy')) as Resource[];
    const catalogue = policies.find((p) => JSON.stringify(p).includes('categories and procedures'));
    expect(JSON.stringify(catalogue?.Properties)).toContain('"Headers":["Origin"]');
  });
});
