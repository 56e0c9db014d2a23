/**
 * The one DynamoDB table and its key layout. Every item lives under a partition key `pk` and a
 * sort key `sk` (both strings); `expiresAt` (epoch seconds) is the TTL attribute. Neither
 * dynalite nor DynamoDB Local deletes expired items, so readers filter on it too.
 *
 *   pk              sk                         what
 *   B#<board>       M                          board metadata (name, created)
 *   B#<board>       S                          snapshot head: version, chunk set id, chunk count, pending count
 *   B#<board>       C#<chunkSet>#<0000>        one chunk of a compacted snapshot
 *   B#<board>       U#<time>#<rand>#<part>     one part of an appended Yjs update
 *   B#<board>       K#<connection>             a live connection on the board (right, subject)
 *   B#<board>       A#<clientID>               a client's awareness state, clock and owning connection
 *   K#<connection>  K                          connection → board index (for $default/$disconnect)
 *   K#<connection>  F#<msgId>#<0000000>        one fragment of a message being joined
 *   K#<connection>  G#<msgId>                  fragment arrival counter
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const TTL_ATTRIBUTE = 'expiresAt';

export const keys = {
  board: (boardId: string) => `B#${boardId}`,
  meta: 'M',
  head: 'S',
  chunkPrefix: (chunkSet: string) => `C#${chunkSet}#`,
  chunk: (chunkSet: string, index: number) => `C#${chunkSet}#${String(index).padStart(4, '0')}`,
  updatePrefix: 'U#',
  update: (group: string, part: number) => `U#${group}#${String(part).padStart(4, '0')}`,
  boardConnectionPrefix: 'K#',
  awarenessPrefix: 'A#',
  awareness: (clientID: number) => `A#${clientID}`,
  boardConnection: (connectionId: string) => `K#${connectionId}`,
  connection: (connectionId: string) => `K#${connectionId}`,
  connectionIndex: 'K',
  fragmentPrefix: (msgId: string) => `F#${msgId}#`,
  fragment: (msgId: string, index: number) => `F#${msgId}#${String(index).padStart(7, '0')}`,
  fragmentCounter: (msgId: string) => `G#${msgId}`,
} as const;

export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  };
}

/** A key unique without a read: time for rough order, randomness for uniqueness. */
export function uniqueSuffix(now: number): string {
  const rand = globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 16);
  return `${String(now).padStart(13, '0')}#${rand}`;
}
