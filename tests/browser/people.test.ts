/**
 * People on the board in real headless Chromium, two people at once: Chị Lan (board admin)
 * and Anh Minh (editor), each a member with an account, each on their own link.
 *  - a comment with an @mention appears live for the other, with the count on the card, the
 *    mention marked for the person named; only the author is offered edit and delete;
 *  - the assignee is chosen from the board's members; "Việc của tôi" keeps to one's tasks, and
 *    the filters stay in the address (reload, back);
 *  - the admin adds, renames, reorders and removes columns; removing one that holds cards asks
 *    where they go, and the other person's board and dashboard follow live with no card lost.
 * Screenshots (desktop and 390 × 844) go to test-artifacts/screenshots/people-*.png (not committed).
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addCard, readBoard, readComments } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';
import { Memberships } from '@binhan/functions';
import { hasChromium, requireTool } from '../helpers/tools';
import { see } from '../helpers/page-expect';
import { storedDoc } from '../helpers/sync-clients';
import { buildWeb, launchChromium, openPage, screenshotPath, startBrowserStack, type BrowserStack } from '../helpers/browser';

const run = requireTool('Chromium', hasChromium);
const PHONE = { width: 390, height: 844 };

describe.skipIf(!run)('comments, people and columns in Chromium (two people)', () => {
  let bs: BrowserStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let seq = 0;
  const people = {} as Record<'lan' | 'minh', { userId: string; name: string }>;

  async function newBoard(): Promise<string> {
    const boardId = `pp-${Date.now().toString(36)}-${seq++}`;
    // In the board registry (as the app's "new board" does), so the HTTP routes know it.
    const doc = new Y.Doc();
    const ctx = { actor: 'seed', now: new Date() };
    seedPlan27Board(doc, { boardId, ...ctx });
    addCard(doc, { kind: 'task', id: 'task-hall', unit: 'culture-society', title: 'Trang trí hội trường', assignee: 'Trần Văn Minh' }, ctx);
    addCard(doc, { kind: 'task', id: 'task-invite', unit: 'office-statistics', title: 'Gửi giấy mời đại biểu', assignee: 'Nguyễn Thị Lan' }, ctx);
    await bs.stack.registry.create({ boardId, title: 'Hội nghị điển hình tiên tiến', createdAt: new Date().toISOString(), createdBy: 'seed' }, Y.encodeStateAsUpdate(doc));
    const memberships = new Memberships(bs.stack.table);
    await memberships.put(boardId, people.lan.userId, 'admin', 'test');
    await memberships.put(boardId, people.minh.userId, 'editor', 'test');
    return boardId;
  }

  async function open(boardId: string, who: 'lan' | 'minh', extra: { viewport?: { width: number; height: number }; hash?: string } = {}) {
    const p = people[who];
    const token = bs.stack.tokens.issue({ boardId, role: who === 'lan' ? 'admin' : 'editor', ttlSeconds: 3600, subject: p.userId });
    const url = `${bs.stack.gateway.httpUrl}/?board=${encodeURIComponent(boardId)}&token=${encodeURIComponent(token)}${extra.hash ?? ''}`;
    const r = await openPage(browser, url, { name: p.name, label: who, ...(extra.viewport ? { viewport: extra.viewport } : {}) });
    contexts.push(r.context);
    await see(r.page.getByTestId('connection-status'), { timeout: 15_000 }).toHaveAttribute('data-status', 'online');
    return r.page;
  }
  const card = (page: Page, id: string) => page.locator(`[data-card-id="${id}"]`);
  const column = (page: Page, unit: string) => page.locator(`section.column[data-unit="${unit}"]`);
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: screenshotPath(`people-${name}`) });
  };

  beforeAll(async () => {
    const webRoot = await buildWeb();
    bs = await startBrowserStack(webRoot);
    for (const [key, name, email] of [['lan', 'Nguyễn Thị Lan', 'lan@binhan.gov.vn'], ['minh', 'Trần Văn Minh', 'minh@binhan.gov.vn']] as const) {
      const { account } = await bs.stack.accounts.create({ email, name, status: 'active', passwordHash: 'x', createdBy: 'test' });
      people[key] = { userId: account.userId, name };
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await bs?.close();
    if (bs?.webRoot) rmSync(bs.webRoot, { recursive: true, force: true });
  });

  it('a comment with a mention appears live for the other, with the count; only its author may change it', async () => {
    const boardId = await newBoard();
    const lan = await open(boardId, 'lan');
    const minh = await open(boardId, 'minh');
    await see(card(minh, 'task-hall')).toBeVisible();
    await see(card(minh, 'task-hall').getByTestId('card-comment-count')).toHaveCount(0);

    // Chị Lan opens the card and writes "@Trầ…": the board's member is suggested.
    await card(lan, 'task-hall').click();
    const box = lan.getByLabel('Viết bình luận', { exact: true });
    await box.click();
    await box.pressSequentially('Nhờ @Trầ');
    const suggestions = lan.getByTestId('mention-suggestions');
    await see(suggestions).toContainText('@Trần Văn Minh');
    await suggestions.getByRole('button', { name: '@Trần Văn Minh' }).click();
    await box.pressSequentially('kiểm tra âm thanh trước 20/3');
    expect(await box.inputValue()).toBe('Nhờ @Trần Văn Minh kiểm tra âm thanh trước 20/3');
    await lan.getByRole('button', { name: 'Gửi', exact: true }).click();
    await see(lan.getByTestId('comments').locator('.comment')).toHaveCount(1);
    await see(lan.getByTestId('comments-count')).toHaveText('(1)');

    // Anh Minh sees the count on the card at once, then the comment, his name marked.
    await see(card(minh, 'task-hall').getByTestId('card-comment-count')).toHaveText('💬 1 bình luận');
    await card(minh, 'task-hall').click();
    const theirs = minh.getByTestId('comments').locator('.comment').first();
    await see(theirs).toContainText('Nguyễn Thị Lan');
    await see(theirs.locator('mark.mention--me')).toHaveText('@Trần Văn Minh');
    await see(theirs).toContainText('nhắc đến bạn');
    // Not his comment: no edit or delete offered.
    await see(theirs.getByRole('button', { name: 'Sửa' })).toHaveCount(0);
    await see(theirs.getByRole('button', { name: 'Xóa' })).toHaveCount(0);
    await minh.getByTestId('comments').scrollIntoViewIfNeeded();
    await shot(minh, 'comments-desktop');

    // Chị Lan edits her own comment: Anh Minh sees the new text and "đã sửa".
    const mine = lan.getByTestId('comments').locator('.comment').first();
    await mine.getByRole('button', { name: 'Sửa' }).click();
    const edit = mine.locator('textarea');
    await edit.fill('Nhờ @Trần Văn Minh kiểm tra âm thanh trước 18/3');
    await mine.getByRole('button', { name: 'Lưu bình luận' }).click();
    await see(theirs).toContainText('trước 18/3');
    await see(theirs).toContainText('đã sửa');

    // Anh Minh answers; Chị Lan sees 2 comments live, and his has no edit button for her.
    const reply = minh.getByLabel('Viết bình luận', { exact: true });
    await reply.fill('Đã nhận, em sẽ kiểm tra @Nguyễn Thị Lan');
    await minh.getByRole('button', { name: 'Gửi', exact: true }).click();
    await see(lan.getByTestId('comments').locator('.comment')).toHaveCount(2);
    await see(lan.getByTestId('comments').locator('.comment').nth(1).getByRole('button', { name: 'Sửa' })).toHaveCount(0);
    await see(lan.getByTestId('comments').locator('.comment').nth(1).locator('mark.mention--me')).toHaveText('@Nguyễn Thị Lan');

    // Chị Lan deletes her comment (inline confirmation): gone for both, the count follows.
    await mine.getByRole('button', { name: 'Xóa' }).click();
    await mine.getByRole('group', { name: 'Xóa bình luận này?' }).getByRole('button', { name: 'Xóa' }).click();
    await see(minh.getByTestId('comments').locator('.comment')).toHaveCount(1);
    await minh.keyboard.press('Escape');
    await see(card(minh, 'task-hall').getByTestId('card-comment-count')).toHaveText('💬 1 bình luận');

    // Storage holds the one comment, by its author's account id.
    await bs.stack.gateway.idle();
    const stored = readComments(await storedDoc(bs.stack, boardId), 'task-hall');
    expect(stored.map((c) => [c.authorId, c.authorName, c.mentions.map((m) => m.id)])).toEqual([[people.minh.userId, 'Trần Văn Minh', [people.lan.userId]]]);

    // At phone width.
    const phone = await open(boardId, 'minh', { viewport: PHONE });
    await card(phone, 'task-hall').click();
    await see(phone.getByTestId('comments').locator('.comment')).toHaveCount(1);
    await phone.getByTestId('comments').scrollIntoViewIfNeeded();
    await shot(phone, 'comments-phone');
  });

  it('assigning from the members and "Việc của tôi", kept in the address on reload and back', async () => {
    const boardId = await newBoard();
    const lan = await open(boardId, 'lan');
    const minh = await open(boardId, 'minh');

    // Chị Lan assigns the invitations to Anh Minh, chosen from the members.
    await card(lan, 'task-invite').click();
    const assignee = lan.locator('#f-assignee');
    await see(lan.getByTestId('assignee-people').locator('option[value="Trần Văn Minh"]')).toHaveCount(1);
    await see(lan.getByTestId('assignee-people').locator('option[value="Nguyễn Thị Lan"]')).toHaveCount(1);
    await assignee.fill('Trần Văn Minh');
    await lan.getByRole('button', { name: 'Lưu', exact: true }).click();
    await see(card(minh, 'task-invite')).toContainText('Trần Văn Minh');

    // Anh Minh keeps to his own tasks: the two assigned to him, nothing else.
    await minh.getByTestId('filter-mine').check();
    await expect.poll(() => minh.evaluate(() => new URL(location.href).searchParams.get('mine'))).toBe('1');
    await see(minh.locator('[data-card-id]')).toHaveCount(2);
    expect((await minh.locator('[data-card-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-card-id')))).sort()).toEqual(['task-hall', 'task-invite']);
    await see(minh.locator('.filters__mine')).toContainText('việc giao cho Trần Văn Minh');
    await shot(minh, 'my-tasks-desktop');

    // Reload: the filter is still on, the same two cards.
    await minh.reload();
    await see(minh.getByTestId('connection-status'), { timeout: 15_000 }).toHaveAttribute('data-status', 'online');
    await see(minh.locator('[data-card-id]')).toHaveCount(2);
    expect(await minh.getByTestId('filter-mine').isChecked()).toBe(true);

    // A second filter (the unit) is a new step in the history; back returns to "mine" alone.
    await minh.locator('.filters select').first().selectOption('culture-society');
    await expect.poll(() => minh.evaluate(() => new URL(location.href).searchParams.get('unit'))).toBe('culture-society');
    await see(minh.locator('[data-card-id]')).toHaveCount(1);
    await minh.goBack();
    await expect.poll(() => minh.evaluate(() => new URL(location.href).searchParams.get('unit'))).toBe(null);
    await see(minh.locator('[data-card-id]')).toHaveCount(2);
    expect(await minh.locator('.filters select').first().inputValue()).toBe('');
    await minh.goForward();
    await see(minh.locator('[data-card-id]')).toHaveCount(1);

    // Free text still works for someone outside the system.
    await card(lan, 'task-hall').click();
    await lan.locator('#f-assignee').fill('Ông Ba (thôn Đông)');
    await lan.getByRole('button', { name: 'Lưu', exact: true }).click();
    await see(card(lan, 'task-hall')).toContainText('Ông Ba (thôn Đông)');
    await see(minh.locator('[data-card-id]')).toHaveCount(0); // forward state: mine + culture-society, and task-hall is no longer his

    const phone = await open(boardId, 'minh', { viewport: PHONE, hash: '' });
    await phone.getByTestId('filter-mine').check();
    await see(phone.locator('[data-card-id]')).toHaveCount(1);
    await shot(phone, 'my-tasks-phone');
  });

  it('two people change the same title: the later save is told it overwrote the other, and can take it back', async () => {
    const boardId = await newBoard();
    const lan = await open(boardId, 'lan');
    const minh = await open(boardId, 'minh');
    await card(lan, 'task-hall').click();
    await lan.locator('#f-title').fill('Trang trí hội trường UBND xã');
    // Meanwhile Anh Minh saves another title.
    await card(minh, 'task-hall').click();
    await minh.locator('#f-title').fill('Trang trí và âm thanh hội trường');
    await minh.getByRole('button', { name: 'Lưu', exact: true }).click();
    // Chị Lan's form says so under the field before she saves.
    await see(lan.getByTestId('title-meanwhile')).toContainText('đã được người khác đổi thành “Trang trí và âm thanh hội trường”');
    await lan.getByRole('button', { name: 'Lưu', exact: true }).click();
    await see(card(minh, 'task-hall')).toContainText('Trang trí hội trường UBND xã');
    const toast = lan.locator('.toast').filter({ hasText: 'Bạn vừa ghi đè thay đổi của người khác' });
    await see(toast).toContainText('Tiêu đề: phiên bản kia là “Trang trí và âm thanh hội trường”');
    await shot(lan, 'overwritten-desktop');
    // Anh Minh, who saved first, is told too: by whom, what it is now, what his was.
    const told = minh.locator('.toast').filter({ hasText: 'vừa ghi đè thay đổi của bạn' });
    await see(told).toContainText('Nguyễn Thị Lan vừa ghi đè thay đổi của bạn');
    await see(told).toContainText('Tiêu đề “Trang trí và âm thanh hội trường” của bạn giờ là “Trang trí hội trường UBND xã”');
    await shot(minh, 'overwritten-first-saver');
    await toast.getByRole('button', { name: 'Lấy lại phiên bản kia' }).click();
    await see(card(minh, 'task-hall')).toContainText('Trang trí và âm thanh hội trường');
    await see(card(lan, 'task-hall')).toContainText('Trang trí và âm thanh hội trường');
    // His version back is not another overwrite: still one notice.
    await minh.waitForTimeout(300);
    await see(told).toHaveCount(1);
  });

  it('the earlier saver takes their version back from the notice; the later saver sees it live', async () => {
    const boardId = await newBoard();
    const lan = await open(boardId, 'lan');
    const minh = await open(boardId, 'minh');
    await card(minh, 'task-hall').click();
    await minh.locator('#f-assignee').fill('Anh Minh');
    await minh.getByRole('button', { name: 'Lưu', exact: true }).click();
    await see(card(lan, 'task-hall')).toContainText('Anh Minh');
    await card(lan, 'task-hall').click();
    await lan.locator('#f-assignee').fill('Ông Ba (thôn Đông)');
    await lan.getByRole('button', { name: 'Lưu', exact: true }).click();
    const told = minh.locator('.toast').filter({ hasText: 'Nguyễn Thị Lan vừa ghi đè thay đổi của bạn' });
    await see(told).toContainText('Người phụ trách của “Trang trí hội trường” giờ là “Ông Ba (thôn Đông)”; bản của bạn là “Anh Minh”');
    await told.getByRole('button', { name: 'Lấy lại bản của bạn' }).click();
    await see(card(lan, 'task-hall')).toContainText('Anh Minh');
    await see(card(minh, 'task-hall')).toContainText('Anh Minh');
    // Chị Lan's later edit of another field is no overwrite of his.
    await card(lan, 'task-hall').click();
    await lan.locator('#f-title').fill('Trang trí hội trường, khánh tiết');
    await lan.getByRole('button', { name: 'Lưu', exact: true }).click();
    await see(card(minh, 'task-hall')).toContainText('Trang trí hội trường, khánh tiết');
    // (Taking his version back closed his notice.)
    await minh.waitForTimeout(300);
    await see(minh.locator('.toast').filter({ hasText: 'vừa ghi đè thay đổi của bạn' })).toHaveCount(0);
  });

  it('columns: add, rename, reorder and remove one holding cards — moved, nothing lost, the other board and dashboard live', async () => {
    const boardId = await newBoard();
    const lan = await open(boardId, 'lan');
    const minh = await open(boardId, 'minh');
    const dash = await open(boardId, 'minh', { hash: '#/dashboard' });
    const before = readBoard(await storedDoc(bs.stack, boardId));
    const cardsBefore = before.cards.map((c) => c.id).sort();
    const inCulture = before.cards.filter((c) => c.unit === 'culture-society').map((c) => c.id).sort();
    expect(inCulture.length).toBeGreaterThan(1);

    // Only the admin is offered the column manager.
    await see(minh.getByTestId('column-manager')).toHaveCount(0);
    const manager = lan.getByTestId('column-manager');
    await manager.locator('summary').click();

    // Add.
    await lan.getByTestId('new-column-vi').fill('Trạm Y tế xã');
    await lan.getByTestId('new-column-en').fill('Commune health station');
    await manager.getByRole('button', { name: '+ Thêm cột' }).click();
    await see(column(minh, 'tram-y-te-xa').locator('h2')).toHaveText('Trạm Y tế xã');

    // Rename (vi and en).
    const frontRow = manager.locator('[data-unit-row="front"]');
    await frontRow.getByTestId('column-vi').fill('Mặt trận Tổ quốc xã');
    await frontRow.getByTestId('column-en').fill('Commune Fatherland Front');
    await frontRow.getByRole('button', { name: 'Lưu tên' }).click();
    await see(column(minh, 'front').locator('h2')).toHaveText('Mặt trận Tổ quốc xã');

    // Reorder: the new column moved up to first.
    for (let i = 0; i < 5; i++) await manager.locator('[data-unit-row="tram-y-te-xa"]').getByRole('button', { name: 'Đưa cột Trạm Y tế xã lên' }).click();
    await expect.poll(() => minh.locator('section.column').first().getAttribute('data-unit')).toBe('tram-y-te-xa');

    // Remove "Văn hóa – Xã hội", which holds cards: asked where they go, "Chưa phân công".
    const cultureRow = manager.locator('[data-unit-row="culture-society"]');
    await cultureRow.getByRole('button', { name: /^Xóa cột / }).click();
    const panel = cultureRow.getByTestId('remove-column-panel');
    await see(panel).toContainText(`đang có ${inCulture.length} thẻ. Chuyển các thẻ này sang:`);
    await panel.getByTestId('remove-column-target').selectOption('unassigned');
    await shot(lan, 'columns-desktop');
    await panel.getByRole('button', { name: 'Xóa cột và chuyển thẻ' }).click();

    // Anh Minh's board follows: the column is gone, "Chưa phân công" holds its cards.
    await see(column(minh, 'culture-society')).toHaveCount(0);
    await see(column(minh, 'unassigned').locator('h2')).toHaveText('Chưa phân công');
    await see(column(minh, 'unassigned').locator('[data-card-id]')).toHaveCount(inCulture.length);
    // His dashboard too.
    await see(dash.locator('tr[data-unit="culture-society"]')).toHaveCount(0);
    await see(dash.locator('tr[data-unit="unassigned"]')).toContainText('Chưa phân công');
    await see(dash.locator('tr[data-unit="front"]')).toContainText('Mặt trận Tổ quốc xã');

    // Remove the new (empty) column, then move the unassigned cards into "Tài chính – Kế toán" by removing "Chưa phân công".
    await manager.locator('[data-unit-row="tram-y-te-xa"]').getByRole('button', { name: /^Xóa cột / }).click();
    await manager.locator('[data-unit-row="tram-y-te-xa"]').getByRole('button', { name: 'Xóa cột', exact: true }).click();
    await see(column(minh, 'tram-y-te-xa')).toHaveCount(0);
    const un = manager.locator('[data-unit-row="unassigned"]');
    await un.getByRole('button', { name: /^Xóa cột / }).click();
    await un.getByTestId('remove-column-target').selectOption('finance');
    await un.getByRole('button', { name: 'Xóa cột và chuyển thẻ' }).click();
    await see(column(minh, 'unassigned')).toHaveCount(0);

    // Nothing lost: every card is still on the board, the moved ones in finance.
    await bs.stack.gateway.idle();
    const after = readBoard(await storedDoc(bs.stack, boardId));
    expect(after.cards.map((c) => c.id).sort()).toEqual(cardsBefore);
    expect(after.cards.filter((c) => inCulture.includes(c.id)).every((c) => c.unit === 'finance')).toBe(true);
    await see(column(minh, 'finance').locator('[data-card-id]')).toHaveCount(after.cards.filter((c) => c.unit === 'finance').length);
    expect(after.units.map((u) => u.id)).toEqual(['office-statistics', 'finance', 'council', 'front']);

    const phone = await open(boardId, 'lan', { viewport: PHONE });
    await phone.getByTestId('column-manager').locator('summary').click();
    await phone.locator('[data-unit-row="council"]').getByRole('button', { name: /^Xóa cột / }).click();
    await shot(phone, 'columns-phone');
  });
});
