/** Removing a column that holds cards: they move to the chosen column or to "Chưa phân công"; none is lost. */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, addUnit, BoardValidationError, deleteCard, moveUnit, readBoard, removeUnit, renameUnit, restoreCard } from '@binhan/core';
import { buildBoard } from '../helpers/rights-board';
import { ctx } from '../helpers/write-context';

const ids = (doc: Y.Doc, unit: string) => readBoard(doc).cards.filter((c) => c.unit === unit).map((c) => c.id);

describe('columns managed in the app (core)', () => {
  it('moves the cards of a removed column to another one, in order, with those in the bin', () => {
    const doc = new Y.Doc();
    buildBoard(doc, 'u');
    addCard(doc, { kind: 'task', id: 't2', unit: 'office', title: 'Hai' }, ctx());
    addCard(doc, { kind: 'task', id: 't3', unit: 'office', title: 'Ba' }, ctx());
    deleteCard(doc, 't3', ctx());
    const total = () => { const b = readBoard(doc); return b.cards.length + b.deletedCards.length; };
    const n = total();
    removeUnit(doc, 'office', ctx(), { moveCardsTo: 'council' });
    expect(readBoard(doc).units.map((u) => u.id)).toEqual(['council']);
    expect(ids(doc, 'council').slice(-2)).toEqual(['t1', 't2']);
    expect(total()).toBe(n);
    restoreCard(doc, 't3', ctx());
    expect(readBoard(doc).cards.find((c) => c.id === 't3')!.unit).toBe('council');
  });

  it('creates the "Chưa phân công" column when asked, and refuses a bad destination', () => {
    const doc = new Y.Doc();
    buildBoard(doc, 'u2');
    const refused = (f: () => void) => { try { f(); } catch (e) { return (e as BoardValidationError).issues[0]!.code; } return null; };
    expect(refused(() => removeUnit(doc, 'office', ctx()))).toBe('unit-not-empty');
    expect(refused(() => removeUnit(doc, 'office', ctx(), { moveCardsTo: 'office' }))).toBe('invalid');
    expect(refused(() => removeUnit(doc, 'office', ctx(), { moveCardsTo: 'nowhere' }))).toBe('unknown-unit');
    removeUnit(doc, 'office', ctx(), { moveCardsTo: 'unassigned' });
    const b = readBoard(doc);
    expect(b.units.map((u) => [u.id, u.nameVi, u.nameEn])).toEqual([['council', 'Hội đồng Thi đua – Khen thưởng', 'Hội đồng Thi đua – Khen thưởng'], ['unassigned', 'Chưa phân công', 'Unassigned']]);
    expect(ids(doc, 'unassigned')).toEqual(['t1']);
  });

  it('adds, renames (vi and en) and reorders', () => {
    const doc = new Y.Doc();
    buildBoard(doc, 'u3');
    const u = addUnit(doc, { nameVi: 'Trạm Y tế xã', nameEn: 'Health station' }, ctx());
    expect(u.id).toBe('tram-y-te-xa');
    renameUnit(doc, u.id, { nameVi: 'Trạm Y tế', nameEn: 'Health post' }, ctx());
    moveUnit(doc, u.id, 0, ctx());
    expect(readBoard(doc).units.map((x) => `${x.id}:${x.nameVi}/${x.nameEn}`)).toEqual(['tram-y-te-xa:Trạm Y tế/Health post', 'council:Hội đồng Thi đua – Khen thưởng/Hội đồng Thi đua – Khen thưởng', 'office:Văn phòng – Thống kê/Văn phòng – Thống kê']);
  });
});
