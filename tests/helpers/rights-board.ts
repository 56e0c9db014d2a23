/** A small planning board, raw handler events and a recording poster for the rights and audit tests. */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addCard, initBoard, type WriteContext } from '@binhan/core';
import type { ConnectionPoster } from '@binhan/functions';
import { decodeFrame } from '@binhan/transport';
import { ctx as writeContext, LIVE } from './write-context';

/** A live write context (the real clock, ids unique across runs) for `actor`. */
const ctx = (actor: string): WriteContext => writeContext(actor, LIVE);

export const FUND = { id: 'quy-tdkt', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commune award fund', amount: 50_000_000 };

/** Board with a council column, a task t1, nominees n1..n5 (proposed) and the award fund. */
export function buildBoard(doc: Y.Doc, boardId: string, actor = 'chu-tich'): void {
  initBoard(
    doc,
    {
      boardId,
      title: 'Hội nghị điển hình tiên tiến',
      units: [{ id: 'council', nameVi: 'Hội đồng Thi đua – Khen thưởng' }, { id: 'office', nameVi: 'Văn phòng – Thống kê' }],
      facts: { funds: [FUND], awardFundId: FUND.id },
    },
    ctx(actor),
  );
  addCard(doc, { kind: 'task', id: 't1', unit: 'office', title: 'Chuẩn bị hội trường' }, ctx(actor));
  for (const n of ['n1', 'n2', 'n3', 'n4', 'n5']) {
    addCard(doc, { kind: 'nominee', id: n, unit: 'council', name: `Ông ${n}`, nomineeKind: 'individual' }, ctx(actor));
  }
}

/** Every update `doc` emits while `edit` runs, merged. */
export function captureUpdate(doc: Y.Doc, edit: () => void): Uint8Array {
  const out: Uint8Array[] = [];
  const h = (u: Uint8Array) => out.push(u);
  doc.on('update', h);
  try {
    edit();
  } finally {
    doc.off('update', h);
  }
  return Y.mergeUpdates(out);
}

export function recordingPoster(): ConnectionPoster & { inbox: Map<string, string[]>; denied(connectionId: string): string[] } {
  const inbox = new Map<string, string[]>();
  return {
    inbox,
    async post(connectionId, frame) {
      const list = inbox.get(connectionId) ?? [];
      list.push(frame);
      inbox.set(connectionId, list);
    },
    async disconnect() {},
    denied(connectionId) {
      const out: string[] = [];
      for (const text of inbox.get(connectionId) ?? []) {
        const frame = decodeFrame(text);
        if (frame.kind !== 'message') continue;
        const d = decoding.createDecoder(frame.bytes);
        if (decoding.readVarUint(d) === 2 && decoding.readVarUint(d) === 0) out.push(decoding.readVarString(d));
      }
      return out;
    },
  };
}

export { wsEvent } from './ws-event';
