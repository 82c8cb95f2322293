import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Fn } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct, type IDependable } from 'constructs';
import type { ContactFlowSpec } from '../../../contact-flows/catalog.ts';
import { customizeFlow, type FlowCustomization } from '../../../contact-flows/customize.ts';
import { PROJECT_ROOT } from '../../project-root.ts';
import { type FlowTargets, flowCreationOrder, resolveFlowContent } from './flow-content.ts';

export type ContactFlowsProps = {
  instanceArn: string;
  flows: Readonly<Record<string, ContactFlowSpec>>;
  /** Queues, Lambda functions and hours flows may name; flows are added here as they are created. */
  targets: Omit<FlowTargets, 'flow'>;
  /** What must exist before any flow is published (Lambda integrations, queues). */
  dependsOn: IDependable[];
  /** The municipality's wording of the fixed prompts and its voices (stage config `contactCenter`). */
  customization?: FlowCustomization;
};

/**
 * One AWS::Connect::ContactFlow per catalogue entry, its placeholders replaced by ARNs (docs/decisions/0032).
 * Flows are created after the flows they name, since Connect publishes a flow on creation and checks
 * every ARN in it.
 */
export class ContactFlows extends Construct {
  readonly flowArns: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: ContactFlowsProps) {
    super(scope, id);
    const files = Object.fromEntries(
      Object.entries(props.flows).map(([name, spec]) => [
        name,
        customizeFlow(readFileSync(path.join(PROJECT_ROOT, spec.file), 'utf8'), props.customization),
      ]),
    );
    const created: Record<string, connect.CfnContactFlow> = {};
    for (const name of flowCreationOrder(files)) {
      const spec = props.flows[name] as ContactFlowSpec;
      const content = resolveFlowContent(name, spec.file, files[name] as string, {
        ...props.targets,
        flow: this.flowArns,
      });
      const flow = new connect.CfnContactFlow(this, name, {
        instanceArn: props.instanceArn,
        name: `nidaa-${name}`,
        type: spec.type,
        description: spec.description,
        content,
      });
      for (const dependency of props.dependsOn) flow.node.addDependency(dependency);
      created[name] = flow;
      this.flowArns[name] = flow.attrContactFlowArn;
    }
  }

  /** A flow's id (the last part of its ARN), which StartTaskContact takes. */
  flowId(name: string): string | undefined {
    const arn = this.flowArns[name];
    return arn ? Fn.select(1, Fn.split('/contact-flow/', arn)) : undefined;
  }
}
