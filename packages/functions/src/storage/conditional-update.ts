/**
 * One conditional UpdateItem, the way every store of the one table writes under a condition
 * (single-item conditional writes only: DESIGN.md, storage rules).
 */
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, type Table } from './dynamo';

/**
 * Applies `update` if its ConditionExpression holds: the attributes `ReturnValues` asks for
 * (`{}` when it asks for none), or null when the condition failed and nothing was written.
 * Any other error is thrown.
 */
export async function updateIf(table: Table, update: Omit<UpdateCommandInput, 'TableName'> & { ConditionExpression: string }): Promise<Record<string, unknown> | null> {
  try {
    const out = await table.doc.send(new UpdateCommand({ TableName: table.name, ...update }));
    return out.Attributes ?? {};
  } catch (error) {
    if (isConditionalCheckFailed(error)) return null;
    throw error;
  }
}
