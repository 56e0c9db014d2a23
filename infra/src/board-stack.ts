/**
 * One definition, two deployers: `definePlanningBoard` puts the construct and its outputs into
 * any CDK stack. SST v2's stack function calls it with SST's stack (an aws-cdk-lib Stack
 * subclass); the plain CDK app calls it from `BoardStack`.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PlanningBoard, type PlanningBoardProps } from './planning-board';
import { namePrefix } from './stage';

export function definePlanningBoard(stack: Stack, props: PlanningBoardProps): PlanningBoard {
  const board = new PlanningBoard(stack, 'PlanningBoard', props);
  const outputs: Record<string, [string, string]> = {
    WebUrl: [board.webUrl, 'The web app; the HTTP API is under /api/* on the same origin'],
    HttpUrl: [board.httpUrl, 'httpUrl in config.json'],
    WsUrl: [board.wsUrl, 'wsUrl in config.json; clients connect to <wsUrl>/sync?board=…&token=…'],
    HttpApiUrl: [board.httpApi.apiEndpoint, 'The HTTP API without CloudFront'],
    TableName: [board.table.tableName, 'The DynamoDB table'],
    SyncTokenSecretParam: [board.syncTokenSecretParameterName, 'SSM SecureString to create before first use'],
    AlarmTopicArn: [board.alarmTopic.topicArn, 'Subscribe to receive alarms'],
  };
  for (const [id, [value, description]] of Object.entries(outputs)) {
    new CfnOutput(stack, id, { value, description });
  }
  return board;
}

export interface BoardStackProps extends StackProps {
  readonly board: PlanningBoardProps;
}

/** The stack of the plain CDK app: `binhan-<stage>`. */
export class BoardStack extends Stack {
  readonly board: PlanningBoard;

  constructor(scope: Construct, id: string, props: BoardStackProps) {
    super(scope, id, {
      description: `Bình An planning board (${props.board.stage})`,
      ...props,
    });
    this.board = definePlanningBoard(this, props.board);
  }
}

export function stackName(stage: string): string {
  return namePrefix(stage);
}
