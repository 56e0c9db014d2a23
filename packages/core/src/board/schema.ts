/**
 * The board's data: zod schemas for what a write may contain, and the TypeScript types of
 * what a read returns. Optional values are stored as null (Yjs cannot hold undefined).
 */
import * as z from 'zod/mini';
import { isRealIsoDate, type IsoDate } from '../util/dates';
import { AWARD_FORM_IDS, type AwardFormId } from '../awards/forms';
import { NOMINEE_KINDS, type NomineeKind } from '../awards/recipients';

export const CARD_KINDS = ['task', 'nominee', 'budget'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
/** The field that names a card of each kind (what lists, the history and the audit show it by). */
export const CARD_NAME_FIELD = { task: 'title', nominee: 'name', budget: 'line' } as const satisfies Record<CardKind, string>;
/** Those fields, for code that meets a field without its card's kind. */
export const CARD_NAME_FIELDS: readonly string[] = Object.values(CARD_NAME_FIELD);
export const TASK_STATUSES = ['todo', 'in-progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** tập thể / hộ gia đình / cá nhân (defined with the award rules, which name the same recipients) */
export { NOMINEE_KINDS, type NomineeKind };
/** proposed → reviewed by the council → approved by the chairman → awarded */
export const REVIEW_STATUSES = ['proposed', 'council-reviewed', 'approved', 'awarded'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const BUDGET_STATUSES = ['planned', 'approved', 'spent'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

export const LIMITS = {
  title: 300,
  text: 5000,
  shortText: 200,
  clause: 40,
  checklistText: 500,
  /** A checklist item's id (its key in the card's nested map), trimmed. */
  checklistItemId: 100,
  maxVnd: 1_000_000_000_000,
  maxQuantity: 1_000_000,
  /** A due date at most this many days before or after the conference. */
  maxDueOffsetDays: 730,
} as const;

export const UNIT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// ---------- field schemas ----------

const isoDate = z.string().check(
  z.superRefine((v, ctx) => {
    if (!isRealIsoDate(v)) ctx.addIssue({ code: 'custom', message: 'invalid date', params: { code: 'invalid-date' } });
  }),
);
const clockTime = z.string().check(
  z.superRefine((v, ctx) => {
    if (!/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(v)) ctx.addIssue({ code: 'custom', message: 'invalid time of day', params: { code: 'invalid-clock' } });
  }),
);
const requiredText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(max)))),
    z.transform((v) => (v ? v : null)),
  );
const vnd = z.number().check(z.int(), z.nonnegative(), z.maximum(LIMITS.maxVnd));

export const checklistItemInputSchema = z.strictObject({
  id: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.checklistItemId))),
  text: requiredText(LIMITS.checklistText),
  done: z._default(z.optional(z.boolean()), false),
});

export const taskFieldsSchema = z.strictObject({
  title: requiredText(LIMITS.title),
  clause: optionalText(LIMITS.clause),
  description: z._default(z.optional(z.string().check(z.maxLength(LIMITS.text))), ''),
  assignee: optionalText(LIMITS.shortText),
  /** Cooperating units (đơn vị phối hợp), as the plan names them: "Trạm Y tế xã, Các thôn". */
  cooperating: optionalText(LIMITS.checklistText),
  due: z.pipe(z.optional(z.nullable(isoDate)), z.transform((v) => v ?? null)),
  /**
   * Days from the conference date to the due date (−14: two weeks before; 7: a week after);
   * null when the due date does not follow the conference. See plan/due-dates.ts.
   */
  dueOffsetDays: z.pipe(
    z.optional(z.nullable(z.number().check(z.int(), z.minimum(-LIMITS.maxDueOffsetDays), z.maximum(LIMITS.maxDueOffsetDays)))),
    z.transform((v) => v ?? null),
  ),
  status: z._default(z.optional(z.enum(TASK_STATUSES)), 'todo'),
  checklist: z._default(z.optional(z.array(checklistItemInputSchema).check(z.maxLength(200))), []),
});

