/**
 * Which budget lines draw on a fund. A fund that lines still name cannot be removed from the
 * facts: the lines would show a bare id and fall out of the budget-against-funds figures. Lines
 * in the trash count too, since restoring one brings its fund back into use. The board model
 * (setFacts) and the server's write guard both ask this, the guard of the doc's raw entries.
 */
import * as Y from 'yjs';
import type { BoardFacts, BoardSnapshot } from './schema';
import { issue, type Issue } from '../validation/issues';

export interface FundUsage {
  live: number;
  trashed: number;
}

/** A card as far as fund usage reads it (a snapshot's card, or the fields of a stored entry). */
export interface FundLine {
  kind: unknown;
  fundingSource?: unknown;
  deletedAt?: unknown;
}

/** The fund fields of every card entry of a doc's cards map (garbage entries skipped), live and in the trash. */
export function fundLinesOf(cards: Y.Map<unknown>): FundLine[] {
  const lines: FundLine[] = [];
  cards.forEach((m) => {
    if (m instanceof Y.Map) lines.push({ kind: m.get('kind'), fundingSource: m.get('fundingSource'), deletedAt: m.get('deletedAt') });
  });
  return lines;
}

export function fundUsage(lines: Iterable<FundLine>, fundId: string): FundUsage {
  const usage = { live: 0, trashed: 0 };
  for (const c of lines) {
    if (c.kind !== 'budget' || c.fundingSource !== fundId) continue;
    if (c.deletedAt) usage.trashed++;
    else usage.live++;
  }
  return usage;
}

export function budgetLinesOfFund(board: Pick<BoardSnapshot, 'cards' | 'deletedCards'>, fundId: string): FundUsage {
  return fundUsage([...board.cards, ...board.deletedCards], fundId);
}

/** One issue per fund of `before` that `keptIds` drops while budget lines still use it. */
export function fundRemovalIssues(lines: readonly FundLine[], before: BoardFacts['funds'], keptIds: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  for (const fund of before) {
    if (keptIds.has(fund.id)) continue;
    const { live, trashed } = fundUsage(lines, fund.id);
    if (live + trashed === 0) continue;
    issues.push(issue('funds', 'fund-in-use',
      `Nguồn "${fund.nameVi}" đang dùng cho ${live + trashed} khoản kinh phí${trashed ? ` (${trashed} trong thùng rác)` : ''}: hãy chuyển các khoản đó sang nguồn khác trước khi bỏ nguồn này`,
      `The fund "${fund.nameEn}" is used by ${live + trashed} budget item(s)${trashed ? ` (${trashed} in the trash)` : ''}: move them to another fund before removing it`));
  }
  return issues;
}
