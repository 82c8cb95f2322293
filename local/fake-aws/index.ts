import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JournaledMap } from '../journal.ts';
import type { Outbox } from '../outbox.ts';
import type { LocalScheduler } from '../scheduler.ts';
import type { LocalWorkflows } from '../workflows.ts';
import { type LocalAthena, serveAthena } from './athena.ts';
import { serveConnect } from './connect.ts';
import { type LocalDeliveryStreams, serveFirehose } from './firehose.ts';
import { serveLambda } from './lambda.ts';
import { type LocalRegions, refuse, wrongRegion } from './region-guard.ts';
import { json } from './respond.ts';
import { type FakeS3, serveS3 } from './s3.ts';
import { serveScheduler } from './scheduler.ts';
import { serveSecretsManager } from './secrets-manager.ts';
import { serveSns } from './sns.ts';
import { serveStepFunctions } from './step-functions.ts';

export { answerMalformed, MalformedJsonError } from './malformed.ts';
export { FakeS3 } from './s3.ts';

/**
 * Stand-ins for the AWS APIs that have no local emulator. Handlers reach them through the SDK's own
 * endpoint settings (AWS_ENDPOINT_URL_SNS, …_SFN, …_SCHEDULER, …_CONNECT, …_S3, …_LAMBDA,
 * …_FIREHOSE, …_ATHENA), so the code that runs is
 * the code Lambda runs: the same clients, commands and wire protocols. Only the calls Nidaa makes exist.
 */
export type FakeAwsDeps = {
  outbox: Outbox;
  workflows: LocalWorkflows;
  scheduler: LocalScheduler;
  s3: FakeS3;
  now: () => Date;
  regions: LocalRegions;
  /** Connect's ClientTokens → the task each opened, kept across restarts as Connect keeps them. */
  connectTasks: JournaledMap;
  /** The analytics delivery streams (Firehose), writing to the local lake. */
  analytics: LocalDeliveryStreams;
  /** Athena's workgroup and database over the local lake (DuckDB). */
  athena: LocalAthena;
};

/**
 * Refuses a call signed for a region where the resource it names does not live, as AWS answers it there
 * (region-guard.ts). Connect: in a region without Connect the SDK finds no endpoint at all; in one with
 * Connect but not the instance, ResourceNotFoundException, which stands for both here.
 */
function refusedAway(
  service: string,
  url: string,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
  d: LocalRegions,
) {
  const { caseData, contactCenter } = d.regions;
  if (service === 's3') {
    const bucket = decodeURIComponent(url.split(/[/?]/)[3] ?? '');
    const role = d.buckets[bucket];
    const home = role ? d.regions[role] : undefined;
    if (!home || !wrongRegion(req, home, raw)) return false;
    refuse.s3(res, bucket, home);
    return true;
  }
  const home = service === 'connect' ? contactCenter : caseData;
  const away = wrongRegion(req, home);
  if (!away) return false;
  const target = String(req.headers['x-amz-target'] ?? '');
  if (service === 'connect')
    refuse.restJson(res, 404, 'ResourceNotFoundException', `Instance not found in ${away}; it is in ${home}`);
  else if (service === 'sns')
    new URLSearchParams(raw).has('TopicArn')
      ? refuse.query(res, 404, 'NotFound', 'Topic does not exist')
      : refuse.query(
          res,
          400,
          'InvalidParameter',
          `Invalid parameter: no SMS origination identity in ${away}`,
        );
  else if (service === 'sfn')
    refuse.json(
      res,
      target.includes('SendTask') ? 'TaskDoesNotExist' : 'StateMachineDoesNotExist',
      `Does not exist in ${away}`,
    );
  else if (service === 'scheduler')
    refuse.restJson(res, 404, 'ResourceNotFoundException', 'Schedule group does not exist.');
  else if (service === 'secretsmanager')
    refuse.json(res, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  else if (service === 'athena')
    refuse.json(res, 'InvalidRequestException', `WorkGroup is not found in ${away}.`);
  else if (service === 'lambda')
    refuse.restJson(res, 404, 'ResourceNotFoundException', `Function not found in ${away}`);
  else if (service === 'firehose')
    refuse.json(res, 'ResourceNotFoundException', 'Firehose not found under account 000000000000.');
  else return false;
  return true;
}

/** Serves `/_aws/<service>/…` (`raw`: the request body, already read and capped); false for other paths. */
export async function handleFakeAws(
  req: IncomingMessage,
  res: ServerResponse,
  deps: FakeAwsDeps,
  raw: Buffer,
): Promise<boolean> {
  const url = req.url ?? '';
  if (!url.startsWith('/_aws/')) return false;
  const service = url.split('/')[2] ?? '';
  if (refusedAway(service, url, req, res, raw.toString('utf8'), deps.regions)) return true;
  // S3 carries bytes (raw MIME); the JSON and Query protocols carry UTF-8 text.
  if (service === 's3') await serveS3(req, raw, res, deps.s3);
  else if (service === 'sns') serveSns(raw.toString('utf8'), res, deps.outbox, deps.now());
  else if (service === 'sfn')
    await serveStepFunctions(
      String(req.headers['x-amz-target']),
      raw.toString('utf8'),
      res,
      deps.workflows,
      deps.now,
    );
  else if (service === 'scheduler') serveScheduler(req, raw.toString('utf8'), res, deps.scheduler);
  else if (service === 'secretsmanager')
    serveSecretsManager(String(req.headers['x-amz-target']), raw.toString('utf8'), res);
  else if (service === 'lambda')
    await serveLambda(url, raw.toString('utf8'), res, String(req.headers['x-amz-invocation-type'] ?? ''));
  else if (service === 'firehose')
    serveFirehose(String(req.headers['x-amz-target']), raw.toString('utf8'), res, deps.analytics);
  else if (service === 'athena')
    serveAthena(String(req.headers['x-amz-target']), raw.toString('utf8'), res, deps.athena);
  else if (service === 'connect')
    serveConnect(req, raw.toString('utf8'), res, deps.outbox, deps.now(), deps.connectTasks);
  else json(res, 404, { message: `No local stand-in for ${url}` });
  return true;
}
