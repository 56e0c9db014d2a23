/**
 * Which budget lines draw on a fund. A fund that lines still name cannot be removed from the
 * facts: the lines would show a bare id and fall out of the budget-against-funds figures. Lines
 * in the trash count too, since restoring one brings its fund back into use.
 */
import type { BoardFacts, BoardSnapshot } from './schema';
import { issue, type Issue } from '../validation/issues';

export interface FundUsage {
  live: number;
  trashed: number;
}

export function budgetLinesOfFund(board: Pick<BoardSnapshot, 'cards' | 'deletedCards'>, fundId: string): FundUsage {
  const count = (cards: BoardSnapshot['cards']) => cards.filter((c) => c.kind === 'budget' && c.fundingSource === fundId).length;
  return { live: count(board.cards), trashed: count(board.deletedCards) };
}

/** One issue per fund of `before` that `keptIds` drops while budget lines still use it. */
export function fundRemovalIssues(board: Pick<BoardSnapshot, 'cards' | 'deletedCards'>, before: BoardFacts['funds'], keptIds: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  for (const fund of before) {
    if (keptIds.has(fund.id)) continue;
    const { live, trashed } = budgetLinesOfFund(board, fund.id);
    if (live + trashed === 0) continue;
    issues.push(issue('funds', 'fund-in-use',
      `Nguồn "${fund.nameVi}" đang dùng cho ${live + trashed} khoản kinh phí${trashed ? ` (${trashed} trong thùng rác)` : ''}: hãy chuyển các khoản đó sang nguồn khác trước khi bỏ nguồn này`,
      `The fund "${fund.nameEn}" is used by ${live + trashed} budget item(s)${trashed ? ` (${trashed} in the trash)` : ''}: move them to another fund before removing it`));
  }
  return issues;
}
