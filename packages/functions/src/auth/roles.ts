/**
 * Roles on a board, in order viewer < editor < leader < admin, and what each may do. A global
 * administrator (the first account) is admin on every board.
 *
 *   viewer  read the board, its dashboard, cards and exports; open it live (read-only)
 *   editor  + edit cards on the board (sync path), read the audit log
 *   leader  + approve nominees / mark them awarded and change the fund (sync path, enforced by
 *             the write policy), see the member list
 *   admin   + rename/archive the board, invite/remove members and change roles, create and
 *             revoke share links
 * Creating and importing boards needs a global administrator.
 */
import { atLeast, isRole, roleRank, ROLES, type Role } from '@binhan/core/yjs-free';

export { atLeast, isRole, roleRank, ROLES, type Role };

/** The lowest role each action of the HTTP API needs. */
export const NEEDS = {
  readBoard: 'viewer',
  exportBoard: 'viewer',
  syncToken: 'viewer',
  readAudit: 'editor',
  listMembers: 'leader',
  manageBoard: 'admin',
  manageMembers: 'admin',
  manageLinks: 'admin',
} as const satisfies Record<string, Role>;
