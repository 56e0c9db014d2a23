/**
 * Revoked tokens. Two shapes, both read by $connect (and by the HTTP API for bearer tokens):
 *  - one token id (jti): a share link, or a single sync token;
 *  - a subject on a board: every token of that subject for that board issued at or before
 *    `before` is void (a member removed or given another role). Tokens issued later work.
 *  - the sessions of an account (a password change): every token of that subject, on any board,
 *    issued at or before `before` is void unless it was issued by the session family that made
 *    the change (`keepFamily`: the caller stays connected). A session's tokens name their family
 *    in the token id (`sessionTokenId`), so an open socket's record shows which sign-in it is.
 * Items expire (TTL) after the tokens they void could have expired anyway.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './dynamo';
import { accessKeys, TTL_ATTRIBUTE } from './table-schema';

/** What a revocation is checked against: the parts of a sync token's claims (auth/sync-token.ts) it reads. */
export interface RevocationClaims {
  tokenId: string;
  subject: string;
  boardId: string;
  /** Issue time, epoch milliseconds; 0 for tokens issued before it was recorded. */
  issuedAt: number;
}

/** Longest lifetime of a token issued to a signed-in user (POST /api/boards/:id/sync-token). */
export const USER_TOKEN_MAX_SECONDS = 2 * 60 * 60;

/** The sort key of an account's session revocation (beside its per-board ones, `B#<board>`). */
const SESSIONS_SK = 'SESSIONS';

/** The token id of a sync token issued by a session of `family`: `s.<family>.<uuid>`. */
export function sessionTokenId(family: string, unique: string): string {
  return `s.${family}.${unique}`;
}

/** The session family a token id names, or null (share links, links printed by npm start, older tokens). */
export function sessionFamilyOf(tokenId: string): string | null {
  const match = /^s\.([a-z0-9]{16})\./.exec(tokenId);
  return match ? match[1]! : null;
}

export class Revocations {
  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {}

  async revokeToken(tokenId: string, tokenExpiresAt: number, reason: string): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          pk: accessKeys.revokedToken(tokenId),
          sk: accessKeys.revokedTokenSk,
          revokedAt: new Date(this.clock()).toISOString(),
          reason,
          [TTL_ATTRIBUTE]: Math.max(tokenExpiresAt, Math.floor(this.clock() / 1000)) + 24 * 3600,
        },
      }),
    );
  }

  /** Voids every token of `subject` on `boardId` issued up to now. */
  revokeSubject(boardId: string, subject: string, reason: string): Promise<void> {
    return this.voidIssuedBefore(subject, accessKeys.revokedSubjectSk(boardId), reason, {});
  }

  /**
   * Voids every token of `subject` issued up to now on every board, except those issued by the
   * session family `keepFamily` (the session that changed the password).
   */
  revokeSessions(subject: string, keepFamily: string | null, reason: string): Promise<void> {
    return this.voidIssuedBefore(subject, SESSIONS_SK, reason, { keepFamily: keepFamily ?? '' });
  }

  /** One "issued before now is void" item of `subject` under `sk`; kept past the longest token's life. */
  private async voidIssuedBefore(subject: string, sk: string, reason: string, extra: Record<string, string>): Promise<void> {
    const now = this.clock();
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          pk: accessKeys.revokedSubject(subject),
          sk,
          /** Epoch ms: tokens issued at or before it are void. */
          before: now,
          ...extra,
          reason,
          [TTL_ATTRIBUTE]: Math.floor(now / 1000) + USER_TOKEN_MAX_SECONDS + 24 * 3600,
        },
      }),
    );
  }

  /** Why these claims are revoked, or null when they are not. */
  async check(claims: RevocationClaims): Promise<string | null> {
    const [token, subject, sessions] = await Promise.all([
      this.table.doc.send(
        new GetCommand({ TableName: this.table.name, Key: { pk: accessKeys.revokedToken(claims.tokenId), sk: accessKeys.revokedTokenSk }, ConsistentRead: true }),
      ),
      claims.subject
        ? this.table.doc.send(
            new GetCommand({
              TableName: this.table.name,
              Key: { pk: accessKeys.revokedSubject(claims.subject), sk: accessKeys.revokedSubjectSk(claims.boardId) },
              ConsistentRead: true,
            }),
          )
        : Promise.resolve({ Item: undefined }),
      claims.subject
        ? this.table.doc.send(
            new GetCommand({ TableName: this.table.name, Key: { pk: accessKeys.revokedSubject(claims.subject), sk: SESSIONS_SK }, ConsistentRead: true }),
          )
        : Promise.resolve({ Item: undefined }),
    ]);
    if (token.Item) return 'token';
    if (subject.Item && claims.issuedAt <= Number(subject.Item.before ?? 0)) return 'subject';
    if (sessions.Item && claims.issuedAt <= Number(sessions.Item.before ?? 0)) {
      const kept = String(sessions.Item.keepFamily ?? '');
      if (!kept || sessionFamilyOf(claims.tokenId) !== kept) return 'sessions';
    }
    return null;
  }
}
