/**
 * Read-only share links of a board (e.g. for "Phòng Nội vụ" of the district). A link IS a view
 * sync token whose token id is the link id; this record holds its label, optional expiry and
 * revocation. Revoking writes the record and a revocation item (revocations.ts) that $connect
 * and the HTTP API check.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomId } from '../util/crypto';
import { updateExisting, type Table } from './dynamo';
import { queryPrefix } from './prefix-query';
import { accessKeys, keys } from './table-schema';

export interface ShareLink {
  linkId: string;
  boardId: string;
  label: string;
  /** What the link's token may do: 'viewer' (a share link) or 'editor' (the staff edit link of `npm start`). */
  role: LinkRole;
  /** When the link stops working (ISO), or null for no expiry. */
  expiresAt: string | null;
  /** The token's `exp` (epoch seconds): far in the future when the link has no expiry. */
  tokenExpiresAt: number;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

export type LinkRole = 'viewer' | 'editor';

/** A link without an expiry still needs a token expiry: 10 years. */
export const NO_EXPIRY_TOKEN_SECONDS = 10 * 365 * 24 * 60 * 60;

export class ShareLinks {
  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {}

  async create(input: { boardId: string; label: string; expiresAt: Date | null; createdBy: string; role?: LinkRole }): Promise<ShareLink> {
    const nowSeconds = Math.floor(this.clock() / 1000);
    const link: ShareLink = {
      linkId: `l-${randomId(16)}`,
      boardId: input.boardId,
      label: input.label,
      role: input.role ?? 'viewer',
      expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
      tokenExpiresAt: input.expiresAt ? Math.floor(input.expiresAt.getTime() / 1000) : nowSeconds + NO_EXPIRY_TOKEN_SECONDS,
      createdAt: new Date(this.clock()).toISOString(),
      createdBy: input.createdBy,
      revokedAt: null,
      revokedBy: null,
    };
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        // `linkExpiresAt`, not the table's TTL attribute: an expired link stays listed.
        // revokedAt/revokedBy stay absent until revoked (markRevoked sets them with if_not_exists).
        Item: {
          pk: keys.board(input.boardId), sk: accessKeys.link(link.linkId), ...link,
          linkExpiresAt: link.expiresAt, expiresAt: undefined, revokedAt: undefined, revokedBy: undefined, role: undefined, linkRole: link.role,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return link;
  }

  async get(boardId: string, linkId: string): Promise<ShareLink | null> {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: keys.board(boardId), sk: accessKeys.link(linkId) }, ConsistentRead: true }),
    );
    return out.Item ? toLink(out.Item) : null;
  }

  async list(boardId: string): Promise<ShareLink[]> {
    const items = await queryPrefix(this.table, keys.board(boardId), accessKeys.linkPrefix);
    return items.map(toLink).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  /** Marks the link revoked (idempotent: a second revoke keeps the first time). */
  async markRevoked(boardId: string, linkId: string, by: string): Promise<ShareLink | null> {
    const item = await updateExisting(this.table, {
      Key: { pk: keys.board(boardId), sk: accessKeys.link(linkId) },
      UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at), revokedBy = if_not_exists(revokedBy, :by)',
      ExpressionAttributeValues: { ':at': new Date(this.clock()).toISOString(), ':by': by },
    });
    return item ? toLink(item) : null;
  }
}

function toLink(item: Record<string, unknown>): ShareLink {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    linkId: String(item.linkId),
    boardId: String(item.boardId),
    label: String(item.label ?? ''),
    role: item.linkRole === 'editor' ? 'editor' : 'viewer',
    expiresAt: str(item.linkExpiresAt),
    tokenExpiresAt: Number(item.tokenExpiresAt ?? 0),
    createdAt: String(item.createdAt ?? ''),
    createdBy: String(item.createdBy ?? ''),
    revokedAt: str(item.revokedAt),
    revokedBy: str(item.revokedBy),
  };
}
