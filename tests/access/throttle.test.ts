/**
 * The sign-in throttle on the embedded DynamoDB engine, with a clock the test sets: at most 5
 * failures per e-mail (50 per IP) in any 15 minutes. Failures on both sides of a quarter hour add
 * up (no fresh allowance at each boundary), the wait told is until the oldest failures age out,
 * and a sign-in clears the e-mail's count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, LoginThrottle, openTable, type Table } from '@binhan/functions';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';

const LIMITS = { perEmail: 5, perIp: 50, windowSeconds: 900 };
/** 09:00:00 UTC, a quarter hour. */
const QUARTER = Date.UTC(2026, 10, 30, 9, 0, 0);
const MIN = 60_000;

describe('sign-in throttle', () => {
  let engine: EmbeddedDynamo;
  let table: Table;
  let now = QUARTER;
  const throttle = () => new LoginThrottle(table, LIMITS, () => now);
  const at = (ms: number) => (now = ms);

  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    table = openTable({ tableName: 'throttle', endpoint: engine.endpoint });
    await ensureTable(table);
  });
  afterAll(async () => {
    table.raw.destroy();
    await engine.close();
  });

  it('adds up 3 failures just before a quarter hour and 2 just after: refused until the first 3 are 15 minutes old', async () => {
    const t = throttle();
    at(QUARTER - 20_000); // 08:59:40
    for (let i = 0; i < 3; i++) await t.recordFailure('lan@binhan.gov.vn', '10.0.0.1');
    at(QUARTER + 5_000); // 09:00:05
    expect(await t.check('lan@binhan.gov.vn', '10.0.0.1')).toEqual({ ok: true });
    for (let i = 0; i < 2; i++) await t.recordFailure('lan@binhan.gov.vn', '10.0.0.1');
    // The 08:59 minute counts until 09:15:00: 895 s from 09:00:05.
    expect(await t.check('lan@binhan.gov.vn', '10.0.0.1')).toEqual({ ok: false, retryAfterSeconds: 895 });
    // Case does not matter; another address from the same office is not refused.
    expect(await t.check('LAN@binhan.gov.vn', '10.0.0.9')).toMatchObject({ ok: false });
    expect(await t.check('hung@binhan.gov.vn', '10.0.0.1')).toEqual({ ok: true });
    at(QUARTER + 15 * MIN - 1_000);
    expect(await t.check('lan@binhan.gov.vn', '10.0.0.1')).toEqual({ ok: false, retryAfterSeconds: 1 });
    at(QUARTER + 15 * MIN);
    expect(await t.check('lan@binhan.gov.vn', '10.0.0.1')).toEqual({ ok: true });
  });

  it('refuses for 15 minutes when the 5 failures come in one burst', async () => {
    const t = throttle();
    at(QUARTER + 60 * MIN + 10_000); // 10:00:10
    for (let i = 0; i < 5; i++) await t.recordFailure('minh@binhan.gov.vn', '10.0.0.2');
    expect(await t.check('minh@binhan.gov.vn', '10.0.0.2')).toEqual({ ok: false, retryAfterSeconds: 950 });
  });

  it('forgets failures older than the window: 4 now and 4 twenty minutes later refuse nothing', async () => {
    const t = throttle();
    at(QUARTER + 120 * MIN);
    for (let i = 0; i < 4; i++) await t.recordFailure('hoa@binhan.gov.vn', '10.0.0.3');
    at(QUARTER + 140 * MIN);
    for (let i = 0; i < 4; i++) await t.recordFailure('hoa@binhan.gov.vn', '10.0.0.3');
    expect(await t.check('hoa@binhan.gov.vn', '10.0.0.3')).toEqual({ ok: true });
  });

  it('a successful sign-in clears the e-mail’s count', async () => {
    const t = throttle();
    at(QUARTER + 180 * MIN - 10_000);
    for (let i = 0; i < 2; i++) await t.recordFailure('tam@binhan.gov.vn', '10.0.0.4');
    at(QUARTER + 180 * MIN + 10_000);
    for (let i = 0; i < 2; i++) await t.recordFailure('tam@binhan.gov.vn', '10.0.0.4');
    await t.recordSuccess('tam@binhan.gov.vn');
    for (let i = 0; i < 4; i++) await t.recordFailure('tam@binhan.gov.vn', '10.0.0.4');
    expect(await t.check('tam@binhan.gov.vn', '10.0.0.4')).toEqual({ ok: true });
    await t.recordFailure('tam@binhan.gov.vn', '10.0.0.4');
    expect(await t.check('tam@binhan.gov.vn', '10.0.0.4')).toMatchObject({ ok: false });
  });

  it('refuses an office IP after 50 failures across its staff, each of them under 5', async () => {
    const t = throttle();
    at(QUARTER + 240 * MIN);
    for (let i = 0; i < 50; i++) await t.recordFailure(`nguoi-${i % 25}@binhan.gov.vn`, '10.0.0.5');
    expect(await t.check('nguoi-1@binhan.gov.vn', '10.0.0.99')).toEqual({ ok: true });
    expect(await t.check('chutich@binhan.gov.vn', '10.0.0.5')).toEqual({ ok: false, retryAfterSeconds: 960 });
  });
});
