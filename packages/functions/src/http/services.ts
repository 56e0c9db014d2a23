/** What the HTTP routes share: the stores, the token signer, a way to cut sockets; Hono's env types. */
import type { Role, SyncTokens } from '../auth/sync-token';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleLimits } from '../storage/login-throttle';
import { Accounts, type Account } from '../storage/accounts';
import { BoardRegistry, type BoardEntry } from '../storage/board-registry';
import type { BoardUpdates } from '../storage/board-updates';
import { Boards } from '../storage/boards';
import { Connections } from '../storage/connections';
import type { Table } from '../storage/dynamo';
import { Memberships } from '../storage/memberships';
import { Revocations } from '../storage/revocations';
import { SessionsStore } from '../storage/sessions-store';
import { ShareLinks } from '../storage/share-links';
import type { ConnectionPoster } from '../sockets/connection-poster';

export interface HttpDeps {
  table: Table;
  updates: BoardUpdates;
  tokens: SyncTokens;
  /** Posts to and closes WebSocket connections (to cut off revoked links). Without it, only new connections are refused. */
  poster?: ConnectionPoster;
  clock?: () => number;
  /** Where the web app is served (share and invite links); default: the request's own origin. */
  publicUrl?: string;
  throttle?: ThrottleLimits;
  /** A header carrying the client IP set by a trusted proxy (e.g. cloudfront-viewer-address); default: the connection's source IP. */
  clientIpHeader?: string;
  reportError?: (error: unknown, context: string) => void;
}

export interface HttpServices {
  table: Table;
  tokens: SyncTokens;
  updates: BoardUpdates;
  boards: Boards;
  registry: BoardRegistry;
  accounts: Accounts;
  sessions: SessionsStore;
  memberships: Memberships;
  links: ShareLinks;
  revocations: Revocations;
  connections: Connections;
  throttle: LoginThrottle;
  poster: ConnectionPoster | undefined;
  clock: () => number;
  publicUrl: string | undefined;
  clientIpHeader: string | undefined;
  reportError: (error: unknown, context: string) => void;
}

export function createHttpServices(deps: HttpDeps): HttpServices {
  const clock = deps.clock ?? Date.now;
  const boards = new Boards(deps.table, deps.updates);
  return {
    table: deps.table,
    tokens: deps.tokens,
    updates: deps.updates,
    boards,
    registry: new BoardRegistry(deps.table, boards, clock),
    accounts: new Accounts(deps.table, clock),
    sessions: new SessionsStore(deps.table, clock),
    memberships: new Memberships(deps.table, clock),
    links: new ShareLinks(deps.table, clock),
    revocations: new Revocations(deps.table, clock),
    connections: new Connections(deps.table, clock),
    throttle: new LoginThrottle(deps.table, deps.throttle ?? DEFAULT_THROTTLE, clock),
    poster: deps.poster,
    clock,
    publicUrl: deps.publicUrl?.replace(/\/+$/, ''),
    clientIpHeader: deps.clientIpHeader?.toLowerCase(),
    reportError: deps.reportError ?? ((error, context) => console.error(context, error)),
  };
}

/** Who is acting on a board, and with which role. */
export interface BoardAccess {
  boardId: string;
  entry: BoardEntry;
  role: Role;
  /** The user id, or `link:<id>` / the token subject for a bearer token. */
  actor: string;
  via: 'session' | 'token';
}

export type AppEnv = {
  Bindings: { requestContext?: { http?: { sourceIp?: string } } };
  Variables: {
    user: Account | null;
    sessionId: string | null;
    /** The signed-in session's family (storage/sessions-store.ts): named in the sync tokens it issues. */
    sessionFamily: string | null;
    access: BoardAccess;
  };
};

/** Board ids the API makes and accepts: lower-case slugs (no dots, slashes or anything else). */
export const BOARD_SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const USER_ID = /^u-[a-z0-9]{16}$/;
export const LINK_ID = /^l-[a-z0-9]{16}$/;
export const CARD_ID = /^[A-Za-z0-9_-]{1,100}$/;
