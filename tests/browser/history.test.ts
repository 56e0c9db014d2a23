/**
 * History, undo and the trash in real headless Chromium, three people on one board at once:
 *  - "Chị Lan" through the staff edit link `npm start` prints (startLinks: a link of the board,
 *    role editor — not the administrator), her name typed in the presence dialog;
 *  - "Anh Minh", another editor;
 *  - the administrator, signed in (account name "Quản trị viên"; she typed "Bà Quản Trị" as
 *    her presence name, which the history must not use for a signed-in account).
 * Tried:
 *  1. undo/redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y, the toolbar's buttons) takes back only one's own
 *     change: Minh's edit of another field of the same card stays; a title Minh wrote over
 *     Lan's is not put back by Lan's undo, which says so and undoes nothing else; Ctrl+Z in a text field is the field's own undo
 *     (the board is unchanged); a change the server undid (an approval forced by an editor)
 *     is not on the stack: Ctrl+Z afterwards does not bring "approved" back;
 *  2. delete → trash (who and when, dd/mm/yyyy) → restore by an editor, seen live by the
 *     other; an editor is offered no purge; a stock y-websocket client with an editor token
 *     removing the card for good is undone by the server (the card stays in storage) and its
 *     later edit still arrives; the admin purges (after a confirmation): gone from storage;
 *  3. the card's history and the board's activity page name each person — the account's name
 *     when signed in, the self-declared name with the link for the staff link — with the field
 *     and old → new value in Vietnamese (dates dd/mm/yyyy), paginated; the staff link reads
 *     the history too (its token as Bearer).
 * Screenshots (desktop and 390 × 844) go to test-artifacts/screenshots/history-*.png (not committed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addCard, readBoard, updateCard } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';
import { AuditLog } from '@binhan/functions';
import { startLinks } from '@binhan/local';
import { hasChromium, requireTool } from '../helpers/tools';
import { see } from '../helpers/page-expect';
import { connectClient, storedDoc, synced, waitFor } from '../helpers/sync-clients';
import { BROWSER_ADMIN, REPO_ROOT, buildWeb, createAdmin, launchChromium, openPage, startBrowserStack, type BrowserStack } from '../helpers/browser';

const run = requireTool('Chromium', hasChromium);
const SHOTS = join(REPO_ROOT, 'test-artifacts', 'screenshots');
const PHONE = { width: 390, height: 844 };
const STAFF_LINK_LABEL = 'Cán bộ (liên kết sửa) / Staff (edit link)';

describe.skipIf(!run)('history, undo and the trash in Chromium, three people at once', () => {
  let bs: BrowserStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const boardId = `hi-${Date.now().toString(36)}`;
  let staffUrl = '';
  let lan: Page;
  let minh: Page;
  let admin: Page;

  const card = (page: Page, id: string) => page.locator(`article.card[data-card-id="${id}"]`);
  const online = (page: Page) => see(page.getByTestId('connection-status'), { timeout: 15_000 }).toHaveAttribute('data-status', 'online');
  const stored = async () => readBoard(await storedDoc(bs.stack, boardId));
  const storedCard = async (id: string): Promise<Record<string, unknown> | null> => {
    const b = await stored();
    return (b.cards.find((c) => c.id === id) ?? b.deletedCards.find((c) => c.id === id) ?? null) as Record<string, unknown> | null;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `history-${name}.png`), fullPage: false });

  async function open(url: string, name: string, label: string, viewport?: { width: number; height: number }): Promise<Page> {
    const r = await openPage(browser, url, { name, label, ...(viewport ? { viewport } : {}) });
    contexts.push(r.context);
    r.page.on('pageerror', (e) => pageErrors.push(`[${label}] ${e.message}`));
    return r.page;
  }

  /** Opens a card's editor, fills fields (by name: the inputs are #f-<name>), saves. */
  async function edit(page: Page, cardId: string, fields: Record<string, string>): Promise<void> {
    await card(page, cardId).locator('h3').click();
    const dialog = page.getByRole('dialog', { name: 'Sửa thẻ' });
    await see(dialog).toBeVisible();
    for (const [name, v] of Object.entries(fields)) await dialog.locator(`#f-${name}`).fill(v);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await see(dialog).toBeHidden();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const webRoot = await buildWeb();
    bs = await startBrowserStack(webRoot);
    const adminId = await createAdmin(bs.stack);
    const doc = new Y.Doc();
    const ctx = { actor: 'seed', now: new Date() };
    seedPlan27Board(doc, { boardId, ...ctx });
    addCard(doc, { kind: 'task', id: 'task-hall', unit: 'culture-society', title: 'Trang trí hội trường', assignee: 'Trần Văn Minh' }, ctx);
    addCard(doc, { kind: 'task', id: 'task-invite', unit: 'office-statistics', title: 'Gửi giấy mời đại biểu' }, ctx);
    // A long checklist: its history must name the item ticked, not the list.
    const sound = ['Thuê loa, micro', 'Kiểm tra máy chiếu', 'Chuẩn bị phông nền', ...Array.from({ length: 27 }, (_, i) => `Việc phụ ${i + 1}`)];
    addCard(doc, { kind: 'task', id: 'task-sound', unit: 'culture-society', title: 'Âm thanh, ánh sáng', checklist: sound.map((text, i) => ({ id: `s${i + 1}`, text })) }, ctx);
    addCard(doc, { kind: 'nominee', id: 'nominee-1', unit: 'council', name: 'Hộ ông Lê Văn Tám', nomineeKind: 'household', reviewStatus: 'council-reviewed' }, ctx);
    await bs.stack.registry.create({ boardId, title: 'Hội nghị điển hình tiên tiến', createdAt: new Date().toISOString(), createdBy: adminId }, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    browser = await launchChromium();

  }, 120_000);

  /** The three people, each in a browser context of their own (expect.poll needs a test). */
  async function openPeople(): Promise<void> {
    // The staff link exactly as `npm start` makes and prints it.
    const printed = await startLinks(bs.stack.table, bs.stack.tokens, boardId);
    expect(printed.edit.link.role).toBe('editor');
    expect(bs.stack.tokens.verify(printed.edit.token, boardId)).toMatchObject({ ok: true, claims: { role: 'editor', subject: `link:${printed.edit.link.linkId}` } });
    staffUrl = `${bs.stack.gateway.httpUrl}/?board=${boardId}&token=${encodeURIComponent(printed.edit.token)}`;
    lan = await open(staffUrl, 'Chị Lan', 'lan');
    const minhToken = bs.stack.tokens.issue({ boardId, role: 'editor', right: 'edit', ttlSeconds: 3600, subject: 'minh' });
    minh = await open(`${bs.stack.gateway.httpUrl}/?board=${boardId}&token=${encodeURIComponent(minhToken)}`, 'Anh Minh', 'minh');
    admin = await open(`${bs.stack.gateway.httpUrl}/`, 'Bà Quản Trị', 'admin');
    await admin.getByLabel('E-mail').fill(BROWSER_ADMIN.email);
    await admin.getByLabel('Mật khẩu', { exact: true }).fill(BROWSER_ADMIN.password);
    await admin.getByRole('button', { name: 'Đăng nhập' }).click();
    await admin.getByRole('button', { name: 'Mở bảng: Hội nghị điển hình tiên tiến' }).click();
    for (const p of [lan, minh, admin]) await online(p);
  }

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await bs?.close();
    if (bs?.webRoot) rmSync(bs.webRoot, { recursive: true, force: true });
  });

  it('undo and redo take back only one’s own change; text fields keep their own undo; a server compensation is not on the stack', async () => {
    await openPeople();
    const undo = lan.getByTestId('undo');
    expect(await undo.isDisabled()).toBe(true);
    await edit(lan, 'task-hall', { title: 'Trang trí hội trường và sân khấu' });
    await see(card(minh, 'task-hall')).toContainText('Trang trí hội trường và sân khấu');
    await edit(minh, 'task-hall', { assignee: 'Lê Thị Hoa' });
    await see(card(lan, 'task-hall')).toContainText('Lê Thị Hoa');

    // Lan's Ctrl+Z: her title goes back everywhere; Minh's assignee stays.
    await lan.locator('body').click({ position: { x: 5, y: 5 } });
    await lan.keyboard.press('Control+z');
    for (const p of [lan, minh]) {
      await see(card(p, 'task-hall').locator('h3')).toHaveText('Trang trí hội trường');
      await see(card(p, 'task-hall')).toContainText('Lê Thị Hoa');
    }
    await waitFor(async () => (await storedCard('task-hall'))?.title === 'Trang trí hội trường', 'undo stored');
    expect(await storedCard('task-hall')).toMatchObject({ title: 'Trang trí hội trường', assignee: 'Lê Thị Hoa' });
    await see(lan.getByTestId('announcer')).toContainText('Đã hoàn tác');
    // Redo: Ctrl+Shift+Z, then the buttons, then Ctrl+Y.
    await lan.keyboard.press('Control+Shift+z');
    await see(card(minh, 'task-hall').locator('h3')).toHaveText('Trang trí hội trường và sân khấu');
    await undo.click();
    await see(card(minh, 'task-hall').locator('h3')).toHaveText('Trang trí hội trường');
    await lan.keyboard.press('Control+y');
    await see(card(minh, 'task-hall').locator('h3')).toHaveText('Trang trí hội trường và sân khấu');

    // A title Minh wrote over Lan's: Lan's undo leaves Minh's.
    await edit(lan, 'task-invite', { title: 'Gửi giấy mời (Lan)' });
    await see(card(minh, 'task-invite').locator('h3')).toHaveText('Gửi giấy mời (Lan)');
    await edit(minh, 'task-invite', { title: 'Gửi giấy mời (Minh)' });
    await see(card(lan, 'task-invite').locator('h3')).toHaveText('Gửi giấy mời (Minh)');
    // Lan's step on task-invite no longer stands (Minh wrote over it): her undo says so and
    // undoes nothing else (Yjs alone would skip it and undo her step before).
    await lan.getByTestId('undo').click();
    await see(lan.getByTestId('announcer')).toContainText('đã bị người khác ghi đè');
    await lan.waitForTimeout(500);
    for (const p of [lan, minh]) {
      await see(card(p, 'task-invite').locator('h3')).toHaveText('Gửi giấy mời (Minh)');
      await see(card(p, 'task-hall').locator('h3')).toHaveText('Trang trí hội trường và sân khấu');
    }
    // Minh's own undo takes his title back to Lan's.
    await minh.locator('body').click({ position: { x: 5, y: 5 } });
    await minh.keyboard.press('Control+z');
    for (const p of [lan, minh]) await see(card(p, 'task-invite').locator('h3')).toHaveText('Gửi giấy mời (Lan)');
    await minh.keyboard.press('Control+Shift+z');
    for (const p of [lan, minh]) await see(card(p, 'task-invite').locator('h3')).toHaveText('Gửi giấy mời (Minh)');

    // In a text field Ctrl+Z is the field's own undo: the board does not change.
    await card(lan, 'task-hall').locator('h3').click();
    const dialog = lan.getByRole('dialog', { name: 'Sửa thẻ' });
    const title = dialog.locator('#f-title');
    await title.focus();
    await lan.keyboard.press('End');
    await lan.keyboard.type(' X');
    await lan.keyboard.press('Control+z');
    await lan.waitForTimeout(400);
    expect(await title.inputValue()).not.toContain(' X');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await see(dialog).toBeHidden();
    for (const p of [lan, minh]) await see(card(p, 'task-hall').locator('h3')).toHaveText('Trang trí hội trường và sân khấu');

    // An approval forced by the editor (as her own write, through the debug handle) is undone
    // by the server; her Ctrl+Z afterwards does not bring "approved" back.
    await lan.evaluate(() => {
      const w = window as unknown as { __binhan: { doc: () => Y.Doc; connection: { localOrigin: unknown } } };
      const doc = w.__binhan.doc();
      doc.transact(() => (doc.getMap('cards').get('nominee-1') as Y.Map<unknown>).set('reviewStatus', 'approved'), w.__binhan.connection.localOrigin);
    });
    await see(lan.getByRole('alert').filter({ hasText: 'Chỉ lãnh đạo' })).toBeVisible();
    for (const p of [lan, minh]) await see(card(p, 'nominee-1')).toContainText('Hội đồng TĐ-KT đã xét');
    await lan.locator('body').click({ position: { x: 5, y: 5 } });
    await lan.keyboard.press('Control+z');
    await see(lan.getByTestId('announcer')).toContainText('máy chủ đã hoàn tác');
    await lan.waitForTimeout(800);
    for (const p of [lan, minh]) {
      // Nothing else was undone either (her earlier title stands).
      await see(card(p, 'task-hall').locator('h3')).toHaveText('Trang trí hội trường và sân khấu');
      await see(card(p, 'nominee-1')).toContainText('Hội đồng TĐ-KT đã xét');
      await see(card(p, 'nominee-1')).not.toContainText('Chủ tịch UBND đã duyệt');
    }
    expect(await storedCard('nominee-1')).toMatchObject({ reviewStatus: 'council-reviewed' });
  }, 90_000);

  it('delete → trash → restore (editor); no purge for an editor, a stock client’s purge is undone; the admin purges', async () => {
    await card(lan, 'task-invite').focus();
    await lan.keyboard.press('Delete');
    await see(card(minh, 'task-invite')).toHaveCount(0);
    await minh.getByTestId('open-trash').click();
    const trash = minh.getByTestId('trash');
    await see(trash).toBeVisible();
    const item = trash.locator('[data-trash-card="task-invite"]');
    await see(item).toContainText('Gửi giấy mời (Minh)');
    await see(item).toContainText('Xóa bởi Chị Lan lúc');
    expect((await item.textContent()) ?? '').toMatch(/lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await see(trash.getByRole('button', { name: 'Xóa hẳn thẻ Gửi giấy mời (Minh)' })).toHaveCount(0);
    await see(trash.getByTestId('purge-admin-only')).toContainText('Chỉ quản trị viên được xóa hẳn thẻ');
    await shot(minh, 'trash-desktop');
    await trash.getByRole('button', { name: 'Khôi phục thẻ Gửi giấy mời (Minh)' }).click();
    await see(trash.getByTestId('trash-empty')).toBeVisible();
    await see(card(lan, 'task-invite')).toHaveCount(1);
    await minh.keyboard.press('Escape');
    await see(trash).toBeHidden();

    // In the bin again; a stock y-websocket client with an editor token removes it for good.
    await card(lan, 'task-invite').focus();
    await lan.keyboard.press('Delete');
    await waitFor(async () => (await stored()).deletedCards.some((c) => c.id === 'task-invite'), 'deleted stored');
    const editorToken = bs.stack.tokens.issue({ boardId, role: 'editor', right: 'edit', ttlSeconds: 600, subject: 'stock-client' });
    const stock = connectClient(bs.stack, boardId, editorToken);
    try {
      await synced(stock);
      stock.doc.getMap('cards').delete('task-invite');
      await waitFor(() => stock.permissionDenied.length > 0, 'purge refused');
      await waitFor(() => stock.doc.getMap('cards').has('task-invite'), 'purge undone in the client');
      expect((await stored()).deletedCards.map((c) => c.id)).toContain('task-invite');
      // Its later edit still arrives.
      updateCard(stock.doc, 'task-hall', { description: 'Sửa sau khi bị từ chối' }, { actor: 'stock', now: new Date() });
      await waitFor(async () => (await storedCard('task-hall'))?.description === 'Sửa sau khi bị từ chối', 'later edit stored');
    } finally {
      stock.destroy();
    }
    await see(lan.getByTestId('open-trash')).toContainText('(1)');

    // The admin purges, after a confirmation.
    await admin.getByTestId('open-trash').click();
    const adminTrash = admin.getByTestId('trash');
    await adminTrash.getByRole('button', { name: 'Xóa hẳn thẻ Gửi giấy mời (Minh)' }).click();
    const confirm = admin.getByRole('alertdialog', { name: 'Xóa hẳn thẻ?' });
    await see(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Xóa hẳn' }).click();
    await see(adminTrash.getByTestId('trash-empty')).toBeVisible();
    await waitFor(async () => !(await storedDoc(bs.stack, boardId)).getMap('cards').has('task-invite'), 'purged in storage');
    await see(lan.getByTestId('open-trash')).toContainText('(0)');
    await admin.keyboard.press('Escape');
  }, 90_000);

  it('the card history and the activity page name each person (account; link + self-declared name) with old → new, paginated', async () => {
    await edit(lan, 'task-hall', { due: '15/03/2025' });
    await edit(admin, 'task-hall', { assignee: 'Nguyễn Văn An' });
    await waitFor(async () => (await new AuditLog(bs.stack.table).listCard(boardId, 'task-hall')).entries.some((e) => e.changes?.some((c) => c.new === 'Nguyễn Văn An')), 'audit written');
    // What storage holds: the person and old → new.
    const page1 = (await new AuditLog(bs.stack.table).listCard(boardId, 'task-hall')).entries;
    expect(page1.find((e) => e.changes?.some((c) => c.field === 'due'))).toMatchObject({ declaredName: 'Chị Lan', changes: [{ field: 'due', old: null, new: '2025-03-15' }] });

    await card(admin, 'task-hall').locator('h3').click();
    const dialog = admin.getByRole('dialog', { name: 'Sửa thẻ' });
    await dialog.getByText('Lịch sử thay đổi của thẻ').click();
    const list = dialog.getByTestId('card-history-list');
    const rows = list.locator('li.history__row');
    await see(rows.first()).toContainText('Quản trị viên');
    await see(rows.first()).toContainText('Người phụ trách: Lê Thị Hoa → Nguyễn Văn An');
    await see(list).not.toContainText('Bà Quản Trị');
    await see(list).toContainText(`Chị Lan (tự khai, qua liên kết “${STAFF_LINK_LABEL}”)`);
    await see(list).toContainText('Hạn hoàn thành: (trống) → 15/03/2025');
    await dialog.locator('.card-history').scrollIntoViewIfNeeded();
    await shot(admin, 'history-panel-desktop');
    // Ten changes a page: the older ones (Lan's title, Minh's assignee) are on the next pages.
    let all = '';
    for (let n = 1; n <= 6; n++) {
      await see(list).toContainText(`Trang ${n}`);
      all += (await list.textContent()) ?? '';
      const older = list.getByTestId('history-older');
      if ((await older.count()) === 0) break;
      await older.click();
      await see(list).toContainText(`Trang ${n + 1}`);
    }
    expect(all).toContain('Tiêu đề: Trang trí hội trường → Trang trí hội trường và sân khấu');
    expect(all).toContain('Anh Minh (tự khai)');
    expect(all).toContain('Người phụ trách: Trần Văn Minh → Lê Thị Hoa');
    await dialog.getByRole('button', { name: 'Hủy' }).click();

    // The staff link reads the history too (its token as Bearer).
    await card(lan, 'task-hall').locator('h3').click();
    const lanDialog = lan.getByRole('dialog', { name: 'Sửa thẻ' });
    await lanDialog.getByText('Lịch sử thay đổi của thẻ').click();
    await see(lanDialog.getByTestId('card-history-list')).toContainText('Quản trị viên');
    await lanDialog.getByRole('button', { name: 'Hủy' }).click();

    // The activity page, paginated: 30 older entries make a second page.
    const log = new AuditLog(bs.stack.table);
    await log.record(Array.from({ length: 30 }, (_, i) => ({
      boardId, cardId: 'task-hall', actor: 'minh', at: new Date(Date.UTC(2025, 0, 2, 1, i)).toISOString(), action: 'updated' as const, fields: ['clause'],
      changes: [{ field: 'clause', old: `IV.${i}`, new: `IV.${i + 1}` }], declaredName: 'Anh Minh',
    })));
    await admin.getByTestId('open-activity').click();
    const activity = admin.getByTestId('activity-list');
    await see(activity.locator('li.history__row')).toHaveCount(25);
    await see(activity.locator('li.history__row').first()).toContainText('Trang trí hội trường và sân khấu');
    await see(activity).toContainText('Trang 1');
    // The purged card is named from the audit (its entry is gone from the board).
    await see(activity.locator('li.history__row[data-action="purged"]')).toContainText('Quản trị viên xóa hẳn · Gửi giấy mời (Minh) (thẻ đã xóa hẳn)');
    await shot(admin, 'activity-desktop');
    await activity.getByTestId('history-older').click();
    await see(activity).toContainText('Trang 2');
    await see(activity).toContainText('02/01/2025');
    await see(activity).toContainText('IV.0 → IV.1');

    // Phone screenshots of the three views (390 × 844).
    const phone = await open(staffUrl, 'Chị Lan', 'lan-phone', PHONE);
    await online(phone);
    // A card in the bin, restored from the trash on the phone.
    await card(phone, 'task-hall').focus();
    await phone.keyboard.press('Delete');
    await phone.getByTestId('open-trash').click();
    const phoneTrash = phone.getByTestId('trash');
    await see(phoneTrash.locator('[data-trash-card="task-hall"]')).toContainText('Xóa bởi Chị Lan lúc');
    await shot(phone, 'trash-phone');
    await phoneTrash.getByRole('button', { name: 'Khôi phục thẻ Trang trí hội trường và sân khấu' }).click();
    await see(phoneTrash.getByTestId('trash-empty')).toBeVisible();
    await phone.keyboard.press('Escape');
    await see(card(lan, 'task-hall')).toHaveCount(1);
    await card(phone, 'task-hall').locator('h3').click();
    const phoneDialog = phone.getByRole('dialog', { name: 'Sửa thẻ' });
    await phoneDialog.getByText('Lịch sử thay đổi của thẻ').click();
    await see(phoneDialog.getByTestId('card-history-list')).toContainText('Quản trị viên');
    await phoneDialog.locator('.card-history').scrollIntoViewIfNeeded();
    await shot(phone, 'history-panel-phone');
    await phoneDialog.getByRole('button', { name: 'Hủy' }).click();
    await phone.getByTestId('open-activity').click();
    await see(phone.getByTestId('activity-list').locator('li.history__row')).toHaveCount(25);
    await shot(phone, 'activity-phone');
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('ticking one item of a 30-item checklist: the history shows that item ☐ → ☑, and storage holds that item only', async () => {
    await card(lan, 'task-sound').locator('h3').click();
    const dialog = lan.getByRole('dialog', { name: 'Sửa thẻ' });
    await dialog.getByRole('checkbox', { name: 'Đã xong: Kiểm tra máy chiếu' }).check();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await see(dialog).toBeHidden();
    await waitFor(async () => (await new AuditLog(bs.stack.table).listCard(boardId, 'task-sound')).entries.some((e) => e.action === 'updated'), 'tick audited');
    const [tick] = (await new AuditLog(bs.stack.table).listCard(boardId, 'task-sound')).entries;
    expect(tick!.changes).toEqual([{ field: 'checklist', old: [{ text: 'Kiểm tra máy chiếu', done: false }], new: [{ text: 'Kiểm tra máy chiếu', done: true }], itemsChanged: true }]);

    await card(lan, 'task-sound').locator('h3').click();
    await dialog.getByText('Lịch sử thay đổi của thẻ').click();
    const rows = dialog.getByTestId('card-history-list').locator('li.history__row');
    await see(rows.first()).toContainText('Danh sách việc cần làm: ☐ Kiểm tra máy chiếu → ☑ Kiểm tra máy chiếu');
    await see(rows.first()).not.toContainText('Thuê loa');
    await see(rows.first()).not.toContainText('Việc phụ');
    await dialog.locator('.card-history').scrollIntoViewIfNeeded();
    await shot(lan, 'history-checklist-tick');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    // The same row on a phone (390 × 844).
    const phone = await open(staffUrl, 'Chị Lan', 'lan-phone-tick', PHONE);
    await card(phone, 'task-sound').locator('h3').click();
    const phoneDialog = phone.getByRole('dialog', { name: 'Sửa thẻ' });
    await phoneDialog.getByText('Lịch sử thay đổi của thẻ').click();
    await see(phoneDialog.getByTestId('card-history-list').locator('li.history__row').first()).toContainText('☐ Kiểm tra máy chiếu → ☑ Kiểm tra máy chiếu');
    await phoneDialog.getByTestId('card-history-list').scrollIntoViewIfNeeded();
    await shot(phone, 'history-checklist-tick-phone');
    await phoneDialog.getByRole('button', { name: 'Hủy' }).click();
  }, 60_000);
});
