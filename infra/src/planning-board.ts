/**
 * The whole product on AWS as one construct: the DynamoDB table, the two Lambda handlers, the
 * WebSocket and HTTP APIs, the web app on S3 behind CloudFront (with `/api/*` on the same
 * origin), least-privilege roles, log groups with retention, and alarms. Both the SST v2 stack
 * (`sst.config.ts`) and the plain CDK app (`infra/src/cdk-app.ts`) build exactly this.
 */
import { ArnFormat, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENV } from '@binhan/functions/src/config/env-names';
import { bundleHandlers, type HandlerName } from './bundle';
import {
  defaultSyncTokenSecretParameterName,
  isProductionStage,
  namePrefix,
  paramsSecretsLayerArnFor,
} from './stage';

/** The API Gateway WebSocket stage. Named `sync` so clients connect to `<wsUrl>/sync?board=…`, as locally. */
export const WS_STAGE_NAME = 'sync';
/** What the Hono app serves; CloudFront sends this path pattern to the HTTP API. */
export const API_PATH_PATTERN = '/api/*';
/** The DynamoDB actions the handlers use, and nothing else (no Scan, no wildcard). */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:BatchWriteItem',
] as const;

export interface PlanningBoardProps {
  /** Deployment stage (`dev`, `prod`, a branch name…): part of every resource name. */
  readonly stage: string;
  /** Production settings (deletion protection, retained data, longer logs). Default: stage is `prod`/`production`. */
  readonly production?: boolean;
  /** Folder with the built web app (holds index.html): normally `web/dist`. */
  readonly webDistPath: string;
  /**
   * Folders that each hold a bundled `index.mjs` for the handlers. Default: bundled now with
   * esbuild into `infra/.build/<name>/` (see bundle.ts).
   */
  readonly functionBundles?: Record<HandlerName, string>;
  /** SSM SecureString holding the sync token signing secret. Default `/binhan/<stage>/sync-token-secret`. */
  readonly syncTokenSecretParameterName?: string;
  /**
   * A customer-managed KMS key that encrypts the SecureString. Default: none, the parameter uses
   * the AWS managed `alias/aws/ssm` key, whose key policy already lets principals of the account
   * decrypt through SSM, so no kms:Decrypt statement is needed (or granted).
   */
  readonly syncTokenSecretKmsKeyArn?: string;
  /** AWS Parameters and Secrets Lambda Extension layer (arm64). Default: the one for the stack's region. */
  readonly paramsSecretsLayerArn?: string;
  /** Log retention of the handlers. Default three months in production, two weeks elsewhere. */
  readonly logRetention?: logs.RetentionDays;
  /** E-mail address subscribed to the alarm topic. Default: none (subscribe later). */
  readonly alarmEmail?: string;
  /**
   * The administrator the HTTP function creates at cold start if missing. Its password is the
   * SSM SecureString `adminPasswordParameterName` (default `/binhan/<stage>/admin-password`).
   */
  readonly adminEmail?: string;
  readonly adminPasswordParameterName?: string;
}

interface HandlerSpec {
  name: HandlerName;
  id: string;
  description: string;
  memorySize: number;
  timeout: Duration;
}

const HANDLERS: HandlerSpec[] = [
  {
    name: 'ws',
    id: 'WsFunction',
    description: 'WebSocket API: $connect, $disconnect, $default (y-websocket over DynamoDB)',
    memorySize: 512,
    // A $default message fans out to every connection of the board; API Gateway waits at most 29 s.
    timeout: Duration.seconds(29),
  },
  {
    name: 'http',
    id: 'HttpFunction',
    description: 'HTTP API: Hono app under /api/*',
    memorySize: 512,
    timeout: Duration.seconds(15),
  },
];

export class PlanningBoard extends Construct {
  readonly stage: string;
  readonly production: boolean;
  readonly prefix: string;
  readonly table: dynamodb.Table;
  readonly functions: Record<HandlerName, lambda.Function>;
  readonly logGroups: Record<HandlerName, logs.LogGroup>;
  readonly webSocketApi: apigwv2.WebSocketApi;
  readonly webSocketStage: apigwv2.WebSocketStage;
  readonly httpApi: apigwv2.HttpApi;
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** `https://<distribution>`: the web app, and the HTTP API under `/api/*`. */
  readonly webUrl: string;
  /** Base URL for HTTP calls, written to config.json (the same origin as the web app). */
  readonly httpUrl: string;
  /** WebSocket origin, written to config.json; clients connect to `<wsUrl>/sync?board=…&token=…`. */
  readonly wsUrl: string;
  readonly syncTokenSecretParameterName: string;

