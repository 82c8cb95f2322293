// aws-local-stepfunctions 3 targets Node 22; Node 20 lacks Promise.withResolvers (docs/decisions/0001).
import '../functions/shared/node20-polyfills.ts';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import { expect } from 'vitest';

expect.extend(allCustomMatcher);

// Tests never reach AWS: fake credentials and a fixed region make any accidental real call fail fast.
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.AWS_REGION ??= 'me-south-1';
process.env.TZ = 'UTC';
// Handlers log every batch at INFO; tests print warnings and errors only (as local mode does).
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
