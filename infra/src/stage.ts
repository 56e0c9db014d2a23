/** Stage rules shared by the SST stack, the plain CDK app and the tests. */
import { Fact, FactName } from 'aws-cdk-lib/region-info';

export const APP_NAME = 'binhan';
export const DEFAULT_REGION = 'ap-southeast-1';
/** Used for offline synthesis only; a real deploy takes the account from the credentials. */
export const PLACEHOLDER_ACCOUNT = '123456789012';

/**
 * AWS Parameters and Secrets Lambda Extension 1.0.103, arm64, in ap-southeast-1 (the ARN
 * aws-cdk-lib 2.224.0 records for that version and region). Override with the
 * `paramsSecretsLayerArn` context value / prop when AWS publishes a newer layer version.
 */
export const DEFAULT_PARAMS_SECRETS_LAYER_ARN =
  'arn:aws:lambda:ap-southeast-1:044395824272:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:4';

const PRODUCTION_STAGES = new Set(['prod', 'production']);

export function isProductionStage(stage: string): boolean {
  return PRODUCTION_STAGES.has(stage);
}

/** Stage names end up in resource names (Lambda ≤ 64 chars, tables, log groups, alarms). */
export function assertStageName(stage: string): void {
  if (!/^[a-z][a-z0-9-]{0,22}$/.test(stage)) {
    throw new Error(`Stage "${stage}" must be 1-23 characters: lowercase letters, digits and dashes, starting with a letter.`);
  }
}

/** `binhan-<stage>`: the prefix of every named resource. */
export function namePrefix(stage: string): string {
  assertStageName(stage);
  return `${APP_NAME}-${stage}`;
}

/** Where the sync token signing secret lives (an SSM SecureString you create once per stage). */
export function defaultSyncTokenSecretParameterName(stage: string): string {
  return `/${APP_NAME}/${stage}/sync-token-secret`;
}

/** The extension layer ARN for a region: ap-southeast-1's by default, others from aws-cdk-lib's facts. */
export function paramsSecretsLayerArnFor(region: string): string {
  if (region === DEFAULT_REGION) return DEFAULT_PARAMS_SECRETS_LAYER_ARN;
  const arn = Fact.find(region, FactName.paramsAndSecretsLambdaLayer('1.0.103', 'arm64'));
  if (!arn) {
    throw new Error(`No known Parameters and Secrets extension layer for ${region}: pass paramsSecretsLayerArn.`);
  }
  return arn;
}
