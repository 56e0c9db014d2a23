/** What an undo or redo step says to the person (announced, and shown when nothing was done). */
import { th } from '../i18n/strings-history';
import type { StepResult } from './undo';

export { undoHistoryOf } from './undo';

export function stepText(kind: 'undo' | 'redo', result: StepResult): string {
  if (result === 'done') return th(kind === 'undo' ? 'undone' : 'redone');
  if (result === 'overwritten') return th('overwritten');
  return th(kind === 'undo' ? 'nothingToUndo' : 'nothingToRedo');
}