  constructor(scope: Construct, id: string, props: PlanningBoardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.stage = props.stage;
    this.prefix = namePrefix(props.stage);
    this.production = props.production ?? isProductionStage(props.stage);
    const removalPolicy = this.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.syncTokenSecretParameterName =
      props.syncTokenSecretParameterName ?? defaultSyncTokenSecretParameterName(props.stage);

    if (!existsSync(join(props.webDistPath, 'index.html'))) {
      throw new Error(`No index.html in ${props.webDistPath}: build the web app first (npm run build -w @binhan/web).`);
    }

    // ---- Data -------------------------------------------------------------------------------
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: `${this.prefix}-board`,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Connection records, fragments and counters carry `expiresAt` (epoch seconds).
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: this.production,
      removalPolicy,
    });

    // ---- Functions --------------------------------------------------------------------------
    const bundles = props.functionBundles ?? bundleDirs();
    const layerArn = props.paramsSecretsLayerArn ?? paramsSecretsLayerArnFor(stack.region);
    const paramsAndSecrets = lambda.ParamsAndSecretsLayerVersion.fromVersionArn(layerArn, {
      cacheEnabled: true,
      httpPort: 2773,
      parameterStoreTtl: Duration.minutes(5),
      logLevel: lambda.ParamsAndSecretsLogLevel.WARN,
    });
    const parameterArn = stack.formatArn({
      service: 'ssm',
      resource: 'parameter',
      // SSM parameter ARNs drop the leading slash of hierarchical names.
      resourceName: this.syncTokenSecretParameterName.replace(/^\//, ''),
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const retention =
      props.logRetention ?? (this.production ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.TWO_WEEKS);

    const functions = {} as Record<HandlerName, lambda.Function>;
    const logGroups = {} as Record<HandlerName, logs.LogGroup>;
    for (const spec of HANDLERS) {
      const functionName = `${this.prefix}-${spec.name}`;
      const logGroup = new logs.LogGroup(this, `${spec.id}Logs`, {
        logGroupName: `/aws/lambda/${functionName}`,
        retention,
        removalPolicy,
      });
      // Our own role instead of AWSLambdaBasicExecutionRole, whose log actions are on "*".
      const role = new iam.Role(this, `${spec.id}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `${functionName}: its log group, its table, its secret${spec.name === 'ws' ? ', its WebSocket API' : ''}`,
      });
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'OwnLogGroup',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'BoardTable',
          actions: [...TABLE_ACTIONS],
          resources: [this.table.tableArn],
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'SyncTokenSecret',
          actions: ['ssm:GetParameter'],
          resources: [parameterArn],
        }),
      );
      if (props.syncTokenSecretKmsKeyArn) {
        role.addToPolicy(
          new iam.PolicyStatement({
            sid: 'SyncTokenSecretKey',
            actions: ['kms:Decrypt'],
            resources: [props.syncTokenSecretKmsKeyArn],
            conditions: { StringEquals: { 'kms:ViaService': `ssm.${stack.region}.amazonaws.com` } },
          }),
        );
      }
      functions[spec.name] = new lambda.Function(this, spec.id, {
        functionName,
        description: `${spec.description} [${this.stage}]`,
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(bundles[spec.name]),
        memorySize: spec.memorySize,
        timeout: spec.timeout,
        role,
        logGroup,
        paramsAndSecrets,
        environment: {
          [ENV.tableName]: this.table.tableName,
          [ENV.syncTokenSecretParam]: this.syncTokenSecretParameterName,
          [ENV.stage]: this.stage,
        },
      });
      logGroups[spec.name] = logGroup;
    }
    this.functions = functions;
    this.logGroups = logGroups;

    // ---- WebSocket API ----------------------------------------------------------------------
    const wsFunction = functions.ws;
    this.webSocketApi = new apigwv2.WebSocketApi(this, 'WebSocketApi', {
      apiName: `${this.prefix}-ws`,
      description: `Bình An planning board sync (${this.stage})`,
      routeSelectionExpression: '$request.body.action',
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('ConnectIntegration', wsFunction),
        // The token is checked once, by the ws function as the route's REQUEST authorizer
        // (ws/routes/authorize.ts); API Gateway hands the identity it returns to every later
        // event of the connection, so a message needs no connection read.
        authorizer: new WebSocketLambdaAuthorizer('ConnectAuthorizer', wsFunction, {
          authorizerName: `${this.prefix}-ws-connect`,
          identitySource: ['route.request.querystring.token'],
        }),
      },
      disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('DisconnectIntegration', wsFunction) },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('DefaultIntegration', wsFunction) },
    });
    this.webSocketStage = new apigwv2.WebSocketStage(this, 'WebSocketStage', {
      webSocketApi: this.webSocketApi,
      stageName: WS_STAGE_NAME,
      autoDeploy: true,
      throttle: { rateLimit: 500, burstLimit: 1000 },
    });
    // Post to and drop connections of this API's stage only.
    const connectionsArn = (method: 'POST' | 'DELETE') =>
      stack.formatArn({
        service: 'execute-api',
        resource: this.webSocketApi.apiId,
        resourceName: `${WS_STAGE_NAME}/${method}/@connections/*`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    // The ws function posts to and drops connections; the HTTP function closes the sockets of a
    // revoked link or member (issue 5), on the same API and stage only.
    for (const fn of [wsFunction, functions.http]) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'OwnWebSocketConnections',
          actions: ['execute-api:ManageConnections'],
          resources: [connectionsArn('POST'), connectionsArn('DELETE')],
        }),
      );
    }
    functions.http.addEnvironment(
      ENV.managementEndpoint,
      `https://${this.webSocketApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}/${WS_STAGE_NAME}`,
    );
    if (props.adminEmail) {
      const adminPasswordParam = props.adminPasswordParameterName ?? `/binhan/${this.stage}/admin-password`;
      functions.http.addEnvironment(ENV.adminEmail, props.adminEmail);
      functions.http.addEnvironment(ENV.adminPasswordParam, adminPasswordParam);
      functions.http.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'AdminPassword',
          actions: ['ssm:GetParameter'],
          resources: [
            stack.formatArn({
              service: 'ssm',
              resource: 'parameter',
              resourceName: adminPasswordParam.replace(/^\//, ''),
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          ],
        }),
      );
    }

    // ---- HTTP API ---------------------------------------------------------------------------
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `${this.prefix}-http`,
      description: `Bình An planning board HTTP API (${this.stage})`,
      createDefaultStage: false,
    });
    this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
    });
    this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigwv2.HttpMethod.ANY],
      integration: new HttpLambdaIntegration('HonoIntegration', functions.http, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      }),
    });
    const httpApiDomain = `${this.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;

    // ---- Web app: S3 + CloudFront, /api/* on the same origin --------------------------------
    this.bucket = new s3.Bucket(this, 'WebBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy,
      autoDeleteObjects: !this.production,
    });
    // Client-side routes (/board/…, /dashboard, read-only links) serve index.html; files keep their path.
    // Only on the S3 behaviour, so API 404s stay API 404s.
    const spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      functionName: `${this.prefix}-spa-rewrite`,
      comment: 'Paths without a file extension serve /index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (r.uri.indexOf('.') === -1) { r.uri = '/index.html'; } return r; }",
      ),
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${this.prefix} web app and API`,
      defaultRootObject: 'index.html',
      // 200 includes the Asian edge locations the users are near; nothing is billed at rest.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: new origins.HttpOrigin(httpApiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // API Gateway needs its own Host header; everything else (query, auth, body) goes through.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });

    this.webUrl = `https://${this.distribution.distributionDomainName}`;
    // Share and invite links point at the web app (CloudFront hides the viewer's Host from the API).
    functions.http.addEnvironment(ENV.publicUrl, this.webUrl);
    this.httpUrl = this.webUrl;
    this.wsUrl = `wss://${this.webSocketApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;

    // The same build serves every stage: the URLs come from /config.json, written at deploy time.
    new s3deploy.BucketDeployment(this, 'WebDeployment', {
      destinationBucket: this.bucket,
      sources: [
        s3deploy.Source.asset(props.webDistPath),
        s3deploy.Source.jsonData('config.json', { httpUrl: this.httpUrl, wsUrl: this.wsUrl, stage: this.stage }),
      ],
      prune: true,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      logGroup: new logs.LogGroup(this, 'WebDeploymentLogs', {
        retention: logs.RetentionDays.ONE_WEEK,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });

    // ---- Alarms -----------------------------------------------------------------------------
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { topicName: `${this.prefix}-alarms` });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new snsSubscriptions.EmailSubscription(props.alarmEmail));
    }
    const alarmAction = new cwActions.SnsAction(this.alarmTopic);
    const period = Duration.minutes(5);
    for (const spec of HANDLERS) {
      const fn = functions[spec.name];
      const metrics: Array<[string, cloudwatch.IMetric]> = [
        ['errors', fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM })],
        ['throttles', fn.metricThrottles({ period, statistic: cloudwatch.Stats.SUM })],
      ];
      for (const [what, metric] of metrics) {
        this.alarms.push(
          new cloudwatch.Alarm(this, `${spec.id}${what === 'errors' ? 'Errors' : 'Throttles'}Alarm`, {
            alarmName: `${this.prefix}-${spec.name}-${what}`,
            alarmDescription: `${fn.functionName ?? spec.name}: any ${what} in 5 minutes`,
            metric,
            threshold: 1,
            evaluationPeriods: 1,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          }),
        );
      }
    }
    this.alarms.push(
      new cloudwatch.Alarm(this, 'TableThrottlesAlarm', {
        alarmName: `${this.prefix}-table-throttles`,
        alarmDescription: 'DynamoDB read or write throttle events in 5 minutes',
        metric: new cloudwatch.MathExpression({
          expression: 'reads + writes',
          label: 'Throttle events',
          period,
          usingMetrics: {
            reads: this.table.metric('ReadThrottleEvents', { period, statistic: cloudwatch.Stats.SUM }),
            writes: this.table.metric('WriteThrottleEvents', { period, statistic: cloudwatch.Stats.SUM }),
          },
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    for (const alarm of this.alarms) alarm.addAlarmAction(alarmAction);
  }
}

function bundleDirs(): Record<HandlerName, string> {
  const bundles = bundleHandlers();
  return { ws: bundles.ws.dir, http: bundles.http.dir };
}
