/**
 * The web app in real headless Chromium against the local stack: two staff editing at once,
 * presence, a view link, the dashboard, offline edits, bad input, English. Every check is on
 * what the page shows. Screenshots (Vietnamese) go to test-artifacts/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { addCard, setFacts, updateCard } from '@binhan/core';
import { hasChromium, requireTool } from '../helpers/tools';
import { see } from '../helpers/page-expect';
import { connectClient, storedDoc, waitFor, type SyncClient } from '../helpers/sync-clients';
import { createBoard, openBoard, screenshotPath, type BrowserStack, type OpenOptions } from '../helpers/browser';
import { useBrowserStack } from '../helpers/stack-hooks';
import { vietnamDate, readBoard } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';

const run = requireTool('Chromium', hasChromium);

function isoInDays(days: number): string {
  return vietnamDate(new Date(Date.now() + days * 86_400_000));
}

describe.skipIf(!run)('web app in Chromium', () => {
  let bs: BrowserStack;
  let browser: Browser;
  const { contexts } = useBrowserStack({}, (env) => ({ bs, browser } = env));
  let boardSeq = 0;

  /** A fresh plan 27 board with a fund amount, delegates, a date and a few extra cards. */
  async function newBoard(): Promise<string> {
    const boardId = `bt-${Date.now().toString(36)}-${boardSeq++}`;
    await createBoard(bs.stack, boardId, (doc, ctx) => {
      seedPlan27Board(doc, { boardId, ...ctx });
      // The template's due dates (from 31/03/2025) are cleared: these tests count only the tasks below.
      for (const c of readBoard(doc).cards) if (c.kind === 'task') updateCard(doc, c.id, { due: null, dueOffsetDays: null }, ctx);
      setFacts(doc, {
        conferenceDate: isoInDays(24),
        delegateCount: 120,
        funds: [{ id: 'commendation-fund', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commune emulation and commendation fund', amount: 30_000_000 }],
      }, ctx);
      addCard(doc, { kind: 'task', id: 'task-overdue', unit: 'office-statistics', title: 'Gửi giấy mời đại biểu', assignee: 'Nguyễn Thị Lan', due: isoInDays(-3), status: 'in-progress', clause: 'IV.1' }, ctx);
      addCard(doc, { kind: 'task', id: 'task-hall', unit: 'culture-society', title: 'Trang trí hội trường', assignee: 'Trần Văn Minh', due: isoInDays(20) }, ctx);
      addCard(doc, { kind: 'nominee', id: 'nominee-1', unit: 'council', name: 'Hộ ông Lê Văn Tám', nomineeKind: 'household', awardForm: 'giay-khen', reviewStatus: 'council-reviewed', achievement: 'Hiến đất làm đường liên thôn' }, ctx);
      addCard(doc, { kind: 'nominee', id: 'nominee-2', unit: 'council', name: 'Chi hội Phụ nữ thôn Đông', nomineeKind: 'collective', awardForm: 'giay-khen' }, ctx);
      addCard(doc, { kind: 'nominee', id: 'nominee-3', unit: 'front', name: 'Bà Phạm Thị Hoa', nomineeKind: 'individual', awardForm: 'giay-khen', reviewStatus: 'approved' }, ctx);
    });
    return boardId;
  }

  async function open(boardId: string, right: 'edit' | 'view', name?: string, extra: Omit<OpenOptions, 'name'> = {}) {
    const r = await openBoard(browser, bs.stack, boardId, right, { ...(name ? { name } : {}), ...extra });
    contexts.push(r.context);
    return r;
  }

  const column = (page: Page, unit: string) => page.locator(`section.column[data-unit="${unit}"]`);
  const online = (page: Page) => see(page.getByTestId('connection-status'), { timeout: 15_000 }).toHaveAttribute('data-status', 'online');

  it('two staff edit the same board at once: create, move, presence, editing, delete with undo', async () => {
    const boardId = await newBoard();
    // Lan chooses her name in the dialog the page shows on first visit.
    const { page: a } = await open(boardId, 'edit');
    const nameDialog = a.getByRole('dialog', { name: 'Tên hiển thị của bạn' });
    await see(nameDialog).toBeVisible();
    // Before she has a name, "Việc của tôi" asks for one (not the link's id, link:l-…).
    const mine = a.locator('label.filters__mine');
    await see(mine).toContainText('Hãy nhập tên của bạn');
    expect(await mine.textContent()).not.toMatch(/link:/);
    await nameDialog.getByLabel('Tên hiển thị của bạn').fill('Chị Lan');
    await nameDialog.getByRole('button', { name: 'Lưu' }).click();
    await see(mine).toContainText('việc giao cho Chị Lan');
    const { page: b } = await open(boardId, 'edit', 'Anh Minh');
    await online(a);
    await online(b);

    // Presence: each sees both names.
    for (const p of [a, b]) {
      await see(p.getByTestId('presence')).toContainText('Chị Lan');
      await see(p.getByTestId('presence')).toContainText('Anh Minh');
    }
    // Columns of the plan, in Vietnamese.
    await see(column(a, 'finance').getByRole('heading', { name: 'Tài chính – Kế toán' })).toBeVisible();

    // A creates a card; B sees it without reload.
    await a.getByRole('button', { name: 'Thêm thẻ vào cột Văn phòng – Thống kê' }).click();
    const editor = a.getByRole('dialog', { name: 'Thẻ mới' });
    await editor.getByLabel('Tiêu đề').fill('Chuẩn bị danh sách khách mời');
    await editor.getByLabel('Người phụ trách').fill('Chị Lan');
    await editor.getByLabel('Hạn hoàn thành').fill(`${isoInDays(10).slice(8, 10)}/${isoInDays(10).slice(5, 7)}/${isoInDays(10).slice(0, 4)}`);
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await see(editor).toBeHidden();
    await see(column(a, 'office-statistics').locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toBeVisible();
    await see(column(b, 'office-statistics').locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toBeVisible();
    await see(column(b, 'office-statistics').locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toContainText('Chị Lan');

    // B moves it with the keyboard (Alt + →) to the next column; A sees the move.
    const onB = column(b, 'office-statistics').locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' });
    await onB.focus();
    await b.keyboard.press('Alt+ArrowRight');
    await see(column(b, 'finance').locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toBeVisible();
    await see(column(a, 'finance').locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toBeVisible();
    await see(column(a, 'office-statistics').locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toHaveCount(0);
    await see(b.getByTestId('announcer')).toContainText('Đã chuyển');

    // A drags it (HTML5 drag and drop) to the top of Văn hóa – Xã hội; B sees it there, first.
    // (A tall window: Playwright's drag would scroll the page under the pressed mouse otherwise.)
    await a.setViewportSize({ width: 1400, height: 2400 });
    await a.evaluate(() => window.scrollTo(0, 0));
    const target = column(a, 'culture-society').locator('article.card').first();
    await a.locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' }).dragTo(target, { targetPosition: { x: 20, y: 5 } });
    await see(column(b, 'culture-society').locator('article.card').first()).toContainText('Chuẩn bị danh sách khách mời');
    await a.setViewportSize({ width: 1400, height: 900 });
    // B reorders it with Alt + ↓: second in the column on both pages.
    await b.locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' }).focus();
    await b.keyboard.press('Alt+ArrowDown');
    await see(column(a, 'culture-society').locator('article.card').nth(1)).toContainText('Chuẩn bị danh sách khách mời');
    await see(b.getByTestId('announcer')).toContainText('vị trí 2');

    // Awareness: A opens the card's editor; B sees who is editing it.
    await a.locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' }).locator('h3').click();
    await see(a.getByRole('dialog', { name: 'Sửa thẻ' })).toBeVisible();
    await see(b.locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toContainText('Chị Lan đang sửa');
    await see(b.getByTestId('presence')).toContainText('đang sửa: Chuẩn bị danh sách khách mời');
    await a.getByRole('dialog', { name: 'Sửa thẻ' }).getByRole('button', { name: 'Hủy' }).click();
    await see(b.locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).not.toContainText('đang sửa');

    // Delete with undo: gone on both, then back on both.
    await a.getByRole('button', { name: 'Thao tác với thẻ Chuẩn bị danh sách khách mời' }).click();
    await a.getByRole('menuitem', { name: 'Xóa' }).click();
    await see(b.locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toHaveCount(0);
    await a.locator('.toast').getByRole('button', { name: 'Hoàn tác' }).click(); // the toast's (the toolbar has its own)
    await see(b.locator('article.card', { hasText: 'Chuẩn bị danh sách khách mời' })).toBeVisible();

    await a.screenshot({ path: screenshotPath('board-vi'), fullPage: false });
  });

  it('the editor refuses bad input in the user’s language and saves nothing', async () => {
    const boardId = await newBoard();
    const { page } = await open(boardId, 'edit', 'Chị Lan');
    await online(page);
    const before = await page.locator('article.card').count();

    // Empty title.
    await page.getByRole('button', { name: 'Thêm thẻ vào cột Văn phòng – Thống kê' }).click();
    let editor = page.getByRole('dialog', { name: 'Thẻ mới' });
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await see(editor.getByRole('alert')).toContainText('Tiêu đề không được để trống');
    await see(editor.getByLabel('Tiêu đề')).toHaveAttribute('aria-invalid', 'true');

    // A date that does not exist.
    await editor.getByLabel('Tiêu đề').fill('Họp Hội đồng');
    await editor.getByLabel('Hạn hoàn thành').fill('31/02/2025');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await see(editor.getByRole('alert')).toContainText('“31/02/2025” không phải là ngày có thật');
    await editor.getByRole('button', { name: 'Hủy' }).click();

    // A budget item whose unit price is not a number.
    await page.getByRole('button', { name: 'Thêm thẻ vào cột Tài chính – Kế toán' }).click();
    editor = page.getByRole('dialog', { name: 'Thẻ mới' });
    await editor.getByRole('radio', { name: 'Khoản kinh phí' }).check();
    await editor.getByLabel('Khoản chi').fill('Thuê xe đưa đón');
    await editor.getByLabel('Số lượng').fill('2');
    await editor.getByLabel('Đơn giá').fill('hai triệu');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await see(editor.getByRole('alert')).toContainText('Đơn giá phải là một số');
    // A valid amount in Vietnamese notation is accepted and shown in VND.
    await editor.getByLabel('Đơn giá').fill('1.500.000');
    await see(editor.getByTestId('computed-amount')).toHaveText('3.000.000 ₫');
    await editor.getByRole('button', { name: 'Hủy' }).click();
    await see(page.locator('article.card')).toHaveCount(before);

    // In English the same refusal is in English.
    await page.getByRole('button', { name: 'English' }).click();
    await see(column(page, 'finance').getByRole('heading', { name: 'Finance – Accounting' })).toBeVisible();
    await page.getByRole('button', { name: 'Add a card to Office – Statistics' }).click();
    editor = page.getByRole('dialog', { name: 'New card' });
    await editor.getByRole('button', { name: 'Save' }).click();
    await see(editor.getByRole('alert')).toContainText('Title must not be empty');
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await see(page.locator('article.card')).toHaveCount(before);
    // Nothing reached the server either.
    const stored = readBoard(await storedDoc(bs.stack, boardId));
    expect(stored.cards.length).toBe(before);
  });

  it('a view link sees edits live, shows no edit control, and a console write changes nothing anywhere', async () => {
    const boardId = await newBoard();
    const { page: staff } = await open(boardId, 'edit', 'Chị Lan');
    const { page: district } = await open(boardId, 'view', 'Huyện Bình Sơn');
    await online(staff);
    await online(district);
    await see(district.getByText('Chế độ chỉ xem')).toBeVisible();
    await see(district.getByTestId('presence')).toContainText('Chị Lan');
    await see(staff.getByTestId('presence')).toContainText('Huyện Bình Sơn');

    // No control that edits.
    await see(district.getByRole('button', { name: /Thêm thẻ/ })).toHaveCount(0);
    await see(district.getByRole('button', { name: /Thao tác với thẻ/ })).toHaveCount(0);
    await see(district.locator('article.card[draggable="true"]')).toHaveCount(0);
    await district.locator('article.card', { hasText: 'Gửi giấy mời đại biểu' }).click();
    const details = district.getByRole('dialog');
    await see(details).toContainText('Nguyễn Thị Lan');
    await see(details.locator('input, select, textarea, button[type="submit"]')).toHaveCount(0);
    await details.getByRole('button', { name: 'Đóng' }).click();

    // Live: staff edits, district sees.
    await staff.getByRole('button', { name: 'Thêm thẻ vào cột Hội đồng Thi đua – Khen thưởng' }).click();
    const editor = staff.getByRole('dialog', { name: 'Thẻ mới' });
    await editor.getByLabel('Tiêu đề').fill('Họp xét đề nghị khen thưởng');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await see(column(district, 'council').locator('article.card', { hasText: 'Họp xét đề nghị khen thưởng' })).toBeVisible();
    await district.evaluate(() => window.scrollTo(0, 0));
    await district.screenshot({ path: screenshotPath('readonly-vi') });

    // Console writes on the view page: through the doc, and a hand-made update on the socket.
    const title = await district.locator('h1').textContent();
    await district.evaluate(() => {
      const h = (window as unknown as { __binhan: { doc: () => any; provider: () => any } }).__binhan;
      h.doc().getMap('meta').set('title', 'HACKED through the doc');
      // An update made in a scratch doc, sent as a y-protocols sync update message.
      const D = h.doc().constructor;
      const scratch = new D();
      let update: Uint8Array | null = null;
      scratch.on('update', (u: Uint8Array) => { update = u; });
      scratch.getMap('meta').set('title', 'HACKED through the socket');
      const u = update as unknown as Uint8Array;
      const len: number[] = [];
      let n = u.length;
      while (n > 127) { len.push((n & 127) | 128); n >>>= 7; }
      len.push(n);
      h.provider().ws.send(new Uint8Array([0, 2, ...len, ...u]));
    });
    await see(district.getByTestId('connection-status')).toContainText('liên kết này chỉ có quyền xem');
    // The view page dropped its local change and shows the board as the server has it.
    await see(district.locator('h1')).toHaveText(title!);
    await online(district);
    await see(district.locator('h1')).toHaveText(title!);
    await district.waitForTimeout(500);
    await see(staff.locator('h1')).toHaveText(title!);
    const stored = await storedDoc(bs.stack, boardId);
    expect(String(stored.getMap('meta').get('title'))).not.toContain('HACKED');
  });

  it('the dashboard’s figures change live when a task is marked done', async () => {
    const boardId = await newBoard();
    const { page: leader } = await open(boardId, 'view', 'Chủ tịch UBND xã', { hash: '#/dashboard' });
    const { page: staff } = await open(boardId, 'edit', 'Chị Lan');
    await online(leader);
    await online(staff);
    const count = leader.getByTestId('tasks-done-count');
    await see(count).toHaveText('0/14 việc');
    await see(leader.getByTestId('overdue').locator('.figure__big')).toHaveText('1');
    await see(leader.getByTestId('delegates')).toContainText('120/150');
    await see(leader.getByTestId('days-left').locator('.figure__big')).toHaveText('24');
    await see(leader.getByTestId('budget-total')).toHaveText(/₫$/);
    await see(leader.getByTestId('facts-updated')).toContainText('bởi UBND xã Bình An'); // who set the plan's facts, by name
    await leader.screenshot({ path: screenshotPath('dashboard-vi'), fullPage: true });

    // Staff marks the overdue task done.
    await staff.locator('article.card', { hasText: 'Gửi giấy mời đại biểu' }).locator('h3').click();
    const editor = staff.getByRole('dialog', { name: 'Sửa thẻ' });
    await editor.getByLabel('Trạng thái').selectOption('done');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await see(count).toHaveText('1/14 việc');
    await see(leader.getByTestId('tasks-done')).toContainText('7%');
    await see(leader.getByTestId('overdue').locator('.figure__big')).toHaveText('0');
    await see(leader.locator('tr[data-unit="office-statistics"]')).toContainText('1/8');
  });

  it('an edit made offline survives a reload and reaches the other page after reconnect', async () => {
    const boardId = await newBoard();
    const { page: a, context: ctxA } = await open(boardId, 'edit', 'Chị Lan');
    const { page: b } = await open(boardId, 'edit', 'Anh Minh');
    // Put A's socket behind a switch: while `blocked`, A's connections are closed at once.
    let blocked = false;
    const sockets: WebSocketRoute[] = [];
    await ctxA.routeWebSocket(/\/sync/, (ws) => {
      if (blocked) return void ws.close();
      sockets.push(ws);
      ws.connectToServer();
    });
    await a.reload();
    await online(a);
    await online(b);

    // Network lost.
    blocked = true;
    await ctxA.setOffline(true);
    for (const s of sockets) await s.close().catch(() => {});
    await see(a.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline');
    await see(a.getByTestId('connection-status')).toContainText('Mất kết nối');

    await column(a, 'front').getByRole('button', { name: /^Thêm thẻ vào cột/ }).click();
    const editor = a.getByRole('dialog', { name: 'Thẻ mới' });
    await editor.getByLabel('Tiêu đề').fill('Việc thêm lúc mất mạng');
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await see(a.locator('article.card', { hasText: 'Việc thêm lúc mất mạng' })).toBeVisible();
    await see(a.getByTestId('connection-status')).toContainText('Có thay đổi chưa gửi');
    await a.screenshot({ path: screenshotPath('offline-vi') });

    // Reload while the sync socket is still cut: the edit is still there (kept on the machine).
    await a.waitForTimeout(600);
    await ctxA.setOffline(false);
    await a.reload();
    await see(a.locator('article.card', { hasText: 'Việc thêm lúc mất mạng' })).toBeVisible();
    await see(b.locator('article.card', { hasText: 'Việc thêm lúc mất mạng' })).toHaveCount(0);

    // The connection returns: B gets the edit.
    blocked = false;
    await online(a);
    await see(b.locator('article.card', { hasText: 'Việc thêm lúc mất mạng' }), { timeout: 15_000 }).toBeVisible();
    await see(a.getByTestId('connection-status')).not.toContainText('chưa gửi');
  });

  it('sends only its own presence: colleagues\' presence updates are not echoed back, and both sides still see each other', async () => {
    const boardId = await newBoard();
    // The page's awareness frames (y-websocket message 1: base64 "A" then Q–f), from its first one.
    const sentAwareness: string[] = [];
    const { page } = await open(boardId, 'edit', 'Chị Lan', {
      beforeLoad: (p) => p.on('websocket', (ws) => ws.on('framesent', (f) => {
        if (typeof f.payload === 'string' && /^A[Q-f]/.test(f.payload)) sentAwareness.push(f.payload);
      })),
    });
    await online(page);
    const token = bs.stack.tokens.issue({ boardId, right: 'edit', ttlSeconds: 600, subject: 'staff' });
    const colleagues = Array.from({ length: 6 }, () => connectClient(bs.stack, boardId, token));
    try {
      colleagues.forEach((c, i) => c.provider.awareness.setLocalStateField('user', { name: `Đồng nghiệp ${i + 1}` }));
      await see(page.getByTestId('presence')).toContainText('Đồng nghiệp 6');
      const before = sentAwareness.length;
      // Five rounds of presence updates by six colleagues: 30 changes the page receives.
      for (let round = 1; round <= 5; round++) {
        colleagues.forEach((c, i) => c.provider.awareness.setLocalStateField('user', { name: `Đồng nghiệp ${i + 1}`, round }));
        await new Promise((r) => setTimeout(r, 150));
      }
      await waitFor(() => colleagues.every((c) => [...c.provider.awareness.getStates().values()].some((s) => (s as { user?: { round?: number } }).user?.round === 5)), 'every colleague has round 5');
      await new Promise((r) => setTimeout(r, 500));
      expect(sentAwareness.length - before).toBe(0); // y-websocket alone sent each of the 30 back
      // She is still seen by them, and sees them.
      const names = (c: SyncClient) => [...c.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name);
      await waitFor(() => colleagues.every((c) => names(c).includes('Chị Lan')), 'colleagues see Chị Lan');
      await see(page.getByTestId('presence')).toContainText('Đồng nghiệp 1');
      await see(page.getByText(/Too many awareness|Quá nhiều/)).toHaveCount(0);
    } finally {
      for (const c of colleagues) c.destroy();
    }
  });

  it('fits a phone screen', async () => {
    const boardId = await newBoard();
    const { page } = await open(boardId, 'edit', 'Chị Lan', { viewport: { width: 390, height: 844 } });
    await online(page);
    await see(page.locator('section.column').first()).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // "Việc của tôi" is a box a thumb can hit (it was drawn as a bare dot), and tapping its words ticks it.
    const mine = page.getByTestId('filter-mine');
    const box = await mine.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(20);
    expect(box?.height).toBeGreaterThanOrEqual(20);
    await page.getByText('việc giao cho Chị Lan').click();
    expect(await mine.isChecked()).toBe(true);
    await see(page.getByText(/Hiển thị 0\/\d+ thẻ/)).toBeVisible(); // none is Chị Lan's yet
    await mine.click();
    expect(await mine.isChecked()).toBe(false);
    // The tabs take at most two lines each (they wrapped to three: "Bảng / công / việc").
    for (const tab of await page.locator('nav.tabs a').all()) expect((await tab.boundingBox())?.height).toBeLessThan(60);
    // The five lists fold behind "Bộ lọc khác": the first card is on the first screen.
    const unit = page.getByRole('combobox', { name: 'Cột (bộ phận phụ trách)' });
    await see(unit).toBeHidden();
    const firstCard = page.locator('section.column').first().locator('article').first();
    const cardTop = (await firstCard.boundingBox())?.y ?? Infinity;
    expect(cardTop).toBeLessThan(844 - 100);
    await page.screenshot({ path: screenshotPath('board-phone-vi') });
    // Unfolded, a list filters as on a wide screen; folded again, the button counts it.
    const fold = page.getByTestId('filters-fold');
    await see(fold).toHaveAttribute('aria-expanded', 'false');
    await fold.click();
    await see(fold).toHaveAttribute('aria-expanded', 'true');
    await unit.selectOption({ label: 'Tài chính – Kế toán' });
    await see(page.getByText(/Hiển thị 7\/\d+ thẻ/)).toBeVisible();
    // That column alone, on screen: not the first column emptied and finance off to the right.
    await see(page.locator('section.column')).toHaveCount(1);
    const finance = await page.locator('section.column[data-unit="finance"]').boundingBox();
    expect(finance?.x).toBeGreaterThanOrEqual(0);
    expect(finance?.x).toBeLessThan(390 / 2);
    await fold.click();
    await see(unit).toBeHidden();
    await see(fold).toHaveText(/^Bộ lọc khác \(1\)/);
    await page.screenshot({ path: screenshotPath('board-phone-filtered-vi') });
  });

  it('the district reads a card on a phone: each label above its value, the value as wide as the dialog', async () => {
    const boardId = await newBoard();
    const { page } = await open(boardId, 'view', 'Huyện Bình Sơn', { viewport: { width: 390, height: 844 } });
    await online(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('readonly-phone-vi') });
    // Plan 27's first task holds the clause's whole text as its content.
    await column(page, 'office-statistics').locator('article.card').first().click();
    const details = page.getByRole('dialog');
    await see(details.locator('dl.details')).toBeVisible();
    const list = await details.locator('dl.details').boundingBox();
    const label = await details.locator('dt', { hasText: 'Nội dung' }).boundingBox();
    const text = await details.locator('dt', { hasText: 'Nội dung' }).locator('xpath=following-sibling::dd').boundingBox();
    expect(list && label && text).toBeTruthy();
    // Beside a label column the text had about 90 px of the phone's 390: one or two words a line.
    expect(text!.width).toBeGreaterThan(390 * 0.75);
    expect(text!.x + text!.width).toBeLessThanOrEqual(list!.x + list!.width);
    expect(text!.y).toBeGreaterThanOrEqual(label!.y + label!.height - 1);
    await see(details.locator('dt', { hasText: 'Nội dung' }).locator('xpath=following-sibling::dd')).toContainText('Luật Thi đua, khen thưởng');
    expect(await details.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
    await page.screenshot({ path: screenshotPath('readonly-phone-card-vi') });
  });
});
