/**
 * The export menu in Chromium, opened with a read-only link (the harder path: the link's token
 * cannot ride on a plain <a>, so the page fetches each file itself): the nominee list filtered
 * by a status named as on the board, a Word paper with the number and signer typed in, and the
 * print view opening in a new tab that calls the browser's print dialog. Every check is on what
 * the user gets: the file saved, the tab opened, the dialog asked for.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { addCard } from '../../packages/core/src/index';
import { seedPlan27Board } from '../../packages/core/src/plan-27';
import { hasChromium, requireTool } from '../helpers/tools';
import { see } from '../helpers/page-expect';
import { boardUrl, createBoard, openPage, type BrowserStack } from '../helpers/browser';
import { useBrowserStack } from '../helpers/stack-hooks';
import { parseCsv, unzipText } from '../helpers/export-fixture';

const run = requireTool('Chromium', hasChromium);
const BOARD = 'export-menu';

describe.skipIf(!run)('the export menu in Chromium (read-only link)', () => {
  let bs: BrowserStack;
  let browser: Browser;
  let context: BrowserContext;
  const { contexts } = useBrowserStack({ setup: seed }, (env) => ({ bs, browser } = env));

  async function seed(stack: BrowserStack): Promise<void> {
    await createBoard(stack.stack, BOARD, (doc, ctx) => {
      seedPlan27Board(doc, { boardId: BOARD, ...ctx });
      addCard(doc, { kind: 'nominee', unit: 'council', name: 'Thôn Bình Tây', nomineeKind: 'collective', awardForm: 'giay-khen', reviewStatus: 'approved' }, ctx);
      addCard(doc, { kind: 'nominee', unit: 'council', name: 'Bà Phạm Thị Dung', nomineeKind: 'individual', awardForm: 'giay-khen' }, ctx);
    });
    // Listed, as a board made through the API is (the HTTP routes look boards up there).
    await stack.stack.registry.register({ boardId: BOARD, title: 'Hội nghị điển hình tiên tiến', createdAt: new Date().toISOString(), createdBy: 'seed' });
  }

  it('filters the nominee list by status, downloads a Word paper with the number and signer typed, and opens the print view that prints itself', async () => {
    const opened = await openPage(browser, boardUrl(bs.stack, BOARD, 'view'), { label: 'district', name: 'Phòng Nội vụ' });
    context = opened.context;
    contexts.push(context);
    const page = opened.page;
    // Every page of this context records a call to print() instead of opening the dialog.
    await context.addInitScript(() => {
      (window as unknown as { __printed: number }).__printed = 0;
      window.print = () => { (window as unknown as { __printed: number }).__printed++; };
    });
    await see(page.getByTestId('connection-status'), { timeout: 15_000 }).toHaveAttribute('data-status', 'online');
    await page.getByRole('link', { name: 'Xuất dữ liệu' }).click();
    const panel = page.getByTestId('sharing-panel');

    // The status filter offers the board's own names.
    const filter = panel.getByLabel('Lọc danh sách theo tình trạng');
    await filter.selectOption({ label: 'Chủ tịch UBND đã duyệt' });
    const csvDownload = page.waitForEvent('download');
    await panel.getByRole('link', { name: 'Danh sách đề nghị khen thưởng (CSV)' }).click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows.slice(1, -1).map((r) => r[1])).toEqual(['Thôn Bình Tây']);
    expect(rows[1]![6]).toBe('Chủ tịch UBND đã duyệt');

    // A paper, with what the clerk typed.
    await panel.getByLabel('Số văn bản (chỉ phần số, ví dụ 15)').fill('15');
    await panel.getByLabel('Họ tên người ký').fill('Nguyễn Văn An');
    await panel.getByLabel('Ngày ban hành (dd/mm/yyyy, để trống là hôm nay)').fill('05/03/2025');
    const docDownload = page.waitForEvent('download');
    await panel.getByRole('link', { name: 'Quyết định khen thưởng (kèm danh sách) (Word)' }).click();
    const download = await docDownload;
    expect(download.suggestedFilename()).toBe(`Quyết định khen thưởng - ${BOARD}.docx`);
    const xml = unzipText(readFileSync(await download.path())).get('word/document.xml')!;
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
    for (const s of ['Số: 15/QĐ-UBND', 'Bình An, ngày 05 tháng 3 năm 2025', 'QUYẾT ĐỊNH', 'Thôn Bình Tây', 'Nguyễn Văn An'])
      expect(text).toContain(s);
    expect(text).not.toContain('Bà Phạm Thị Dung'); // not approved

    // A bad date is refused with the reason, nothing downloaded.
    await panel.getByLabel('Ngày ban hành (dd/mm/yyyy, để trống là hôm nay)').fill('31/02/2025');
    await panel.getByRole('link', { name: 'Dự toán kinh phí Hội nghị (Word)' }).click();
    await see(page.getByText('"31/02/2025" không phải là ngày: hãy viết theo dạng dd/mm/yyyy.')).toBeVisible();

    // The print view: a new tab with the list, which asks for the print dialog once loaded.
    const popup = page.waitForEvent('popup');
    await panel.getByRole('link', { name: 'Dự toán kinh phí: Trang in' }).click();
    const tab = await popup;
    await see(tab.getByText('DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI NGHỊ')).toBeVisible();
    await expect.poll(() => tab.evaluate(() => (window as unknown as { __printed: number }).__printed), { timeout: 10_000 }).toBe(1);
  });
});
