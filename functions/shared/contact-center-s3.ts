import { S3Client } from '@aws-sdk/client-s3';
import { contactCenterRegion } from '#adapters/resource-regions.ts';
import { once } from './container.ts';
import { PLATFORM_ENV } from './env.ts';

/**
 * The S3 client for the buckets next to the Connect instance (regions.contactCenter): chat transcripts,
 * recordings and their analysis, contact records. Local mode points S3 at its stand-in
 * (AWS_ENDPOINT_URL_S3), which serves path-style URLs. Made on first use: the region comes from the
 * environment, which tests set after importing a handler.
 */
export const contactCenterS3 = once(
  () =>
    new S3Client({ forcePathStyle: Boolean(process.env[PLATFORM_ENV.s3Endpoint]), ...contactCenterRegion() }),
);
