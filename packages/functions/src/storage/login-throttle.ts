/**
 * Sign-in throttling: at most 5 failed sign-ins per e-mail and 50 per client IP in any 15
 * minutes; past that, sign-in is refused with 429 and Retry-After (whether or not the password
 * is right) until enough of the failures are older than 15 minutes.
 *
 * Storage, single-item writes only: failures are counted per key in one-minute buckets, one item
 * per (key, minute) bumped with an atomic `ADD` (no read first). A check sums the buckets of the
 * last 15 minutes with one Query, so the window slides: failures on both sides of a quarter hour
 * add up, and a failure counts for 15 to 16 minutes (its minute is counted whole).
 * Items carry a TTL; readers ignore expired ones (dynalite and DynamoDB Local keep them).
 *
 * Limits: 5 failures per e-mail (guessing one account), 50 per IP (a commune office shares one
 * public address behind NAT, so a low per-IP limit would lock out every colleague).
 * Keys are hashed: the table holds no e-mail addresses or IPs in throttle items.
 *
 * Concurrency: a sign-in RESERVES its attempt before the password is checked (`reserve`): one
 * atomic `ADD` per key returns the new count of the current minute, so N guesses sent at once
 * get N different counts and only those within the limit go on to the password check; the others
 * give their reservation back and get 429. A wrong password keeps its reservation (it is the
 * failure); a right one releases it (`release`), and a sign-in also clears the e-mail's count.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sha256 } from '../util/crypto';
import { queryAll, type Table } from './dynamo';
import { accessKeys, TTL_ATTRIBUTE } from './table-schema';

export interface ThrottleLimits {
  perEmail: number;
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perEmail: 5, perIp: 50, windowSeconds: 15 * 60 };

export type ThrottleCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

/** An attempt counted before its password is checked (see `reserve`). */
export interface Reservation {
  email: string;
  ip: string;
  /** The minute bucket the attempt was counted in. */
  bucketStart: number;
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; retryAfterSeconds: number };

type Kind = 'email' | 'ip';

/** Failures are counted per minute. */
const BUCKET_SECONDS = 60;

interface Bucket {
  sk: string;
  /** When its failures stop counting: the end of its minute plus the window (its TTL). */
  countsUntil: number;
  failures: number;
}

export class LoginThrottle {
  constructor(
    private readonly table: Table,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Refuses while the e-mail or the IP has reached its limit within the window. */
  async check(email: string, ip: string): Promise<ThrottleCheck> {
    const [byEmail, byIp] = await Promise.all([this.buckets('email', email), this.buckets('ip', ip)]);
    const wait = Math.max(this.waitFor(byEmail, this.limits.perEmail), this.waitFor(byIp, this.limits.perIp));
    return wait > 0 ? { ok: false, retryAfterSeconds: wait } : { ok: true };
  }

  /**
   * Counts one attempt for the e-mail and the IP at once (atomic ADD, the new count returned),
   * then admits it only if it is within both limits. Refused attempts are taken back.
   */
  async reserve(email: string, ip: string): Promise<ReserveResult> {
    const start = this.bucketStart();
    const counts = await Promise.all((['email', 'ip'] as const).map((kind) => this.bump(kind, kind === 'email' ? email : ip, start, 1)));
    const [emailCount, ipCount] = counts as [number, number];
    const current = accessKeys.throttleWindow(start);
    const [byEmail, byIp] = await Promise.all([this.buckets('email', email), this.buckets('ip', ip)]);
    // This attempt's place: the count the ADD returned in the current minute, plus older minutes.
    const older = (buckets: Bucket[]) => buckets.filter((b) => b.sk !== current).reduce((sum, b) => sum + b.failures, 0);
    if (older(byEmail) + emailCount <= this.limits.perEmail && older(byIp) + ipCount <= this.limits.perIp) {
      return { ok: true, reservation: { email, ip, bucketStart: start } };
    }
    await this.release({ email, ip, bucketStart: start });
    // The wait: until fewer than the limit are left without this attempt.
    const without = (buckets: Bucket[]) => buckets.map((b) => (b.sk === current ? { ...b, failures: Math.max(0, b.failures - 1) } : b));
    const wait = Math.max(this.waitFor(without(byEmail), this.limits.perEmail), this.waitFor(without(byIp), this.limits.perIp));
    return { ok: false, retryAfterSeconds: Math.max(1, wait) };
  }

  /** Takes a reservation back (the attempt was refused, or its password was right). */
  async release(reservation: Reservation): Promise<void> {
    await Promise.all(
      (['email', 'ip'] as const).map((kind) => this.bump(kind, kind === 'email' ? reservation.email : reservation.ip, reservation.bucketStart, -1)),
    );
  }

  private async bump(kind: Kind, value: string, start: number, by: 1 | -1): Promise<number> {
    const out = await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: { pk: this.pk(kind, value), sk: accessKeys.throttleWindow(start) },
        UpdateExpression: 'ADD failures :n SET #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':n': by, ':ttl': start + BUCKET_SECONDS + this.limits.windowSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.failures ?? 0);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const start = this.bucketStart();
    const expiresAt = start + BUCKET_SECONDS + this.limits.windowSeconds;
    await Promise.all(
      (['email', 'ip'] as const).map((kind) =>
        this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.name,
            Key: { pk: this.pk(kind, kind === 'email' ? email : ip), sk: accessKeys.throttleWindow(start) },
            UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
          }),
        ),
      ),
    );
  }

  /** A successful sign-in clears the e-mail's count (not the IP's). */
  async recordSuccess(email: string): Promise<void> {
    const pk = this.pk('email', email);
    const buckets = await this.buckets('email', email);
    await Promise.all(
      buckets.map(({ sk }) => this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: { pk, sk } }))),
    );
  }

  /**
   * Seconds until fewer than `limit` failures are left in the window (0: not throttled). The
   * oldest buckets age out first.
   */
  private waitFor(buckets: Bucket[], limit: number): number {
    let total = buckets.reduce((sum, b) => sum + b.failures, 0);
    if (total < limit) return 0;
    const now = this.nowSeconds();
    for (const bucket of buckets) {
      total -= bucket.failures;
      if (total < limit) return Math.max(1, bucket.countsUntil - now);
    }
    return 1; // not reached: after the last bucket the total is 0
  }

  /** The key's unexpired buckets of the window, oldest first. */
  private async buckets(kind: Kind, value: string): Promise<Bucket[]> {
    const now = this.nowSeconds();
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': this.pk(kind, value),
        ':from': accessKeys.throttleWindow(this.bucketStart() - this.limits.windowSeconds),
        ':to': accessKeys.throttleWindow(this.bucketStart()),
      },
      ConsistentRead: true,
    });
    return items
      .map((item) => ({ sk: String(item.sk), countsUntil: Number(item[TTL_ATTRIBUTE]), failures: Number(item.failures ?? 0) }))
      .filter((bucket) => bucket.countsUntil > now)
      .sort((a, b) => a.countsUntil - b.countsUntil);
  }

  private pk(kind: Kind, value: string): string {
    return accessKeys.throttle(kind, sha256(value.toLowerCase()));
  }

  private bucketStart(): number {
    const now = this.nowSeconds();
    return now - (now % BUCKET_SECONDS);
  }

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }
}
