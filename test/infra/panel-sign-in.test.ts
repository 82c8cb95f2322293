import { beforeAll, describe, expect, it } from 'vitest';
import { synthStage } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

let firstDeploy: ReturnType<typeof synthStage>;
let withPanelUrl: ReturnType<typeof synthStage>;

const onlyOf = (template: ReturnType<typeof synthStage>['core'], type: string) => {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
};

/** The edge stack's UpdateUserPoolClient call on create, as the custom resource's parameters. */
function updateOnCreate(template: ReturnType<typeof synthStage>['edge']) {
  // The edge also reads values CloudFormation does not return (the map key, the WAF's integration URL).
  const calls = (Object.values(template.findResources('Custom::AWS')) as Resource[]).filter((r) =>
    JSON.stringify(r.Properties.Create).includes('updateUserPoolClient'),
  );
  expect(calls).toHaveLength(1);
  // `Create` is a JSON string joined with references: resolve the references to markers and parse it.
  const create = calls[0]?.Properties.Create as { 'Fn::Join': [string, unknown[]] };
  const text = create['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replaceAll('"', "'")}>`))
    .join('');
  return JSON.parse(text) as {
    service: string;
    action: string;
    region: string;
    parameters: Record<string, unknown>;
  };
}

beforeAll(() => {
  // dev configures neither contactCenter.panelUrl nor edge.domain: the first deploy of a new municipality.
  firstDeploy = synthStage('dev');
  withPanelUrl = synthStage('dev', (c) => ({
    ...c,
    contactCenter: { ...c.contactCenter, panelUrl: 'https://nidaa.muscat.example.om/panel/' },
  }));
});

describe('staff sign-in on the first deploy (no panelUrl, no edge domain)', () => {
  it('never registers CDK’s https://example.com nor the implicit flow', () => {
    const [, client] = onlyOf(firstDeploy.core, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({ AllowedOAuthFlowsUserPoolClient: false });
    expect(client.Properties.CallbackURLs).toBeUndefined();
    for (const template of [firstDeploy.core, firstDeploy.edge, withPanelUrl.core]) {
      const text = JSON.stringify(template.toJSON());
      expect(text).not.toContain('https://example.com');
      expect(text).not.toContain('implicit');
    }
  });

  it('points the client at the new distribution’s /panel/, with the code flow, in the user pool’s region', () => {
    const call = updateOnCreate(firstDeploy.edge);
    const [distributionId] = onlyOf(firstDeploy.edge, 'AWS::CloudFront::Distribution');
    expect(call).toMatchObject({
      service: 'CognitoIdentityServiceProvider',
      action: 'updateUserPoolClient',
      region: 'me-central-1',
      parameters: {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
      },
    });
    const panelUrl = `https://<{'Fn::GetAtt':['${distributionId}','DomainName']}>/panel/`;
    expect(call.parameters.CallbackURLs).toEqual([panelUrl]);
    expect(call.parameters.LogoutURLs).toEqual([panelUrl]);
  });

  it('restates every setting of the client CloudFormation made (UpdateUserPoolClient resets the rest)', () => {
    const [, client] = onlyOf(firstDeploy.core, 'AWS::Cognito::UserPoolClient');
    const { parameters } = updateOnCreate(firstDeploy.edge);
    for (const [name, value] of Object.entries(client.Properties)) {
      if (name === 'UserPoolId' || name === 'AllowedOAuthFlowsUserPoolClient') continue;
      expect(parameters[name], name).toEqual(value);
    }
    expect(Object.keys(parameters)).toEqual(expect.arrayContaining(['UserPoolId', 'ClientId']));
  });

  it('may update only that user pool’s clients', () => {
    const policies = Object.values(firstDeploy.edge.findResources('AWS::IAM::Policy')) as Resource[];
    const statements = policies.flatMap(
      (p) =>
        (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
    );
    const cognito = statements.filter((s) => JSON.stringify(s.Action).includes('cognito-idp'));
    expect(cognito).toHaveLength(1);
    expect(cognito[0]?.Action).toBe('cognito-idp:UpdateUserPoolClient');
    expect(JSON.stringify(cognito[0]?.Resource)).not.toContain('*');
  });
});

describe('staff sign-in with the panel’s address configured', () => {
  it('is set up by the core stack alone', () => {
    const [, client] = onlyOf(withPanelUrl.core, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['https://nidaa.muscat.example.om/panel/'],
    });
    const registrations = Object.values(withPanelUrl.edge.findResources('Custom::AWS')).filter((r) =>
      JSON.stringify(r).includes('updateUserPoolClient'),
    );
    expect(registrations).toEqual([]);
  });

  it('keeps the configured URL when the edge stack’s registration goes away (it undoes nothing)', () => {
    // Deploying again with panelUrl removes the edge's custom resource after the core stack set the URL.
    const [call] = (Object.values(firstDeploy.edge.findResources('Custom::AWS')) as Resource[]).filter((r) =>
      JSON.stringify(r.Properties.Create).includes('updateUserPoolClient'),
    );
    expect(call?.Properties.Delete).toBeUndefined();
  });
});
