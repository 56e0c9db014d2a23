/**
 * Members of a board and invitations.
 *   GET    /api/boards/:boardId/members            leader+
 *   POST   /api/boards/:boardId/members            board admin: {email, role, name?} → adds an
 *          existing account, or creates an invited one; only for the global administrator does
 *          the answer hold a one-time invite token/URL (a board admin's answer says invitePending)
 *   PATCH  /api/boards/:boardId/members/:userId    board admin: {role}
 *   DELETE /api/boards/:boardId/members/:userId    board admin
 *   POST   /api/accounts/:userId/invite            global admin: a fresh invite for an invited account
 * Only the global administrator's request that creates an account returns an invite token;
 * adding an existing account (active or invited) to a board never does.
 * A changed or removed member's tokens for the board are revoked and their sockets cut off
 * (they get a new token with their new role from POST …/sync-token).
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { NEEDS } from '../../auth/roles';
import { ROLES } from '../../auth/sync-token';
import { publicAccount } from '../../storage/accounts';
import { cutConnections } from '../../sockets/cut-off';
import { publicBase } from '../public-base';
import { USER_ID, type AppEnv, type HttpServices } from '../services';
import { errors } from '../errors';
import { boardRole, globalAdmin } from '../middleware/require-role';
import { validateJson } from '../validate';
import { emailSchema } from './auth';

const inviteSchema = z.strictObject({
  email: emailSchema,
  role: z.enum(ROLES),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
});
const roleSchema = z.strictObject({ role: z.enum(ROLES) });

const ACCESS_CHANGED = 'Quyền của bạn trên bảng đã thay đổi / Your access to this board changed';

/** Where memberRoutes' two sub-apps are mounted; their own paths are relative to these. */
export const MEMBERS_BASE = '/api/boards/:boardId/members';
export const ACCOUNT_INVITES_BASE = '/api/accounts';

export function memberRoutes(s: HttpServices): { members: Hono<AppEnv>; accountInvites: Hono<AppEnv> } {
  const app = new Hono<AppEnv>();
  const accountInvites = new Hono<AppEnv>();

  const memberId = (raw: string | undefined): string => {
    if (!raw || !USER_ID.test(raw)) throw errors.invalidId('user id', 'người dùng');
    return raw;
  };

  /** Revokes the member's tokens for the board and closes their open sockets. */
  const cutOff = async (boardId: string, userId: string, reason: string) => {
    await s.revocations.revokeSubject(boardId, userId, reason);
    if (s.poster) await cutConnections(s.connections, s.poster, boardId, (r) => r.subject === userId, ACCESS_CHANGED);
  };

  app.get('/', boardRole(s, NEEDS.listMembers), async (c) => {
    const { boardId } = c.get('access');
    const members = await Promise.all(
      (await s.memberships.listBoard(boardId)).map(async (m) => {
        const account = await s.accounts.get(m.userId);
        return account ? { ...publicAccount(account), role: m.role, addedAt: m.addedAt, addedBy: m.addedBy } : null;
      }),
    );
    return c.json({ boardId, members: members.filter((m) => m !== null) });
  });

  app.post('/', boardRole(s, NEEDS.manageMembers), validateJson(inviteSchema), async (c) => {
    const { boardId, actor } = c.get('access');
    const body = c.req.valid('json');
    const { account, created } = await s.accounts.create({
      email: body.email,
      name: body.name ?? body.email.split('@')[0]!,
      status: 'invited',
      createdBy: actor,
    });
    if (account.status === 'disabled') {
      throw errors.conflict('account-disabled', 'This account is disabled.', 'Tài khoản này đã bị khóa.');
    }
    const previous = await s.memberships.get(boardId, account.userId);
    await s.memberships.put(boardId, account.userId, body.role, actor);
    if (previous && previous.role !== body.role) await cutOff(boardId, account.userId, 'role changed');
    // Only an account made by this request, and only for the global administrator, gets an
    // invitation here. An existing account (active, or invited by someone else and not yet
    // accepted) is only given the role: a token that sets its password would let any board
    // admin take over a person invited elsewhere. A board admin who adds a new e-mail gets no
    // token either: with no e-mail sent by the server, whoever holds the answer could claim the
    // account in advance and later be given the roles other boards grant that e-mail. The global
    // administrator hands out the link (POST /api/accounts/:userId/invite).
    const byAdministrator = c.get('user')?.globalAdmin === true;
    let invite: { token: string; url: string; expiresAt: string } | undefined;
    if (created && account.status === 'invited' && byAdministrator) {
      const issued = await s.accounts.issueInvite(account.userId);
      invite = { ...issued, url: `${publicBase(c, s)}/?invite=${issued.token}` };
    }
    return c.json(
      {
        boardId,
        member: { ...publicAccount(account), role: body.role },
        created,
        ...(invite ? { invite } : {}),
        ...(!invite && account.status === 'invited' ? { invitePending: true } : {}),
      },
      201,
    );
  });

  // A fresh invitation for an account that has not accepted yet (the link was lost or expired):
  // the global administrator only. Earlier links of the account keep working until used or expired.
  accountInvites.post('/:userId/invite', globalAdmin(), async (c) => {
    const userId = memberId(c.req.param('userId'));
    const account = await s.accounts.get(userId);
    if (!account) throw errors.notFound('account', 'tài khoản');
    if (account.status !== 'invited') {
      throw errors.conflict('not-invited', 'This account has already accepted its invitation (or is disabled): no invitation can be issued for it.',
        'Tài khoản này đã nhận lời mời (hoặc đã bị khóa): không thể cấp lời mời mới.');
    }
    const issued = await s.accounts.issueInvite(account.userId);
    return c.json({ member: publicAccount(account), invite: { ...issued, url: `${publicBase(c, s)}/?invite=${issued.token}` } }, 201);
  });

  app.patch('/:userId', boardRole(s, NEEDS.manageMembers), validateJson(roleSchema), async (c) => {
    const { boardId, actor } = c.get('access');
    const userId = memberId(c.req.param('userId'));
    if (userId === actor) throw errors.conflict('own-membership', 'You cannot change your own role.', 'Bạn không thể tự thay đổi vai trò của mình.');
    const current = await s.memberships.get(boardId, userId);
    if (!current) throw errors.notFound('member', 'thành viên');
    const { role } = c.req.valid('json');
    if (current.role !== role) {
      await s.memberships.put(boardId, userId, role, actor);
      await cutOff(boardId, userId, 'role changed');
    }
    return c.json({ boardId, member: { userId, role } });
  });

  app.delete('/:userId', boardRole(s, NEEDS.manageMembers), async (c) => {
    const { boardId, actor } = c.get('access');
    const userId = memberId(c.req.param('userId'));
    if (userId === actor) throw errors.conflict('own-membership', 'You cannot remove yourself from the board.', 'Bạn không thể tự xóa mình khỏi bảng.');
    const current = await s.memberships.get(boardId, userId);
    if (!current) throw errors.notFound('member', 'thành viên');
    await s.memberships.remove(boardId, userId);
    await cutOff(boardId, userId, 'removed');
    return c.json({ boardId, removed: userId });
  });

  return { members: app, accountInvites };
}
