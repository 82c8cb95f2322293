/**
 * On-demand list prices the cost model ASSUMES. They are not fetched: check them against
 * https://aws.amazon.com/{lambda,step-functions,dynamodb,sns}/pricing/ before quoting a number.
 */
export const PRICES = {
  asOf: `assumed valid on ${new Date().toISOString().slice(0, 10)} (the run date), not fetched live: the list prices the author knows (Lambda and Step Functions unchanged for years, DynamoDB on-demand after its November 2024 cut)`,
  region: 'us-east-1 list prices; me-central-1 (UAE) is typically ~10–20% higher',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1_000_000,
  expressPerRequest: 1.0 / 1_000_000,
  /** Standard workflows: $0.025 per 1,000 state transitions. */
  standardPerTransition: 0.025 / 1000,
  expressPerGbSecond: 0.00001667,
  /** Express bills memory in 64 MB blocks and duration in 100 ms increments. */
  expressBillingMb: 64,
  expressIncrementMs: 100,
  dynamoPerWriteUnit: 0.625 / 1_000_000,
  dynamoPerReadUnit: 0.125 / 1_000_000,
  lambdaMemoryMb: 256,
  /** SNS SMS to Oman is priced per country, per segment: a parameter, not an assumption. */
  smsPerSegmentUsd: Number(process.env.BENCH_SMS_PRICE_USD) || undefined,
} as const;

export type CostInputs = {
  /** Lambda invocations and mean billed ms (each invocation rounded up to 1 ms) per case, per function. */
  lambda: { fn: string; callsPerCase: number; billedMs: number }[];
  expressPerCase: number;
  /** Mean billed Express duration (rounded up to 100 ms per execution). */
  expressBilledMs: number;
  readUnitsPerCase: number;
  writeUnitsPerCase: number;
  gsiWriteUnitsPerCase: number;
  smsSegmentsPerCase: number;
};

export type CostLine = { item: string; perCase: string; unitPrice: string; per1000: number };

export function costPer1000(x: CostInputs): { lines: CostLine[]; total: number; smsPer1000Segments: number } {
  const gb = PRICES.lambdaMemoryMb / 1024;
  const lambdaMs = x.lambda.reduce((s, l) => s + l.callsPerCase * l.billedMs, 0);
  const lambdaCalls = x.lambda.reduce((s, l) => s + l.callsPerCase, 0);
  const lambdaGbSeconds = (lambdaMs / 1000) * gb;
  const expressGbSeconds = x.expressPerCase * (x.expressBilledMs / 1000) * (PRICES.expressBillingMb / 1024);
  const lines: CostLine[] = [
    {
      item: 'Lambda requests',
      perCase: `${lambdaCalls.toFixed(2)} invocations`,
      unitPrice: '$0.20 / 1M',
      per1000: 1000 * lambdaCalls * PRICES.lambdaPerRequest,
    },
    {
      item: `Lambda duration (arm64, ${PRICES.lambdaMemoryMb} MB)`,
      perCase: `${lambdaMs.toFixed(1)} ms = ${lambdaGbSeconds.toFixed(4)} GB-s`,
      unitPrice: '$0.0000133334 / GB-s',
      per1000: 1000 * lambdaGbSeconds * PRICES.lambdaArmPerGbSecond,
    },
    {
      item: 'Step Functions Express requests',
      perCase: `${x.expressPerCase.toFixed(2)} executions`,
      unitPrice: '$1.00 / 1M',
      per1000: 1000 * x.expressPerCase * PRICES.expressPerRequest,
    },
    {
      item: 'Step Functions Express duration (64 MB)',
      perCase: `${x.expressBilledMs.toFixed(0)} ms billed = ${expressGbSeconds.toFixed(5)} GB-s`,
      unitPrice: '$0.00001667 / GB-s',
      per1000: 1000 * expressGbSeconds * PRICES.expressPerGbSecond,
    },
    {
      item: 'DynamoDB reads (on-demand)',
      perCase: `${x.readUnitsPerCase.toFixed(1)} RRU`,
      unitPrice: '$0.125 / 1M RRU',
      per1000: 1000 * x.readUnitsPerCase * PRICES.dynamoPerReadUnit,
    },
    {
      item: 'DynamoDB writes, table (on-demand)',
      perCase: `${x.writeUnitsPerCase.toFixed(1)} WRU`,
      unitPrice: '$0.625 / 1M WRU',
      per1000: 1000 * x.writeUnitsPerCase * PRICES.dynamoPerWriteUnit,
    },
    {
      item: 'DynamoDB writes, GSIs (from item images)',
      perCase: `${x.gsiWriteUnitsPerCase.toFixed(1)} WRU`,
      unitPrice: '$0.625 / 1M WRU',
      per1000: 1000 * x.gsiWriteUnitsPerCase * PRICES.dynamoPerWriteUnit,
    },
  ];
  return {
    lines,
    total: lines.reduce((s, l) => s + l.per1000, 0),
    smsPer1000Segments: 1000 * x.smsSegmentsPerCase,
  };
}
