/**
 * Sign-in throttling: failed sign-ins are counted per e-mail and per client IP in fixed
 * 15-minute windows, one item per (key, window), with an atomic `ADD` (no read first) and a TTL.
 * Once a key has reached its limit in the current window, sign-in is refused with 429 and
 * Retry-After until the window ends, whether or not the password is right.
 *
 * Limits: 5 failures per e-mail (guessing one account), 50 per IP (a commune office shares one
 * public address behind NAT, so a low per-IP limit would lock out every colleague).
 * Keys are hashed: the table holds no e-mail addresses or IPs in throttle items.
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../storage/dynamo';
import { accessKeys, TTL_ATTRIBUTE } from '../storage/table-schema';
import { sha256 } from './sessions';

export interface ThrottleLimits {
  perEmail: number;
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perEmail: 5, perIp: 50, windowSeconds: 15 * 60 };

export type ThrottleCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

export class LoginThrottle {
  constructor(
    private readonly table: Table,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
    private readonly clock: () => number = Date.now,
  ) {}

  private window(): { start: number; end: number } {
    const now = Math.floor(this.clock() / 1000);
    const start = now - (now % this.limits.windowSeconds);
    return { start, end: start + this.limits.windowSeconds };
  }

  private key(kind: 'email' | 'ip', value: string, start: number) {
    return { pk: accessKeys.throttle(kind, sha256(value.toLowerCase())), sk: accessKeys.throttleWindow(start) };
  }

  async check(email: string, ip: string): Promise<ThrottleCheck> {
    const { start, end } = this.window();
    const [byEmail, byIp] = await Promise.all([
      this.count(this.key('email', email, start)),
      this.count(this.key('ip', ip, start)),
    ]);
    if (byEmail >= this.limits.perEmail || byIp >= this.limits.perIp) {
      return { ok: false, retryAfterSeconds: Math.max(1, end - Math.floor(this.clock() / 1000)) };
    }
    return { ok: true };
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const { start, end } = this.window();
    await Promise.all(
      [this.key('email', email, start), this.key('ip', ip, start)].map((Key) =>
        this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.name,
            Key,
            UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':ttl': end + 60 },
          }),
        ),
      ),
    );
  }

  /** A successful sign-in clears the e-mail's count (not the IP's). */
  async recordSuccess(email: string): Promise<void> {
    const { start } = this.window();
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: this.key('email', email, start) }));
  }

  private async count(Key: { pk: string; sk: string }): Promise<number> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key, ConsistentRead: true }));
    if (!out.Item) return 0;
    if (Number(out.Item[TTL_ATTRIBUTE] ?? Infinity) * 1000 <= this.clock()) return 0;
    return Number(out.Item.failures ?? 0);
  }
}
