import { Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../../function-catalog.ts';
import { buildCatalogueFunction, type FunctionWiring } from '../shared/function-wiring.ts';

export type ConnectFunctionsProps = {
  instanceArn: string;
  /** The function catalogue; only entries with invokedByConnect are built here. */
  functions: Readonly<Record<string, FunctionSpec>>;
  wiring: FunctionWiring;
};

/**
 * The functions flows invoke, next to the instance (Connect waits at most 8 s for them): built from the
 * catalogue like the core stack's, added to the instance (AWS::Connect::IntegrationAssociation, what the
 * console's "Flows → AWS Lambda" does), and invocable only by this instance of this account.
 */
export class ConnectFunctions extends Construct {
  readonly functions: Record<string, lambda.Function> = {};

  constructor(scope: Construct, id: string, props: ConnectFunctionsProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    for (const [name, spec] of Object.entries(props.functions)) {
      if (!spec.invokedByConnect) continue;
      const { fn } = buildCatalogueFunction(this, name, spec, props.wiring);
      fn.addPermission('InvokedByConnect', {
        principal: new iam.ServicePrincipal('connect.amazonaws.com'),
        sourceAccount: account,
        sourceArn: props.instanceArn,
      });
      new connect.CfnIntegrationAssociation(this, `${name}Integration`, {
        instanceId: props.instanceArn,
        integrationType: 'LAMBDA_FUNCTION',
        integrationArn: fn.functionArn,
      });
      this.functions[name] = fn;
    }
  }

  get functionArns(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.functions).map(([name, fn]) => [name, fn.functionArn]));
  }
}
