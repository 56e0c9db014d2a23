/**
 * SST v2 (the CDK-based line; sst@2.49.8 pins aws-cdk-lib 2.224.0 and constructs 10.3.0, the
 * versions infra/ uses, so there is one copy of each). It deploys the same `PlanningBoard`
 * construct as the plain CDK app in infra/src/cdk-app.ts:
 *
 *   npm run build -w @binhan/web && npx sst deploy --stage prod
 *
 * SST names the CloudFormation stack `<stage>-binhan-board`; every resource name carries the stage.
 */
import type { SSTConfig } from 'sst';
import type { StackContext } from 'sst/constructs';
import { definePlanningBoard } from './infra/src/board-stack';
import { defaultWebDistPath, findRepoRoot } from './infra/src/paths';
import { APP_NAME, DEFAULT_REGION } from './infra/src/stage';

/** The SST stack function: everything lives in the shared construct. */
export function Board({ stack, app }: StackContext): void {
  const env = (name: string): string | undefined => process.env[name] || undefined;
  definePlanningBoard(stack, {
    stage: app.stage,
    webDistPath: env('BINHAN_WEB_DIST') ?? defaultWebDistPath(findRepoRoot()),
    syncTokenSecretParameterName: env('BINHAN_SYNC_TOKEN_SECRET_PARAM'),
    paramsSecretsLayerArn: env('BINHAN_PARAMS_SECRETS_LAYER_ARN'),
    alarmEmail: env('BINHAN_ALARM_EMAIL'),
    adminEmail: env('BINHAN_ADMIN_EMAIL'),
  });
}

export default {
  config(input) {
    return { name: APP_NAME, region: input.region ?? DEFAULT_REGION };
  },
  stacks(app) {
    app.stack(Board, { id: 'board' });
  },
} satisfies SSTConfig;
