/**
 * The web app's reading of the server's "undone" control frame (web/src/sync/undone.ts):
 * the reason "<vi> / <en>" (several joined by " | ") in one language, the entries it names,
 * and the list of notices a page keeps. Tried: one refusal, two, a repeat, an id with dots,
 * a reason without the " / " separator, unknown areas.
 */
import { describe, expect, it } from 'vitest';
import { REFUSALS } from '@binhan/core';
import { MAX_UNDONE_NOTICES, parseEntry, reasonIn, withUndone, type UndoneChange } from '../../web/src/sync/undone';

describe('undone notices', () => {
  it('reads the reason in each language, without the closing "undone" the notice already says', () => {
    const r = REFUSALS.approveNominee('n1').reason;
    expect(reasonIn(r, 'vi')).toEqual(['Chỉ lãnh đạo mới được duyệt khen thưởng ("đã duyệt"/"đã khen thưởng")']);
    expect(reasonIn(r, 'en')).toEqual(['Only leaders may approve nominees ("approved"/"awarded")']);
  });

  it('splits several refusals joined by " | " and drops repeats', () => {
    const r = [REFUSALS.approveNominee('n1'), REFUSALS.writeFacts('funds'), REFUSALS.approveNominee('n2')].map((x) => x.reason).join(' | ');
    const vi = reasonIn(r, 'vi');
    expect(vi).toHaveLength(2);
    expect(vi[1]).toBe('Chỉ lãnh đạo mới được sửa thông tin kế hoạch và quỹ (funds)');
    expect(reasonIn(r, 'en')[1]).toBe("Only leaders may change the plan's facts and funds (funds)");
  });

  it('shows a reason without a language separator as it is', () => {
    expect(reasonIn('something else', 'en')).toEqual(['something else']);
    expect(reasonIn('', 'vi')).toEqual([]);
  });

  it('names the entry of each area (ids may hold dots)', () => {
    expect(parseEntry('cards.n1')).toEqual({ area: 'cards', id: 'n1' });
    expect(parseEntry('cards.a.b')).toEqual({ area: 'cards', id: 'a.b' });
    expect(parseEntry('facts.funds')).toEqual({ area: 'facts', key: 'funds' });
    expect(parseEntry('units.finance')).toEqual({ area: 'units', id: 'finance' });
    expect(parseEntry('meta.title')).toEqual({ area: 'meta', key: 'title' });
    expect(parseEntry('agenda')).toEqual({ area: 'agenda' });
    expect(parseEntry('stray')).toEqual({ area: 'other', path: 'stray' });
    expect(parseEntry('other.x')).toEqual({ area: 'other', path: 'other.x' });
  });

  it('keeps one notice per distinct refusal, the newest last, at most a few', () => {
    const u = (id: number, entry: string): UndoneChange => ({ id, reason: 'r', entries: [entry], at: id });
    let list: UndoneChange[] = [];
    list = withUndone(list, u(1, 'cards.a'));
    list = withUndone(list, u(2, 'cards.b'));
    list = withUndone(list, u(3, 'cards.a'));
    expect(list.map((x) => x.id)).toEqual([2, 3]);
    for (let i = 4; i < 10; i++) list = withUndone(list, u(i, `cards.${i}`));
    expect(list).toHaveLength(MAX_UNDONE_NOTICES);
    expect(list.at(-1)!.id).toBe(9);
  });
});
