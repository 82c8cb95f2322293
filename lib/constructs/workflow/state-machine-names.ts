import { ArnFormat, type Stack } from 'aws-cdk-lib';
import { STATE_MACHINES, type StateMachineName } from '../../function-catalog.ts';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * State machines have fixed names, so functions, timers and other stacks know their ARNs without
 * depending on them (a machine depends on its functions; a dependency back would be a cycle).
 */
export function stateMachineNames(stage: string) {
  return Object.fromEntries(
    (Object.keys(STATE_MACHINES) as StateMachineName[]).map((name) => [
      name,
      `nidaa-${stage}-${kebab(name)}`,
    ]),
  ) as Record<StateMachineName, string>;
}

/** Their ARNs in `region` (regions.caseData), as seen from `stack`'s account. */
export function stateMachineArns(stack: Stack, stage: string, region: string) {
  return Object.fromEntries(
    Object.entries(stateMachineNames(stage)).map(([name, machineName]) => [
      name,
      stack.formatArn({
        service: 'states',
        region,
        resource: 'stateMachine',
        resourceName: machineName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    ]),
  ) as Record<StateMachineName, string>;
}
