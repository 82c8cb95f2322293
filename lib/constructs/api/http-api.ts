import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpJwtAuthorizer,
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../../functions/core/auth/origin.ts';
import { type FunctionName, ROUTES } from '../../function-catalog.ts';
import { encryptedLogGroup } from '../shared/nidaa-function.ts';
import type { AgentDirectory } from './agent-directory.ts';

export type HttpApiProps = {
  key: kms.IKey;
  logRetentionDays: number;
  functions: Record<FunctionName, lambda.IFunction>;
  directory: AgentDirectory;
};

/**
 * The HTTP API. Routes come from ROUTES (the table local mode serves too); agent routes need a JWT
 * from the Cognito user pool; citizen routes take only requests forwarded by CloudFront, which carries
 * the WAF (docs/decisions/0016). The stage is throttled as a last line.
 */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const accessLogs = encryptedLogGroup(this, 'AccessLogs', props.key, props.logRetentionDays);
    this.api = new apigw.HttpApi(this, 'Http', {
      createDefaultStage: false,
      description: 'Nidaa citizen and agent API',
    });
    this.api.addStage('Live', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
    });
    const authorizer = new HttpJwtAuthorizer('AgentJwt', props.directory.issuerUrl, {
      jwtAudience: [props.directory.panelClientId],
    });
    // Cached per header value: the authorizer runs about once per 5 minutes per edge, not per request.
    const throughEdge = new HttpLambdaAuthorizer('CitizenOrigin', props.functions.originVerify, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      resultsCacheTtl: Duration.minutes(5),
    });
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${route.function}Integration`,
          props.functions[route.function],
        );
        integrations.set(route.function, integration);
      }
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        // A signed route's function checks the partner's signature itself, wherever the call comes from.
        ...(route.auth === 'signed' ? {} : { authorizer: route.auth === 'agent' ? authorizer : throughEdge }),
      });
      if (route.auth === 'signed' && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason:
            'Partner webhook: the aggregator cannot get a Cognito token; the function refuses any request without a valid, fresh, unreplayed HMAC-SHA256 signature (docs/decisions/0041).',
        });
      }
    }
  }

  get url() {
    return this.api.apiEndpoint;
  }

  /** The execute-api host name, which CloudFront forwards to. */
  get domainName() {
    const stack = Stack.of(this);
    return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }
}
