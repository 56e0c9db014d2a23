/**
 * Turns zod's findings into messages a commune staff member understands, and checks the
 * things zod cannot see alone (the context of a write, ids).
 */
import type { z } from 'zod/mini';
import { BoardValidationError, say, issue, labelOfPath, type Issue } from '../validation/issues';
import { isValidInstant } from '../util/dates';
import { UNIT_ID } from './schema';

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

type ZodIssue = z.core.$ZodIssue;

export function fromZodIssue(zi: ZodIssue, data: unknown, prefix = ''): Issue {
  const rel = zi.path.map(String).join('.');
  const path = [prefix, rel].filter(Boolean).join('.');
  const input = valueAt(data, zi.path);
  switch (zi.code) {
    case 'invalid_type': {
      if (input === undefined || input === null || (typeof input === 'string' && input.trim() === ''))
        return say.required(path);
      if (zi.expected === 'int' && typeof input === 'number') return say.notInteger(path);
      return say.wrongType(path, String(zi.expected));
    }
    case 'too_small':
      if (zi.origin === 'string') return say.required(path);
      if (zi.origin === 'number' && Number(zi.minimum) === 0) return say.negative(path);
      {
        const l = labelOfPath(path);
        return issue(path, 'invalid', `${l.vi} phải từ ${String(zi.minimum)} trở lên`,
          `${l.en} must be at least ${String(zi.minimum)}`);
      }
    case 'too_big':
      if (zi.origin === 'string') return say.tooLong(path, Number(zi.maximum));
      return say.tooLarge(path, Number(zi.maximum));
    case 'invalid_value':
      return say.unknownValue(path, input, zi.values.map(String));
    case 'invalid_format':
      return say.invalidId(path, input);
    case 'unrecognized_keys':
      return say.unknownField(path, zi.keys[0] ?? '?');
    case 'custom': {
      const code = (zi.params as { code?: string } | undefined)?.code;
      if (code === 'invalid-date') return say.invalidDate(path, input);
      if (code === 'invalid-clock') {
        const l = labelOfPath(path);
        return issue(path, 'invalid-time', `${l.vi} "${String(input)}" không hợp lệ (nhập giờ:phút theo 24 giờ, ví dụ 07:30)`,
          `${l.en} "${String(input)}" is not valid (use hours:minutes, 24-hour, e.g. 07:30)`);
      }
      break;
    }
    default:
      break;
  }
  const l = labelOfPath(path);
  return issue(path, 'invalid', `${l.vi} không hợp lệ`, `${l.en} is not valid`);
}

/** Parse with a schema; on failure return the issues in both languages. */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  data: unknown,
  prefix = '',
): { ok: true; value: z.output<S> } | { ok: false; issues: Issue[] } {
  const r = schema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  const issues: Issue[] = [];
  for (const zi of r.error.issues) {
    if (zi.code === 'unrecognized_keys') {
      for (const k of zi.keys) issues.push(say.unknownField([prefix, ...zi.path.map(String)].filter(Boolean).join('.'), k));
    } else issues.push(fromZodIssue(zi, data, prefix));
  }
  return { ok: false, issues };
}

export function fail(issues: Issue[]): never {
  throw new BoardValidationError(issues);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Who changed the board, and when. */
export interface WriteContext {
  /** The staff member making the change (name or account id). */
  actor: string;
  /** The time of the change; tests inject it. */
  now: Date | string;
  /** Id source for new cards, units, checklist items; defaults to crypto.randomUUID(). */
  newId?: () => string;
  /** Passed to Y.Doc.transact, e.g. for a Y.UndoManager's trackedOrigins. */
  origin?: unknown;
}

export function contextIssues(ctx: WriteContext | undefined): Issue[] {
  const out: Issue[] = [];
  if (!ctx || typeof ctx.actor !== 'string' || ctx.actor.trim() === '') out.push(say.required('actor'));
  if (!ctx || !isValidInstant(ctx.now)) out.push(say.invalidTime('now', ctx?.now));
  return out;
}

export function checkContext(ctx: WriteContext): void {
  const issues = contextIssues(ctx);
  if (issues.length) fail(issues);
}

export function isUnitId(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 60 && UNIT_ID.test(v);
}

export function newId(ctx: WriteContext): string {
  if (ctx.newId) return ctx.newId();
  return globalThis.crypto.randomUUID();
}
