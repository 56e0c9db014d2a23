/**
 * Revoked tokens. Two shapes, both read by $connect (and by the HTTP API for bearer tokens):
 *  - one token id (jti): a share link, or a single sync token;
 *  - a subject on a board: every token of that subject for that board issued at or before
 *    `before` is void (a member removed or given another role). Tokens issued later work.
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
  async revokeSubject(boardId: string, subject: string, reason: string): Promise<void> {
    const now = this.clock();
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          pk: accessKeys.revokedSubject(subject),
          sk: accessKeys.revokedSubjectSk(boardId),
          /** Epoch ms: tokens issued at or before it are void. */
          before: now,
          reason,
          [TTL_ATTRIBUTE]: Math.floor(now / 1000) + USER_TOKEN_MAX_SECONDS + 24 * 3600,
        },
      }),
    );
  }

  /** Why these claims are revoked, or null when they are not. */
  async check(claims: RevocationClaims): Promise<string | null> {
    const [token, subject] = await Promise.all([
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
    ]);
    if (token.Item) return 'token';
    if (subject.Item && claims.issuedAt <= Number(subject.Item.before ?? 0)) return 'subject';
    return null;
  }
}
