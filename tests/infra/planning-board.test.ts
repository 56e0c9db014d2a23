/**
 * Synthesises the plain CDK app offline (stages dev and prod, once each) and checks the
 * template: table, functions, routes, CloudFront, IAM, logs, alarms, names and config.json.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandlers } from '../../infra/src/bundle';
import { createCdkApp } from '../../infra/src/cdk-app';
import { findRepoRoot } from '../../infra/src/paths';
import { BoardStack } from '../../infra/src/board-stack';
import { DEFAULT_PARAMS_SECRETS_LAYER_ARN, PLACEHOLDER_ACCOUNT } from '../../infra/src/stage';
import { TABLE_ACTIONS } from '../../infra/src/planning-board';

type Json = Record<string, unknown>;
interface Synth {
  template: Template;
  json: { Resources: Record<string, { Type: string; Properties?: Json; DeletionPolicy?: string }>; Outputs?: Json };
  outdir: string;
  stackName: string;
}

const rootDir = findRepoRoot();
const work = join(rootDir, 'infra', '.build', `test-synth-${process.pid}`);
let webDist: string;
let bundles: { ws: string; http: string };
const stages: Record<'dev' | 'prod', Synth> = {} as Record<'dev' | 'prod', Synth>;

function synth(stage: string, extra: Json = {}): Synth {
  const outdir = mkdtempSync(join(tmpdir(), `binhan-cdk-${stage}-`));
  const app = new App({ outdir, context: { stage, webDist: webDist, ...extra } });
  const { stack } = createCdkApp(app, { functionBundles: bundles });
  const template = Template.fromStack(stack);
  return { template, json: template.toJSON() as Synth['json'], outdir, stackName: stack.stackName };
}

function resourcesOf(s: Synth, type: string): Array<[string, Json]> {
  return Object.entries(s.json.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}

function logicalIdWhere(s: Synth, type: string, pred: (p: Json) => boolean): string {
  const found = resourcesOf(s, type).filter(([, p]) => pred(p));
  expect(found, `one ${type}`).toHaveLength(1);
  return found[0]![0];
}

function fnId(s: Synth, name: 'ws' | 'http', stage: string): string {
  return logicalIdWhere(s, 'AWS::Lambda::Function', (p) => p.FunctionName === `binhan-${stage}-${name}`);
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Sid?: string;
  Condition?: Json;
}

/** Every statement of every identity policy: AWS::IAM::Policy documents and inline role policies. */
function allStatements(s: Synth): Array<{ owner: string; statement: Statement }> {
  const out: Array<{ owner: string; statement: Statement }> = [];
  for (const [id, p] of resourcesOf(s, 'AWS::IAM::Policy')) {
    for (const st of (p.PolicyDocument as { Statement: Statement[] }).Statement) out.push({ owner: id, statement: st });
  }
  for (const [id, p] of resourcesOf(s, 'AWS::IAM::Role')) {
    for (const pol of (p.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }> | undefined) ?? []) {
      for (const st of pol.PolicyDocument.Statement) out.push({ owner: id, statement: st });
    }
  }
  return out;
}

const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

