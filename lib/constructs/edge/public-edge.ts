import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../../functions/core/auth/origin.ts';

export type PublicEdgeProps = {
  /** The API's execute-api host name. */
  apiDomainName: string;
  /** The secret header value CloudFront adds to every request to the API (a dynamic reference). */
  originSecret: string;
  webAclArn: string;
  logRetentionDays: number;
  removalPolicy: RemovalPolicy;
  /** The municipality's own name for it, with an ACM certificate in us-east-1. */
  domain?: { name: string; certificateArn: string };
  /**
   * A static site as the default behaviour (the citizens' portal, docs/decisions/0095); the API then
   * answers only under `apiPaths` (e.g. `/v1`), each as `<path>/*`. Without it, everything goes to the API.
   */
  site?: { defaultBehavior: cloudfront.BehaviorOptions; apiPaths: readonly string[] };
};

/**
 * CloudFront in front of the API: the one public address of Nidaa, where AWS WAF filters citizens'
 * requests. Nothing is cached except the catalogue and the service procedures, which change rarely and are
 * read by every portal and app visit.
 */
export class PublicEdge extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: PublicEdgeProps) {
    super(scope, id);
    const api = new origins.HttpOrigin(props.apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret },
    });
    const toApi = {
      origin: api,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      // API Gateway routes on its own host name: forward everything else the viewer sent.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
    } satisfies Partial<cloudfront.BehaviorOptions>;
    const catalogue = new cloudfront.CachePolicy(this, 'Catalogue', {
      comment: 'Nidaa categories and procedures: shared by every visitor, fresh within five minutes',
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.minutes(5),
      minTtl: Duration.seconds(0),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      // The API's CORS headers name the calling origin: one cached copy per origin (docs/decisions/0094).
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Origin'),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const uncachedApi = {
      ...toApi,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
    } satisfies cloudfront.BehaviorOptions;
    const cachedRead = {
      ...toApi,
      // OPTIONS reaches API Gateway, which answers CORS preflights; only GET and HEAD are cached.
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: catalogue,
    } satisfies cloudfront.BehaviorOptions;

    // Legacy standard logs need a bucket that accepts the log delivery's object ACLs.
    const logs = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-edge-logs', expiration: Duration.days(props.logRetentionDays) }],
      removalPolicy: props.removalPolicy,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'This bucket receives the CloudFront access logs; logging it into itself would loop, and into another bucket would only move the finding.',
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Nidaa public edge: citizen and agent API behind AWS WAF',
      defaultBehavior: props.site?.defaultBehavior ?? uncachedApi,
      additionalBehaviors: {
        '/v1/categories': cachedRead,
        '/v1/procedures*': cachedRead,
        ...Object.fromEntries((props.site?.apiPaths ?? []).map((p) => [`${p}/*`, uncachedApi])),
      },
      webAclId: props.webAclArn,
      // Price class 200 includes the Middle East edge locations that serve Oman, without the costliest ones.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions::AwsSolutions-CFR1',
      reason:
        'No geo restriction: citizens abroad, expatriate property owners and travellers use the municipality’s services; AWS WAF filters by reputation and rate instead.',
    });
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason:
          'Without a custom domain (config edge.domain) CloudFront serves its default certificate, whose minimum TLS version cannot be set; set edge.domain for production.',
      });
    }
  }

  get url() {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
