/**
 * "Undo, never drop" in the web app, in real headless Chromium against the local stack.
 *
 * Tried: a staff member (edit link, role editor) opens a nominee — the approval statuses are
 * offered disabled with "Chỉ lãnh đạo được duyệt"; a leader's page offers them. The editor
 * then forces "approved" into the page's Y.Doc through the console (the documented debug
 * handle `window.__binhan.doc()`, as board.test.ts uses). Expected: the server keeps the
 * update and undoes it; the leader's page never shows (nor holds) "approved"; the editor's
 * page shows a notice (role alert, Vietnamese, then English) with the reason and the restored
 * status; storage holds the restored status; and a later ordinary edit by the same editor
 * reaches the leader's page and storage (the editor is not cut off). No page error is thrown
 * (e.g. a close reason over 123 bytes). A screenshot of the notice goes to
 * test-artifacts/screenshots/undone-notice-vi.png.
 *
 * A board stored with damaged cards (before the write guard: a budget amount as text, a title as
 * a Y.Text, an unknown review status, a number for a card) opens with its 18 readable cards and
 * a notice that names what is hidden and why; the district's view link sees the notice without
 * the button; a staff member removes the damaged cards (two clicks), the notice goes from every
 * page live, storage holds no damaged entry and the same 18 cards, and the editor's next edit
 * still arrives. Screenshot: damaged-notice-vi.png.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCard, damagedCards, readBoard, type Role } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';
import { hasChromium, requireTool } from '../helpers/tools';
import { see } from '../helpers/page-expect';
import { storedDoc } from '../helpers/sync-clients';
import { addDamagedCards, DAMAGED_CARD_IDS } from '../helpers/damaged-board';
import { createBoard, openPage, screenshotPath, type BrowserStack } from '../helpers/browser';
import { useBrowserStack } from '../helpers/stack-hooks';

const run = requireTool('Chromium', hasChromium);

const NOMINEE = 'nominee-1';
const NOMINEE_NAME = 'Hộ ông Lê Văn Tám';
const REVIEWED_VI = 'Hội đồng TĐ-KT đã xét';
const APPROVED_VI = 'Chủ tịch UBND đã duyệt';

describe.skipIf(!run)('web app in Chromium: a refused change is undone, shown, and the editor stays connected', () => {
  let bs: BrowserStack;
  let browser: Browser;
  const { contexts } = useBrowserStack({}, (env) => ({ bs, browser } = env));
  const pageErrors: string[] = [];

  async function newBoard(): Promise<string> {
    const boardId = `it-${Date.now().toString(36)}`;
    await createBoard(bs.stack, boardId, (doc, ctx) => {
      seedPlan27Board(doc, { boardId, ...ctx });
      addCard(doc, { kind: 'task', id: 'task-hall', unit: 'culture-society', title: 'Trang trí hội trường', assignee: 'Trần Văn Minh' }, ctx);
      addCard(doc, { kind: 'nominee', id: 'nominee-approved', unit: 'front', name: 'Bà Phạm Thị Hoa', nomineeKind: 'individual', awardForm: 'giay-khen', reviewStatus: 'approved' }, ctx);
      addCard(doc, { kind: 'nominee', id: NOMINEE, unit: 'council', name: NOMINEE_NAME, nomineeKind: 'household', awardForm: 'giay-khen', reviewStatus: 'council-reviewed', achievement: 'Hiến đất làm đường liên thôn' }, ctx);
    });
    return boardId;
  }

  /** A page with a token of this role (edit right unless viewer), errors collected. */
  async function openAs(boardId: string, role: Role, name: string): Promise<Page> {
    const token = bs.stack.tokens.issue({ boardId, role, ttlSeconds: 3600, subject: `${role}-subject` });
    const url = `${bs.stack.gateway.httpUrl}/?board=${encodeURIComponent(boardId)}&token=${encodeURIComponent(token)}`;
    const { context, page } = await openPage(browser, url, { name, label: role });
    contexts.push(context);
    page.on('pageerror', (e) => pageErrors.push(`[${role}] ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`[${role} console] ${m.text()}`);
    });
    return page;
  }

  const online = (page: Page) => see(page.getByTestId('connection-status'), { timeout: 15_000 }).toHaveAttribute('data-status', 'online');
  const nomineeCard = (page: Page) => page.locator(`article.card[data-card-id="${NOMINEE}"]`);

  it('editor: approval disabled; forced through the console it is undone everywhere, a notice says so, later edits still arrive', async () => {
    const boardId = await newBoard();
    const editor = await openAs(boardId, 'editor', 'Chị Lan');
    const leader = await openAs(boardId, 'leader', 'Chủ tịch UBND xã');
    await online(editor);
    await online(leader);
    await see(nomineeCard(editor)).toContainText(REVIEWED_VI);

    // The leader's page notes every review status its doc ever holds for the nominee, and
    // whether its board ever shows "approved" for it.
    await leader.evaluate(({ id, approved }) => {
      const w = window as unknown as {
        __binhan: { doc: () => { on(e: string, f: () => void): void; getMap(n: string): { get(k: string): { get(k: string): unknown } | undefined } } };
        __seen: { statuses: unknown[]; shownApproved: boolean };
      };
      w.__seen = { statuses: [], shownApproved: false };
      const doc = w.__binhan.doc();
      doc.on('afterTransaction', () => w.__seen.statuses.push(doc.getMap('cards').get(id)?.get('reviewStatus')));
      const check = () => {
        const el = document.querySelector(`article.card[data-card-id="${id}"]`);
        if (el?.textContent?.includes(approved)) w.__seen.shownApproved = true;
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
      check();
    }, { id: NOMINEE, approved: APPROVED_VI });

    // 1. The editor's form offers "approved"/"awarded" disabled, with the sentence beside them.
    await nomineeCard(editor).locator('h3').click();
    let dialog = editor.getByRole('dialog', { name: 'Sửa thẻ' });
    await see(dialog).toBeVisible();
    const status = dialog.getByLabel('Tình trạng xét duyệt');
    for (const v of ['approved', 'awarded']) {
      expect(await status.locator(`option[value="${v}"]`).isDisabled()).toBe(true);
      expect(await status.locator(`option[value="${v}"]`).textContent()).toContain('Chỉ lãnh đạo được duyệt');
    }
    for (const v of ['proposed', 'council-reviewed']) expect(await status.locator(`option[value="${v}"]`).isDisabled()).toBe(false);
    await see(dialog.getByTestId('reviewStatus-locked')).toBeVisible();
    await see(dialog.getByTestId('reviewStatus-locked')).toHaveText('Chỉ lãnh đạo được duyệt (Chủ tịch UBND đã duyệt, Đã khen thưởng)');
    expect(await status.getAttribute('aria-describedby')).toContain('f-reviewStatus-locked');
    await dialog.screenshot({ path: screenshotPath('editor-approval-locked-vi') });
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await see(dialog).toBeHidden();

    // A nominee already approved: the editor may not take the status away either.
    await editor.locator('article.card[data-card-id="nominee-approved"]').locator('h3').click();
    dialog = editor.getByRole('dialog', { name: 'Sửa thẻ' });
    const approvedStatus = dialog.getByLabel('Tình trạng xét duyệt');
    expect(await approvedStatus.inputValue()).toBe('approved');
    for (const v of ['proposed', 'council-reviewed', 'awarded']) expect(await approvedStatus.locator(`option[value="${v}"]`).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await see(dialog).toBeHidden();

    // A new nominee: "approved"/"awarded" are not offered to the editor either.
    await editor.getByRole('button', { name: 'Thêm thẻ vào cột Hội đồng Thi đua – Khen thưởng' }).click();
    dialog = editor.getByRole('dialog', { name: 'Thẻ mới' });
    await dialog.getByRole('radio', { name: 'Đề nghị khen thưởng' }).check();
    expect(await dialog.getByLabel('Tình trạng xét duyệt').locator('option[value="approved"]').isDisabled()).toBe(true);
    await see(dialog.getByTestId('reviewStatus-locked')).toBeVisible();
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await see(dialog).toBeHidden();

    // The leader's form offers them.
    await nomineeCard(leader).locator('h3').click();
    const leaderDialog = leader.getByRole('dialog', { name: 'Sửa thẻ' });
    await see(leaderDialog).toBeVisible();
    expect(await leaderDialog.getByLabel('Tình trạng xét duyệt').locator('option[value="approved"]').isDisabled()).toBe(false);
    await see(leaderDialog.getByTestId('reviewStatus-locked')).toHaveCount(0);
    await leaderDialog.getByRole('button', { name: 'Hủy' }).click();
    await see(leaderDialog).toBeHidden();

    // 2. Forced through the console: the editor writes "approved" into its own doc.
    await editor.evaluate((id) => {
      const h = (window as unknown as { __binhan: { doc: () => { getMap(n: string): { get(k: string): { set(k: string, v: unknown): void } } } } }).__binhan;
      h.doc().getMap('cards').get(id).set('reviewStatus', 'approved');
    }, NOMINEE);

    // The editor's page: a notice with the reason and the restored status; the card shows it.
    const notice = editor.getByTestId('undone-notice');
    await see(notice, { timeout: 5_000 }).toBeVisible();
    expect(await notice.getAttribute('role')).toBe('alert');
    await see(notice).toContainText('Thay đổi của bạn đã được hoàn tác');
    await see(notice).toContainText('Chỉ lãnh đạo mới được duyệt khen thưởng');
    await see(notice.locator(`li[data-entry="cards.${NOMINEE}"]`)).toHaveText(`“${NOMINEE_NAME}” — Tình trạng xét duyệt: ${REVIEWED_VI}`);
    await see(nomineeCard(editor)).toContainText(REVIEWED_VI);
    await see(nomineeCard(editor)).not.toContainText(APPROVED_VI);
    // Not a connection problem: the status stays "connected" with no server error in it.
    await see(editor.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
    await see(editor.getByTestId('connection-status')).not.toContainText('Máy chủ báo lỗi');
    await editor.evaluate(() => window.scrollTo(0, 0));
    await editor.screenshot({ path: screenshotPath('undone-notice-vi') });
    // The same notice on a phone (390 × 844), for a person to look at.
    const desktop = editor.viewportSize();
    await editor.setViewportSize({ width: 390, height: 844 });
    await see(notice).toBeVisible();
    await editor.screenshot({ path: screenshotPath('undone-notice-phone-vi') });
    if (desktop) await editor.setViewportSize(desktop);

    // In English, the same notice in English.
    await editor.getByRole('button', { name: 'English' }).click();
    await see(notice).toContainText('Your change was undone');
    await see(notice).toContainText('Only leaders may approve nominees');
    await see(notice.locator(`li[data-entry="cards.${NOMINEE}"]`)).toHaveText(`“${NOMINEE_NAME}” — Review status: Reviewed by the council`);
    await editor.getByRole('button', { name: 'Tiếng Việt' }).click();

    // Storage holds the restored status (and nothing of "approved").
    const stored = readBoard(await storedDoc(bs.stack, boardId));
    const n = stored.cards.find((c) => c.id === NOMINEE);
    expect(n?.kind === 'nominee' && n.reviewStatus).toBe('council-reviewed');

    // The notice is dismissible.
    await notice.getByRole('button', { name: 'Đóng thông báo' }).click();
    await see(notice).toHaveCount(0);

    // 3. A later ordinary edit by the same editor reaches the leader and storage.
    await editor.locator('article.card[data-card-id="task-hall"]').locator('h3').click();
    dialog = editor.getByRole('dialog', { name: 'Sửa thẻ' });
    await dialog.getByLabel('Tiêu đề').fill('Trang trí hội trường và sân khấu');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await see(dialog).toBeHidden();
    await see(leader.locator('article.card[data-card-id="task-hall"]'), { timeout: 5_000 }).toContainText('Trang trí hội trường và sân khấu');
    await expect.poll(async () => {
      const b = readBoard(await storedDoc(bs.stack, boardId));
      const c = b.cards.find((x) => x.id === 'task-hall');
      return c?.kind === 'task' ? c.title : null;
    }, { timeout: 5_000 }).toBe('Trang trí hội trường và sân khấu');

    // The leader's page never held nor showed "approved" for the nominee.
    const seen = await leader.evaluate(() => (window as unknown as { __seen: { statuses: unknown[]; shownApproved: boolean } }).__seen);
    expect(seen.statuses.length).toBeGreaterThan(0); // it did receive updates meanwhile
    expect(seen.statuses).not.toContain('approved');
    expect(seen.shownApproved).toBe(false);
    await see(nomineeCard(leader)).toContainText(REVIEWED_VI);

    // No page threw (e.g. a close reason over 123 UTF-8 bytes), no console error.
    expect(pageErrors.filter((e) => !/Permission denied/.test(e))).toEqual([]);
  });

  it('a board stored with damaged cards says what it hides; staff remove them, and later edits still arrive', async () => {
    const boardId = `dmg-${Date.now().toString(36)}`;
    await createBoard(bs.stack, boardId, (doc, ctx) => {
      seedPlan27Board(doc, { boardId, ...ctx });
      addDamagedCards(doc);
    });
    const editor = await openAs(boardId, 'editor', 'Chị Lan');
    const viewer = await openAs(boardId, 'viewer', 'Huyện');
    await online(editor);
    await online(viewer);
    for (const page of [editor, viewer]) {
      await see(page.locator('article.card')).toHaveCount(18);
      await see(page.getByTestId('damaged-notice')).toContainText('Có 4 mục trên bảng bị hỏng nên không hiển thị');
    }
    // The district's view link: told, but offered nothing to change (on a phone too).
    await see(viewer.getByTestId('damaged-notice').getByRole('button')).toHaveCount(0);
    const desktop = viewer.viewportSize();
    await viewer.setViewportSize({ width: 390, height: 844 });
    await viewer.getByTestId('damaged-notice').locator('summary').click();
    await see(viewer.getByTestId('damaged-notice').locator('li[data-card-id="bad-budget"]')).toBeVisible();
    await viewer.screenshot({ path: screenshotPath('damaged-notice-phone-vi') });
    if (desktop) await viewer.setViewportSize(desktop);

    const notice = editor.getByTestId('damaged-notice');
    await notice.locator('summary').click();
    await see(notice.locator('li[data-card-id="bad-budget"]')).toHaveText('Thuê âm thanh — Thẻ bad-budget: "amount" phải là số; đã bỏ qua');
    await see(notice.locator('li[data-card-id="bad-nominee"]')).toContainText('Bà Phạm Thị Hoa');
    await see(notice.locator('li[data-card-id="bad-task"]')).toContainText('Trang trí hội trường');
    await see(notice.locator('li[data-card-id="bad-number"]')).toContainText('(không đọc được tên)');
    await notice.getByRole('button', { name: 'Xóa 4 thẻ hỏng…' }).click();
    await see(notice).toContainText('Xóa hẳn 4 thẻ không đọc được khỏi bảng? Các thẻ khác giữ nguyên.');
    await editor.screenshot({ path: screenshotPath('damaged-notice-vi') });
    await notice.getByRole('button', { name: 'Xóa thẻ hỏng' }).click();
    await see(editor.locator('.toast').filter({ hasText: 'Đã xóa 4 thẻ hỏng' })).toBeVisible();

    // Gone from every page, live; the readable cards all still there.
    for (const page of [editor, viewer]) {
      await see(page.getByTestId('damaged-notice'), { timeout: 5_000 }).toHaveCount(0);
      await see(page.locator('article.card')).toHaveCount(18);
    }
    // Storage: no damaged entry left, the same 18 cards.
    await expect.poll(async () => {
      const doc = await storedDoc(bs.stack, boardId);
      return { damaged: damagedCards(doc).length, left: DAMAGED_CARD_IDS.filter((id) => doc.getMap('cards').has(id)), cards: readBoard(doc).cards.length };
    }, { timeout: 5_000 }).toEqual({ damaged: 0, left: [], cards: 18 });

    // The same editor's next edit reaches the district's page and storage.
    const first = readBoard(await storedDoc(bs.stack, boardId)).cards.find((c) => c.kind === 'task')!;
    await editor.locator(`article.card[data-card-id="${first.id}"]`).locator('h3').click();
    const dialog = editor.getByRole('dialog', { name: 'Sửa thẻ' });
    await dialog.getByLabel('Tiêu đề').fill('Chuẩn bị hội trường, âm thanh');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await see(dialog).toBeHidden();
    await see(viewer.locator(`article.card[data-card-id="${first.id}"]`), { timeout: 5_000 }).toContainText('Chuẩn bị hội trường, âm thanh');
    await expect.poll(async () => {
      const c = readBoard(await storedDoc(bs.stack, boardId)).cards.find((x) => x.id === first.id);
      return c?.kind === 'task' ? c.title : null;
    }, { timeout: 5_000 }).toBe('Chuẩn bị hội trường, âm thanh');
    expect(pageErrors.filter((e) => !/Permission denied/.test(e))).toEqual([]);
  });
});