export const nomineeFieldsSchema = z.strictObject({
  name: requiredText(LIMITS.shortText),
  nomineeKind: z.enum(NOMINEE_KINDS),
  achievement: z._default(z.optional(z.string().check(z.maxLength(LIMITS.text))), ''),
  awardForm: z.pipe(z.optional(z.nullable(z.enum(AWARD_FORM_IDS))), z.transform((v) => v ?? null)),
  reviewStatus: z._default(z.optional(z.enum(REVIEW_STATUSES)), 'proposed'),
  decisionDate: z.pipe(z.optional(z.nullable(isoDate)), z.transform((v) => v ?? null)),
  dossier: z._default(z.optional(z.array(checklistItemInputSchema).check(z.maxLength(200))), []),
});

export const budgetFieldsSchema = z.strictObject({
  line: requiredText(LIMITS.title),
  quantity: z.number().check(z.nonnegative(), z.maximum(LIMITS.maxQuantity)),
  unitPrice: vnd,
  /** Optional on input; when given it must equal quantity × unitPrice. */
  amount: z.optional(vnd),
  fundingSource: requiredText(100),
  status: z._default(z.optional(z.enum(BUDGET_STATUSES)), 'planned'),
});

export const FIELD_SCHEMAS = {
  task: taskFieldsSchema,
  nominee: nomineeFieldsSchema,
  budget: budgetFieldsSchema,
} as const;

/** The kind-specific fields of each card kind, in display order. */
export const CARD_FIELDS: Record<CardKind, readonly string[]> = {
  task: ['title', 'clause', 'description', 'assignee', 'cooperating', 'due', 'dueOffsetDays', 'status', 'checklist'],
  nominee: ['name', 'nomineeKind', 'achievement', 'awardForm', 'reviewStatus', 'decisionDate', 'dossier'],
  budget: ['line', 'quantity', 'unitPrice', 'amount', 'fundingSource', 'status'],
};
/** Fields holding a checklist (stored as a nested Y.Map so ticks by two people merge). */
export const CHECKLIST_FIELDS = ['checklist', 'dossier'] as const;

export const unitInputSchema = z.strictObject({
  id: z.optional(z.string().check(z.regex(UNIT_ID), z.maxLength(60))),
  nameVi: requiredText(LIMITS.shortText),
  nameEn: optionalText(LIMITS.shortText),
  index: z.optional(z.number().check(z.int(), z.nonnegative())),
});

export const fundSchema = z.strictObject({
  id: z.string().check(z.regex(UNIT_ID), z.maxLength(60)),
  nameVi: requiredText(LIMITS.shortText),
  nameEn: requiredText(LIMITS.shortText),
  amount: z.nullable(vnd),
});

export const factsPatchSchema = z.strictObject({
  planNumber: optionalText(60),
  planDate: z.optional(z.nullable(isoDate)),
  delegateCap: z.optional(z.nullable(z.number().check(z.int(), z.nonnegative(), z.maximum(100_000)))),
  delegateCount: z.optional(z.nullable(z.number().check(z.int(), z.nonnegative(), z.maximum(100_000)))),
  chairs: z.optional(z.nullable(z.number().check(z.int(), z.nonnegative(), z.maximum(100)))),
  session: z.optional(
    z.nullable(
      z.strictObject({
        count: z.number().check(z.int(), z.nonnegative(), z.maximum(100)),
        quarter: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(4))),
        year: z.nullable(z.number().check(z.int(), z.minimum(1900), z.maximum(2200))),
        text: z.string().check(z.maxLength(LIMITS.text)),
      }),
    ),
  ),
  conferenceDate: z.optional(z.nullable(isoDate)),
  /** "08:00" (24-hour, Vietnam time). */
  conferenceTime: z.optional(z.nullable(clockTime)),
  conferencePlace: optionalText(LIMITS.shortText),
  fundingText: optionalText(LIMITS.text),
  funds: z.optional(z.array(fundSchema).check(z.maxLength(50))),
  awardFundId: z.optional(z.nullable(z.string().check(z.regex(UNIT_ID), z.maxLength(60)))),
});

// ---------- what reads return ----------

export interface ChecklistItem {
  id: string;
  text: string;
  done: boolean;
}

export interface CardMeta {
  id: string;
  kind: CardKind;
  /** The column: a unit id. */
  unit: string;
  /** Fractional index within the column; sort by (order, id). */
  order: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** Set when the card is in the bin (deleteCard); restoreCard clears it. */
  deletedAt: string | null;
  deletedBy: string | null;
}

