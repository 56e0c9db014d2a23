/**
 * SST v2 path, offline: SST loads sst.config.ts its own way (esbuild bundle at the repo root),
 * builds its App and stacks, and synthesises. The credential lookup of `sst build` is skipped by
 * giving the account; NODE_ENV=test (set by vitest) skips SST's bootstrap lookup.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sstConfig from '../../sst.config';
import { findRepoRoot } from '../../infra/src/paths';

const rootDir = findRepoRoot();
const work = mkdtempSync(join(tmpdir(), 'binhan-sst-'));
let template: Template;
let stackNames: string[];

beforeAll(async () => {
  expect(process.env.NODE_ENV).toBe('test');
  const webDist = join(work, 'web-dist');
  mkdirSync(webDist, { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Bình An</title>');
  process.env.BINHAN_WEB_DIST = webDist;
  const { initProject, useProject } = await import('sst/project.js');
  await initProject({ stage: 'prod', root: rootDir } as Parameters<typeof initProject>[0]);
  const project = useProject();
  const { Stacks } = await import('sst/stacks/index.js');
  const { App } = await import('sst/constructs');
  const [, loaded] = await Stacks.load(project.paths.config);
  const app = new App(
    { account: '123456789012', stage: project.config.stage, name: project.config.name, region: project.config.region, mode: 'deploy' },
    { outdir: join(work, 'out') },
  );
  await loaded.stacks(app);
  await app.finish();
  const assembly = app.synth();
  stackNames = assembly.stacks.map((s) => s.stackName);
  template = Template.fromJSON(assembly.stacks[0]!.template as Record<string, unknown>);
}, 120_000);

afterAll(() => {
  delete process.env.BINHAN_WEB_DIST;
  rmSync(work, { recursive: true, force: true });
});

describe('sst.config.ts', () => {
  it('names the app binhan in ap-southeast-1 by default', async () => {
    expect(await sstConfig.config({} as Parameters<typeof sstConfig.config>[0])).toEqual({ name: 'binhan', region: 'ap-southeast-1' });
  });

  it('synthesises one stack per stage through SST v2, named after the stage', () => {
    expect(stackNames).toEqual(['prod-binhan-board']);
  });

  it('deploys the same PlanningBoard construct with production settings', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'binhan-prod-board',
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    for (const name of ['ws', 'http']) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `binhan-prod-${name}`,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
      });
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 4);
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    const outputs = Object.keys((template.toJSON() as { Outputs: Record<string, unknown> }).Outputs);
    expect(outputs).toEqual(expect.arrayContaining(['WebUrl', 'HttpUrl', 'WsUrl', 'TableName']));
  });

  it('adds no data permission on "*" (SST adds only its own metadata handler)', () => {
    const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    for (const [id, r] of Object.entries(json.Resources)) {
      if (r.Type !== 'AWS::IAM::Policy') continue;
      for (const st of (r.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement) {
        const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
        if (actions.some((a) => /^(dynamodb|execute-api|ssm|kms):/.test(a))) {
          expect(JSON.stringify(st.Resource), id).not.toBe('"*"');
        }
      }
    }
  });
});
