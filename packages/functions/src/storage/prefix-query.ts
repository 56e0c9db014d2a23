/** Reading the items of one partition whose sort keys start alike (a board's members, links, awareness states, …). */
import { queryAll, type Item, type Table } from './dynamo';

/** Every item under partition `pk` whose sort key begins with `prefix`, read consistently, all pages. */
export function queryPrefix(table: Table, pk: string, prefix: string): Promise<Item[]> {
  return queryAll(table, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });
}
