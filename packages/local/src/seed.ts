/** The board `npm start` creates on first start. */
import * as Y from 'yjs';

export const SEED_BOARD_ID = 'binh-an-27';

export function seedBoardUpdate(now: Date): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('title', 'Kế hoạch 27/KH-UBND – Hội nghị tuyên dương điển hình tiên tiến xã Bình An');
    meta.set('createdAt', now.toISOString());
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
