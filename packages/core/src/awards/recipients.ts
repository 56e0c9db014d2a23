/**
 * Who an award goes to — tập thể / hộ gia đình / cá nhân: the recipients the award law and the
 * cash rules name, and the kinds of nominee card on the board (board/schema.ts re-exports them).
 */
export const NOMINEE_KINDS = ['collective', 'household', 'individual'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];
