/**
 * The one DynamoDB table and its key layout. Every item lives under a partition key `pk` and a
 * sort key `sk` (both strings); `expiresAt` (epoch seconds) is the TTL attribute. Neither
 * dynalite nor DynamoDB Local deletes expired items, so readers filter on it too.
 *
 *   pk              sk                         what
 *   B#<board>       M                          board metadata (name, created)
 *   B#<board>       S                          snapshot head: version, chunk set id, chunk count
 *   B#<board>       C#<chunkSet>#<0000>        one chunk of a compacted snapshot
 *   B#<board>       U#<time>#<rand>#<part>     one part of an appended Yjs update
 *   B#<board>       K#<connection>             a live connection on the board (right, subject)
 *   B#<board>       A#<clientID>               a client's awareness state, clock and owning connection
 *   B#<board>       L#<time>#<rand>#<i>        audit: one change of the board (newest first = descending sk); no TTL
 *   B#<board>       LC#<card>#<time>#<rand>#<i> audit: the same change in the card's own log (card id URI-encoded)
 *   K#<connection>  K                          connection → board index (for $default/$disconnect)
 *   K#<connection>  F#<msgId>#<0000000>        one fragment of a message being joined
 *   K#<connection>  G#<msgId>                  fragment arrival counter
 *
 * Access (issue 5 part A: accounts, sessions, memberships, share links, revocations, throttles):
 *   BOARDS          B#<board>                  board registry: title, archived (list/rename/archive)
 *   B#<board>       MEMBER#<userId>            a member's role on the board (authoritative)
 *   B#<board>       LINK#<linkId>              a read-only share link: label, expiry, revokedAt
 *   USER#<userId>   PROFILE                    account: email, name, status, password hash, global admin
 *   USER#<userId>   BOARD#<board>              the user's boards (index of MEMBER# items)
 *   EMAIL#<email>   EMAIL                      email (lower case) → user id; unique by conditional put
 *   INVITE#<sha256> INVITE                     one-time invite token (hashed) → user id; TTL 7 days
 *   SESSION#<sha256> SESSION                   a sign-in session (cookie value hashed); TTL
 *   REVOKED#<jti>   REVOKED                    a revoked token id (share link or sync token); TTL past its expiry
 *   REVOKED#SUBJECT#<sub> B#<board>            tokens of <sub> on <board> issued before `before` are void
 *   THROTTLE#<kind>#<sha256> W#<window>        failed sign-ins in a 15-minute window (ADD); TTL
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
  auditPrefix: 'L#',
  /** `suffix` from uniqueSuffix(time) plus the entry's index within one write. */
  audit: (suffix: string, index: number) => `L#${suffix}#${String(index).padStart(4, '0')}`,
  cardAuditPrefix: (cardId: string) => `LC#${encodeURIComponent(cardId)}#`,
  cardAudit: (cardId: string, suffix: string, index: number) =>
    `LC#${encodeURIComponent(cardId)}#${suffix}#${String(index).padStart(4, '0')}`,
} as const;

/** Keys of the access items (accounts, sessions, memberships, links, revocations, throttles). */
export const accessKeys = {
  registry: 'BOARDS',
  registryBoard: (boardId: string) => `B#${boardId}`,
  memberPrefix: 'MEMBER#',
  member: (userId: string) => `MEMBER#${userId}`,
  linkPrefix: 'LINK#',
  link: (linkId: string) => `LINK#${linkId}`,
  user: (userId: string) => `USER#${userId}`,
  profile: 'PROFILE',
  userBoardPrefix: 'BOARD#',
  userBoard: (boardId: string) => `BOARD#${boardId}`,
  email: (email: string) => `EMAIL#${email}`,
  emailSk: 'EMAIL',
  invite: (tokenHash: string) => `INVITE#${tokenHash}`,
  inviteSk: 'INVITE',
  session: (idHash: string) => `SESSION#${idHash}`,
  sessionSk: 'SESSION',
  revokedToken: (tokenId: string) => `REVOKED#${tokenId}`,
  revokedTokenSk: 'REVOKED',
  revokedSubject: (subject: string) => `REVOKED#SUBJECT#${subject}`,
  revokedSubjectSk: (boardId: string) => `B#${boardId}`,
  throttle: (kind: string, keyHash: string) => `THROTTLE#${kind}#${keyHash}`,
  throttleWindow: (windowStart: number) => `W#${windowStart}`,
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

/** Board ids a key may hold (a live connection's board, any board the API made): letters, digits, '-' and '_', at most 64. */
export const BOARD_ID = /^[A-Za-z0-9_-]{1,64}$/;