beforeAll(() => {
  mkdirSync(work, { recursive: true });
  webDist = join(work, 'web-dist');
  mkdirSync(join(webDist, 'assets'), { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Bình An</title><script src="/assets/app.js"></script>');
  writeFileSync(join(webDist, 'assets', 'app.js'), 'fetch("/config.json")');
  const b = bundleHandlers({ rootDir, outDir: join(work, 'bundles') });
  bundles = { ws: b.ws.dir, http: b.http.dir };
  stages.dev = synth('dev');
  stages.prod = synth('prod');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  for (const s of Object.values(stages)) rmSync(s.outdir, { recursive: true, force: true });
});

describe.each(['dev', 'prod'] as const)('stage %s', (stage) => {
  const s = () => stages[stage];
  const prod = stage === 'prod';

  it('names the stack and every named resource after the stage', () => {
    expect(s().stackName).toBe(`binhan-${stage}`);
    const named: Array<[string, string]> = [
      ['AWS::DynamoDB::Table', 'TableName'],
      ['AWS::Lambda::Function', 'FunctionName'],
      ['AWS::ApiGatewayV2::Api', 'Name'],
      ['AWS::Logs::LogGroup', 'LogGroupName'],
      ['AWS::CloudWatch::Alarm', 'AlarmName'],
      ['AWS::SNS::Topic', 'TopicName'],
      ['AWS::CloudFront::Function', 'Name'],
    ];
    let count = 0;
    for (const [type, key] of named) {
      for (const [, p] of resourcesOf(s(), type)) {
        if (p[key] === undefined) continue; // CDK's own helpers (bucket deployment) are unnamed
        expect(String(p[key])).toContain(`binhan-${stage}`);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(14);
  });

  it('has one on-demand table with pk/sk, point-in-time recovery, TTL on expiresAt and stage-dependent protection', () => {
    s().template.resourceCountIs('AWS::DynamoDB::Table', 1);
    s().template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: `binhan-${stage}-board`,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      DeletionProtectionEnabled: prod,
      GlobalSecondaryIndexes: Match.absent(),
    });
    s().template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: prod ? 'Retain' : 'Delete' });
  });

  it('runs both handlers on Node 22, arm64, from the esbuild bundles, with table, secret and extension', () => {
    const tableId = logicalIdWhere(s(), 'AWS::DynamoDB::Table', () => true);
    for (const name of ['ws', 'http'] as const) {
      s().template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `binhan-${stage}-${name}`,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Layers: [DEFAULT_PARAMS_SECRETS_LAYER_ARN],
        LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp(`${name === 'ws' ? 'Ws' : 'Http'}FunctionLogs`) } },
        Environment: {
          Variables: Match.objectLike({
            TABLE_NAME: { Ref: tableId },
            SYNC_TOKEN_SECRET_PARAM: `/binhan/${stage}/sync-token-secret`,
            PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
          }),
        },
      });
    }
    // The functions' roles are ours: no AWSLambdaBasicExecutionRole (its log actions are on "*").
    for (const name of ['ws', 'http'] as const) {
      const fn = s().json.Resources[fnId(s(), name, stage)]!.Properties!;
      const roleId = (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(s().json.Resources[roleId]!.Properties!.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('routes $connect, $disconnect and $default of the WebSocket API to the ws function, stage "sync"', () => {
    const wsFn = fnId(s(), 'ws', stage);
    const wsApi = logicalIdWhere(s(), 'AWS::ApiGatewayV2::Api', (p) => p.ProtocolType === 'WEBSOCKET');
    const routes = resourcesOf(s(), 'AWS::ApiGatewayV2::Route').filter(([, p]) => (p.ApiId as Json).Ref === wsApi);
    expect(routes.map(([, p]) => p.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect']);
    for (const [, route] of routes) {
      const target = JSON.stringify(route.Target);
      const integrationId = /"Ref":"([^"]+)"/.exec(target)![1]!;
      const integration = s().json.Resources[integrationId]!;
      expect(integration.Type).toBe('AWS::ApiGatewayV2::Integration');
      expect(integration.Properties!.IntegrationType).toBe('AWS_PROXY');
      expect(JSON.stringify(integration.Properties!.IntegrationUri)).toContain(`"${wsFn}"`);
    }
    s().template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: wsApi },
      StageName: 'sync',
      AutoDeploy: true,
    });
    // API Gateway may invoke the ws function, and only it, for those routes and the authorizer.
    const perms = resourcesOf(s(), 'AWS::Lambda::Permission').filter(([, p]) => JSON.stringify(p.SourceArn).includes(wsApi));
    expect(perms).toHaveLength(4);
    for (const [, p] of perms) expect(JSON.stringify(p.FunctionName)).toContain(wsFn);
  });

  it('checks the token once, at $connect, with the ws function as a REQUEST authorizer on the query\'s token', () => {
    const wsFn = fnId(s(), 'ws', stage);
    const wsApi = logicalIdWhere(s(), 'AWS::ApiGatewayV2::Api', (p) => p.ProtocolType === 'WEBSOCKET');
    const authorizers = resourcesOf(s(), 'AWS::ApiGatewayV2::Authorizer').filter(([, p]) => (p.ApiId as Json).Ref === wsApi);
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    expect(authorizer.AuthorizerType).toBe('REQUEST');
    expect(authorizer.IdentitySource).toEqual(['route.request.querystring.token']);
    expect(JSON.stringify(authorizer.AuthorizerUri)).toContain(`"${wsFn}"`);
    // Only $connect has it (API Gateway allows no other); the others carry its context.
    const routes = resourcesOf(s(), 'AWS::ApiGatewayV2::Route').filter(([, p]) => (p.ApiId as Json).Ref === wsApi);
    const byKey = Object.fromEntries(routes.map(([, p]) => [p.RouteKey, p]));
    expect(byKey.$connect).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
    expect(byKey.$default!.AuthorizationType ?? 'NONE').toBe('NONE');
    expect(byKey.$disconnect!.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('routes /api/{proxy+} of the HTTP API to the Hono function with payload format 2.0', () => {
    const httpFn = fnId(s(), 'http', stage);
    const httpApi = logicalIdWhere(s(), 'AWS::ApiGatewayV2::Api', (p) => p.ProtocolType === 'HTTP');
    const routes = resourcesOf(s(), 'AWS::ApiGatewayV2::Route').filter(([, p]) => (p.ApiId as Json).Ref === httpApi);
    expect(routes.map(([, p]) => p.RouteKey)).toEqual(['ANY /api/{proxy+}']);
    const integrationId = /"Ref":"([^"]+)"/.exec(JSON.stringify(routes[0]![1].Target))![1]!;
    const integration = s().json.Resources[integrationId]!.Properties!;
    expect(integration.PayloadFormatVersion).toBe('2.0');
    expect(JSON.stringify(integration.IntegrationUri)).toContain(`"${httpFn}"`);
    s().template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { ApiId: { Ref: httpApi }, StageName: '$default', AutoDeploy: true });
  });

  it('serves the web app from a private bucket through CloudFront, with /api/* on the same origin', () => {
    const httpApi = logicalIdWhere(s(), 'AWS::ApiGatewayV2::Api', (p) => p.ProtocolType === 'HTTP');
    const [[, dist]] = resourcesOf(s(), 'AWS::CloudFront::Distribution') as [[string, Json]];
    const config = dist.DistributionConfig as {
      DefaultRootObject: string;
      Origins: Array<{ Id: string; DomainName: unknown; S3OriginConfig?: Json; OriginAccessControlId?: unknown; CustomOriginConfig?: Json }>;
      DefaultCacheBehavior: { TargetOriginId: string; ViewerProtocolPolicy: string; FunctionAssociations: unknown[] };
      CacheBehaviors: Array<{ PathPattern: string; TargetOriginId: string; AllowedMethods: string[]; CachePolicyId: string; OriginRequestPolicyId: string }>;
    };
    expect(config.DefaultRootObject).toBe('index.html');
    const s3Origin = config.Origins.find((o) => o.S3OriginConfig);
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
    expect(JSON.stringify(s3Origin?.DomainName)).toContain('WebBucket');
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(s3Origin!.Id);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(config.CacheBehaviors).toHaveLength(1);
    const api = config.CacheBehaviors[0]!;
    expect(api.PathPattern).toBe('/api/*');
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']));
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
    const apiOrigin = config.Origins.find((o) => o.Id === api.TargetOriginId)!;
    expect(apiOrigin.CustomOriginConfig?.OriginProtocolPolicy).toBe('https-only');
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(httpApi);
    s().template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    s().template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
    s().template.hasResource('AWS::S3::Bucket', { DeletionPolicy: prod ? 'Retain' : 'Delete' });
  });

  it('writes config.json with the stage\'s HTTP and WebSocket URLs into the bucket deployment', () => {
    const wsApi = logicalIdWhere(s(), 'AWS::ApiGatewayV2::Api', (p) => p.ProtocolType === 'WEBSOCKET');
    const distId = logicalIdWhere(s(), 'AWS::CloudFront::Distribution', () => true);
    const [[, deployment]] = resourcesOf(s(), 'Custom::CDKBucketDeployment') as [[string, Json]];
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    expect(deployment.Prune).toBe(true);
    expect(deployment.DistributionPaths).toEqual(['/*']);
    const markers = JSON.stringify(deployment.SourceMarkers);
    expect(markers).toContain(distId);
    expect(markers).toContain(wsApi);
    // The staged file itself, with the deploy-time markers filled in as the custom resource does.
    const configFile = findFile(s().outdir, 'config.json');
    const markerValues = (deployment.SourceMarkers as Array<Record<string, unknown>>)[1]!;
    let text = readFileSync(configFile, 'utf8');
    for (const [marker, value] of Object.entries(markerValues)) text = text.replaceAll(marker, fakeResolve(value));
    const content = JSON.parse(text) as Json;
    expect(content).toEqual({
      httpUrl: `https://{${distId}.DomainName}`,
      wsUrl: `wss://{${wsApi}}.execute-api.{AWS::Region}.{AWS::URLSuffix}`,
      stage,
    });
  });

  it('gives no data action a "*" resource, and each function only its table, secret and (ws) its own API', () => {
    const statements = allStatements(s());
    expect(statements.length).toBeGreaterThan(0);
    for (const { owner, statement } of statements) {
      const actions = asArray(statement.Action);
      const resources = asArray(statement.Resource);
      const data = actions.filter((a) => /^(dynamodb|execute-api|ssm|kms):/i.test(a));
      if (data.length > 0) {
        expect(resources, `${owner} ${data.join(',')}`).not.toContain('*');
        for (const r of resources) expect(JSON.stringify(r)).not.toMatch(/^"?\*"?$/);
      }
      expect(actions.some((a) => a === '*' || /^(dynamodb|execute-api|ssm):\*$/.test(a)), owner).toBe(false);
      expect(actions).not.toContain('dynamodb:Scan');
    }
    const tableId = logicalIdWhere(s(), 'AWS::DynamoDB::Table', () => true);
    const wsApi = logicalIdWhere(s(), 'AWS::ApiGatewayV2::Api', (p) => p.ProtocolType === 'WEBSOCKET');
    for (const name of ['ws', 'http'] as const) {
      const fn = s().json.Resources[fnId(s(), name, stage)]!.Properties!;
      const roleId = (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const mine = statements
        .filter(({ owner }) => JSON.stringify(s().json.Resources[owner]!.Properties!.Roles ?? []).includes(roleId))
        .map(({ statement }) => statement);
      const bySid = Object.fromEntries(mine.map((st) => [st.Sid, st]));
      expect(Object.keys(bySid).sort()).toEqual(
        ['BoardTable', 'OwnLogGroup', 'OwnWebSocketConnections', 'SyncTokenSecret'],
      );
      expect(asArray(bySid.BoardTable!.Action).sort()).toEqual([...TABLE_ACTIONS].sort());
      expect(bySid.BoardTable!.Resource).toEqual({ 'Fn::GetAtt': [tableId, 'Arn'] });
      expect(bySid.SyncTokenSecret!.Action).toBe('ssm:GetParameter');
      expect(JSON.stringify(bySid.SyncTokenSecret!.Resource)).toContain(
        `:ssm:ap-southeast-1:${PLACEHOLDER_ACCOUNT}:parameter/binhan/${stage}/sync-token-secret"`,
      );
      {
        // ws posts and drops; http closes the sockets of revoked links and members
        const conn = bySid.OwnWebSocketConnections!;
        expect(conn.Action).toBe('execute-api:ManageConnections');
        const res = asArray(conn.Resource).map((r) => JSON.stringify(r));
        expect(res).toHaveLength(2);
        expect(res[0]).toContain(`{"Ref":"${wsApi}"},"/sync/POST/@connections/*"`);
        expect(res[1]).toContain(`{"Ref":"${wsApi}"},"/sync/DELETE/@connections/*"`);
      }
    }
  });

  it('tells the HTTP function where to close revoked sockets and which web origin links point at', () => {
    const env = s().json.Resources[fnId(s(), 'http', stage)]!.Properties!.Environment as { Variables: Record<string, unknown> };
    const wsApi = logicalIdWhere(s(), 'AWS::ApiGatewayV2::Api', (p) => p.ProtocolType === 'WEBSOCKET');
    expect(JSON.stringify(env.Variables.WS_MANAGEMENT_ENDPOINT)).toContain(`{"Ref":"${wsApi}"}`);
    expect(JSON.stringify(env.Variables.WS_MANAGEMENT_ENDPOINT)).toContain('/sync');
    expect(JSON.stringify(env.Variables.PUBLIC_URL)).toMatch(/https:\/\/.*DomainName/);
  });

  it('keeps the handlers\' logs for a set time', () => {
    for (const name of ['ws', 'http']) {
      s().template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/lambda/binhan-${stage}-${name}`,
        RetentionInDays: prod ? 90 : 14,
      });
    }
    for (const [, p] of resourcesOf(s(), 'AWS::Logs::LogGroup')) expect(p.RetentionInDays).toBeGreaterThan(0);
  });

  it('alarms on errors and throttles of each function and on table throttles, to an SNS topic', () => {
    const topic = logicalIdWhere(s(), 'AWS::SNS::Topic', () => true);
    for (const name of ['ws', 'http'] as const) {
      const fn = fnId(s(), name, stage);
      for (const metric of ['Errors', 'Throttles']) {
        s().template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmName: `binhan-${stage}-${name}-${metric.toLowerCase()}`,
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
          Statistic: 'Sum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [{ Ref: topic }],
        });
      }
    }
    s().template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `binhan-${stage}-table-throttles`,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'reads + writes' })]),
    });
    s().template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
  });

  it('outputs the URLs, table and secret parameter', () => {
    expect(Object.keys(s().json.Outputs ?? {})).toEqual(
      expect.arrayContaining(['WebUrl', 'HttpUrl', 'WsUrl', 'HttpApiUrl', 'TableName', 'SyncTokenSecretParam', 'AlarmTopicArn']),
    );
  });
});

describe('options', () => {
  it('grants kms:Decrypt through SSM only on a customer-managed key when one is given, and takes another layer ARN', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'binhan-cdk-kms-')) });
    const keyArn = 'arn:aws:kms:ap-southeast-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const layer = 'arn:aws:lambda:ap-southeast-1:044395824272:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:99';
    const stack = new BoardStack(app, 'binhan-qa', {
      env: { account: PLACEHOLDER_ACCOUNT, region: 'ap-southeast-1' },
      board: { stage: 'qa', webDistPath: webDist, functionBundles: bundles, syncTokenSecretKmsKeyArn: keyArn, paramsSecretsLayerArn: layer },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'binhan-qa-ws', Layers: [layer] });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'SyncTokenSecretKey',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: keyArn,
            Condition: { StringEquals: { 'kms:ViaService': 'ssm.ap-southeast-1.amazonaws.com' } },
          },
        ]),
      },
    });
    t.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });

  it('refuses a missing web build and a stage name that cannot go into resource names', () => {
    expect(
      () =>
        new BoardStack(new App(), 'x', {
          env: { account: PLACEHOLDER_ACCOUNT, region: 'ap-southeast-1' },
          board: { stage: 'dev', webDistPath: join(work, 'nope'), functionBundles: bundles },
        }),
    ).toThrow(/No index.html/);
    expect(
      () =>
        new BoardStack(new App(), 'y', {
          env: { account: PLACEHOLDER_ACCOUNT, region: 'ap-southeast-1' },
          board: { stage: 'Prod_1', webDistPath: webDist, functionBundles: bundles },
        }),
    ).toThrow(/Stage "Prod_1"/);
  });
});

function findFile(dir: string, name: string): string {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      try {
        return findFile(path, name);
      } catch {
        continue;
      }
    } else if (entry === name) {
      return path;
    }
  }
  throw new Error(`${name} not found under ${dir}`);
}

/** Resolves Ref / Fn::GetAtt / Fn::Join to readable placeholders: `{Id}` and `{Id.Attr}`. */
function fakeResolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref) return `{${v.Ref}}`;
  if (v['Fn::GetAtt']) return `{${v['Fn::GetAtt'][0]}.${v['Fn::GetAtt'][1]}}`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(fakeResolve).join(v['Fn::Join'][0]);
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}
