/**
 * How every Lambda is bundled: local esbuild (never Docker), minified ESM for Node.js 24, source maps
 * without sources. Shared by NidaaFunction and the benchmark so the measured bundles are the deployed ones.
 */
export const LAMBDA_BUNDLING = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  mainFields: ['module', 'main'],
  // Some dependencies still call require(); ESM bundles need it defined.
  banner: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);",
  /**
   * The SDK is bundled (reproducible, independent of the runtime's copy) except the credential providers
   * Lambda never reaches: the default chain's first link, fromEnv, always succeeds there, and these are
   * loaded only by dynamic import() further down the chain. About 96 KB less per function
   * (bench/RESULTS.md measured it, and that the bundles still load without them).
   */
  externalModules: [
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-login',
    '@aws-sdk/nested-clients',
    '@aws-sdk/token-providers',
  ],
} as const;
