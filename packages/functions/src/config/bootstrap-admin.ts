/**
 * The first administrator. At start (npm start; the HTTP Lambda's cold start on AWS) the
 * administrator account is made if it does not exist yet:
 *  - from ADMIN_EMAIL and a password the operator set (ADMIN_PASSWORD locally, the SSM
 *    SecureString named by ADMIN_PASSWORD_PARAM on AWS);
 *  - locally without them: `admin@binh-an.local` with a random password, returned so the
 *    caller prints it ONCE (only when the account is created). There is never a fixed default.
 * An existing account is left as it is (its password is not reset from the environment).
 */
import { hashPassword, PASSWORD_MIN_LENGTH, randomPassword } from '../auth/passwords';
import type { Accounts } from '../storage/accounts';

export const DEFAULT_ADMIN_EMAIL = 'admin@binh-an.local';

export interface BootstrapResult {
  email: string;
  userId: string;
  created: boolean;
  /** Set only when the account was created with a generated password: show it once. */
  generatedPassword?: string;
}

export async function bootstrapAdmin(accounts: Accounts, input: { email?: string; password?: string; allowGenerated?: boolean }): Promise<BootstrapResult | null> {
  const email = (input.email ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const existing = await accounts.findByEmail(email);
  if (existing) return { email, userId: existing.userId, created: false };
  let password = input.password;
  let generated: string | undefined;
  if (!password) {
    if (!input.allowGenerated) return null;
    password = generated = randomPassword();
  }
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new Error(`The administrator password must be at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  const { account, created } = await accounts.create({
    email,
    name: 'Quản trị viên',
    status: 'active',
    globalAdmin: true,
    passwordHash: await hashPassword(password),
    createdBy: 'bootstrap',
  });
  return { email, userId: account.userId, created, ...(created && generated ? { generatedPassword: generated } : {}) };
}
