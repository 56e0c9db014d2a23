/**
 * Roles and rights on a board: the one definition the server (tokens, HTTP routes, the write
 * check) and the web app (what it offers) both import.
 *
 *   viewer  read the board, its dashboard, cards and exports; open it live (read-only)
 *   editor  + edit cards and the agenda (sync path), read the audit log
 *   leader  + approve nominees / mark them awarded, edit the plan's facts (funds, dates,
 *             delegates), see the member list
 *   admin   + rename/archive the board, manage columns, members and share links
 * A token carries a right (edit or view) and the holder's role; a view right writes nothing.
 */
export const RIGHTS = ['edit', 'view'] as const;
export type Right = (typeof RIGHTS)[number];

/** Roles on a board, highest first. */
export const ROLES = ['admin', 'leader', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, leader: 2, admin: 3 };

/** The right a role's token carries: viewers view, everyone else edits. */
export function rightOf(role: Role): Right {
  return role === 'viewer' ? 'view' : 'edit';
}

export function roleRank(role: Role): number {
  return RANK[role];
}

export function atLeast(role: Role | null | undefined, min: Role): boolean {
  return role != null && RANK[role] >= RANK[min];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isRight(value: unknown): value is Right {
  return typeof value === 'string' && (RIGHTS as readonly string[]).includes(value);
}
