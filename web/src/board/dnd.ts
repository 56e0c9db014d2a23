/**
 * Native HTML5 drag and drop of cards between and within columns. While dragging, the column
 * under the pointer computes the card the drop would land before (by the middle of each card)
 * and shows a line there; the drop calls moveCard with that neighbour.
 */
import { createSignal } from 'solid-js';

export const DRAG_TYPE = 'application/x-binhan-card';

const [dragState, setDragState] = createSignal<{ cardId: string } | null>(null);
/** Where a drop would land: the column and the card it would go before (null = at the end). */
const [dropTarget, setDropTarget] = createSignal<{ unit: string; beforeId: string | null } | null>(null);
export { dragState, dropTarget };

export function startDrag(e: DragEvent, cardId: string): void {
  if (!e.dataTransfer) return;
  e.dataTransfer.effectAllowed = 'move';
  e.dataTransfer.setData(DRAG_TYPE, cardId);
  e.dataTransfer.setData('text/plain', cardId);
  setDragState({ cardId });
}

export function endDrag(): void {
  setDragState(null);
  setDropTarget(null);
}

/** The card id the drop lands before, from the pointer's y and the cards in the list. */
export function beforeIdAt(list: HTMLElement, clientY: number, draggedId: string | null): string | null {
  const cards = list.querySelectorAll<HTMLElement>('[data-card-id]');
  for (const el of cards) {
    const id = el.dataset['cardId'] ?? null;
    if (id === draggedId) continue;
    const r = el.getBoundingClientRect();
    if (clientY < r.top + r.height / 2) return id;
  }
  return null;
}

export function dragOver(e: DragEvent, unit: string, list: HTMLElement): void {
  const id = dragState()?.cardId ?? null;
  if (!id && !e.dataTransfer?.types.includes(DRAG_TYPE)) return;
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
  const beforeId = beforeIdAt(list, e.clientY, id);
  const cur = dropTarget();
  if (!cur || cur.unit !== unit || cur.beforeId !== beforeId) setDropTarget({ unit, beforeId });
}

export function draggedCardId(e: DragEvent): string | null {
  return e.dataTransfer?.getData(DRAG_TYPE) || dragState()?.cardId || null;
}

export function clearDropTarget(): void {
  setDropTarget(null);
}
