/**
 * The plain CDK app (`cdk.json` runs it): `npx aws-cdk deploy -c stage=prod`.
 * Context: stage (default dev), region (default ap-southeast-1), account (default from the CDK
 * CLI's credentials, else a placeholder so `synth` works offline), webDist (default web/dist),
 * syncTokenSecretParam, paramsSecretsLayerArn, alarmEmail, adminEmail.
 */
import { App, Tags } from 'aws-cdk-lib';
import { BoardStack, stackName } from './board-stack';
import type { PlanningBoardProps } from './planning-board';
import { defaultWebDistPath, findRepoRoot } from './paths';
import { APP_NAME, DEFAULT_REGION, PLACEHOLDER_ACCOUNT } from './stage';

export function createCdkApp(
  app: App = new App(),
  overrides: Partial<PlanningBoardProps> = {},
): { app: App; stack: BoardStack } {
  const ctx = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const stage = ctx('stage') ?? 'dev';
  const region = ctx('region') ?? process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION;
  const account = ctx('account') ?? process.env.CDK_DEFAULT_ACCOUNT ?? PLACEHOLDER_ACCOUNT;
  const rootDir = findRepoRoot();
  const stack = new BoardStack(app, stackName(stage), {
    env: { account, region },
    board: {
      stage,
      webDistPath: ctx('webDist') ?? defaultWebDistPath(rootDir),
      ...(ctx('syncTokenSecretParam') ? { syncTokenSecretParameterName: ctx('syncTokenSecretParam') } : {}),
      ...(ctx('paramsSecretsLayerArn') ? { paramsSecretsLayerArn: ctx('paramsSecretsLayerArn') } : {}),
      ...(ctx('alarmEmail') ? { alarmEmail: ctx('alarmEmail') } : {}),
      ...(ctx('adminEmail') ? { adminEmail: ctx('adminEmail') } : {}),
      ...overrides,
    },
  });
  Tags.of(stack).add('app', APP_NAME);
  Tags.of(stack).add('stage', stage);
  return { app, stack };
}

const isMain = process.argv[1] !== undefined && /cdk-app\.[cm]?[jt]s$/.test(process.argv[1]);
if (isMain) {
  createCdkApp().app.synth();
}