export interface TaskFields {
  title: string;
  clause: string | null;
  description: string;
  assignee: string | null;
  cooperating: string | null;
  due: IsoDate | null;
  /** Days from the conference date to `due`; null when the due date is set by hand. */
  dueOffsetDays: number | null;
  status: TaskStatus;
  checklist: ChecklistItem[];
}
export interface NomineeFields {
  name: string;
  nomineeKind: NomineeKind;
  achievement: string;
  awardForm: AwardFormId | null;
  reviewStatus: ReviewStatus;
  decisionDate: IsoDate | null;
  dossier: ChecklistItem[];
}
export interface BudgetFields {
  line: string;
  quantity: number;
  unitPrice: number;
  /** quantity × unitPrice, whole đồng. */
  amount: number;
  fundingSource: string;
  status: BudgetStatus;
}

export type TaskCard = CardMeta & { kind: 'task' } & TaskFields;
export type NomineeCard = CardMeta & { kind: 'nominee' } & NomineeFields;
export type BudgetCard = CardMeta & { kind: 'budget' } & BudgetFields;
export type Card = TaskCard | NomineeCard | BudgetCard;

type ChecklistInput = { id?: string; text: string; done?: boolean };
type InputOf<F> = {
  [K in keyof F]?: F[K] extends ChecklistItem[] ? ChecklistInput[] : F[K] | null;
};
export type NewTaskInput = { kind: 'task'; unit: string; id?: string } & InputOf<TaskFields> & { title: string };
export type NewNomineeInput = { kind: 'nominee'; unit: string; id?: string } & InputOf<NomineeFields> & {
  name: string;
  nomineeKind: NomineeKind;
};
export type NewBudgetInput = { kind: 'budget'; unit: string; id?: string } & InputOf<BudgetFields> & {
  line: string;
  quantity: number;
  unitPrice: number;
};
export type NewCardInput = NewTaskInput | NewNomineeInput | NewBudgetInput;
/** A change to a card's own fields (moving is moveCard's job). */
export type CardPatch = InputOf<TaskFields> | InputOf<NomineeFields> | InputOf<BudgetFields>;

export interface Unit {
  id: string;
  nameVi: string;
  nameEn: string;
  order: string;
  /** True for a removed unit still shown because a concurrent edit left a card in it. */
  removed: boolean;
}

export interface Fund {
  id: string;
  nameVi: string;
  nameEn: string;
  /** Money available in the fund, đồng; null when not set. */
  amount: number | null;
}

export interface Session {
  count: number;
  quarter: number | null;
  year: number | null;
  text: string;
}

export interface BoardFacts {
  planNumber: string | null;
  planDate: IsoDate | null;
  delegateCap: number | null;
  delegateCount: number | null;
  chairs: number | null;
  session: Session | null;
  conferenceDate: IsoDate | null;
  /** "HH:MM", Vietnam time. */
  conferenceTime: string | null;
  conferencePlace: string | null;
  fundingText: string | null;
  funds: Fund[];
  /** The fund award cash is drawn from (quỹ thi đua, khen thưởng). */
  awardFundId: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}
export type FactsPatch = z.input<typeof factsPatchSchema>;

export interface AgendaItem {
  id: string;
  text: string;
}

export interface BoardSnapshot {
  version: number;
  boardId: string;
  title: string;
  createdAt: string;
  createdBy: string;
  facts: BoardFacts;
  /** Units in column order. */
  units: Unit[];
  /** Live cards, by column order then order within the column. */
  cards: Card[];
  /** Cards in the bin. */
  deletedCards: Card[];
  agenda: AgendaItem[];
  /** Stored values that could not be read and were skipped (damage from an older server). */
  problems: Array<{ path: string; vi: string; en: string }>;
}

export const EMPTY_FACTS: BoardFacts = {
  planNumber: null,
  planDate: null,
  delegateCap: null,
  delegateCount: null,
  chairs: null,
  session: null,
  conferenceDate: null,
  conferenceTime: null,
  conferencePlace: null,
  fundingText: null,
  funds: [],
  awardFundId: null,
  updatedAt: null,
  updatedBy: null,
};
