/**
 * The new-board form in Chromium with a plan file: the administrator picks "Từ tệp kế hoạch",
 * gives a .docx with a Word table, sees the preview (facts, event, columns, tasks with due
 * dates and cooperating units), renames a column and moves another's tasks into a third, then
 * creates the board and opens it: the columns are the plan's, named as chosen. A .doc and a
 * plan with nothing to read are refused in Vietnamese, nothing created. Checks are on what the
 * page shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { hasChromium, requireTool } from '../helpers/tools';
import { see } from '../helpers/page-expect';
import { BROWSER_ADMIN, openPage, screenshotPath, type BrowserStack } from '../helpers/browser';
import { useBrowserStack } from '../helpers/stack-hooks';
import { planDocx } from '../plans/plan-docx';

const run = requireTool('Chromium', hasChromium);
const PLAN = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'plans', '01-hoi-nghi-tan-phu.txt'), 'utf8');

describe.skipIf(!run)('a board from a plan file, in Chromium', () => {
  let bs: BrowserStack;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let dir = '';
  const { contexts } = useBrowserStack({ admin: true }, (env) => ({ bs, browser } = env));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'binh-an-upload-'));
    writeFileSync(join(dir, 'ke-hoach-12.docx'), await planDocx(PLAN));
    const doc = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(doc);
    writeFileSync(join(dir, 'ke-hoach-cu.doc'), doc);
    writeFileSync(join(dir, 'trong.txt'), 'Xin chào.');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('previews, maps and renames columns, creates the board; bad files are refused', async () => {
    const opened = await openPage(browser, `${bs.stack.gateway.httpUrl}/`, { label: 'admin', name: 'Quản trị viên' });
    context = opened.context;
    contexts.push(context);
    const page = opened.page;
    await page.getByLabel('E-mail').fill(BROWSER_ADMIN.email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(BROWSER_ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await see(page.getByRole('heading', { name: 'Các bảng kế hoạch' })).toBeVisible();

    await page.getByLabel('Tên bảng').fill('Hội nghị dân số xã Tân Phú');
    await page.getByLabel('Từ tệp kế hoạch (.docx, .pdf, .txt)').check();

    // An old .doc: refused with what to do.
    await page.getByLabel('Tệp kế hoạch', { exact: true }).setInputFiles(join(dir, 'ke-hoach-cu.doc'));
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await see(page.getByRole('alert')).toContainText('Đây là tệp Word cũ (.doc). Hãy mở bằng Word, lưu thành .docx');
    // A plan with nothing to read.
    await page.getByLabel('Tệp kế hoạch', { exact: true }).setInputFiles(join(dir, 'trong.txt'));
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await see(page.getByRole('alert')).toContainText('Không đọc được nhiệm vụ hay mục chương trình nào');
    // Creating without a preview is not possible.
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await see(page.getByRole('alert')).toContainText('Hãy bấm “Xem trước”');

    // The real plan.
    await page.getByLabel('Tệp kế hoạch', { exact: true }).setInputFiles(join(dir, 'ke-hoach-12.docx'));
    await page.getByRole('button', { name: 'Xem trước' }).click();
    const preview = page.getByTestId('plan-preview');
    await see(preview).toContainText('12/KH-UBND');
    await see(preview).toContainText('01/04/2025, 07:30');
    await see(preview).toContainText('Hội trường UBND xã Tân Phú');
    await see(preview).toContainText('Xây dựng báo cáo tổng kết công tác dân số năm 2024');
    await see(preview).toContainText('Hạn: 20/03/2025 · Phối hợp: Trạm Y tế xã');
    expect(await preview.locator('tr[data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit'))))
      .toEqual(['culture-society', 'office-statistics', 'finance', 'police', 'women-union']);
    await preview.getByLabel('Tên cột: Công an xã').fill('Công an xã Tân Phú');
    await preview.getByLabel('Đưa nhiệm vụ vào: Hội Liên hiệp Phụ nữ xã').selectOption({ label: 'Văn hóa – Xã hội' });
    await page.screenshot({ path: screenshotPath('new-board-from-file-vi'), fullPage: true });

    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await see(page.getByRole('status').filter({ hasText: 'Đã tạo bảng' })).toContainText('Đã tạo bảng “Hội nghị dân số xã Tân Phú”');
    await page.getByRole('button', { name: 'Mở bảng: Hội nghị dân số xã Tân Phú' }).click();
    await see(page.getByTestId('connection-status'), { timeout: 15_000 }).toHaveAttribute('data-status', 'online');
    const columns = page.locator('section.column');
    await see(columns).toHaveCount(4);
    expect(await columns.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-unit')))).toEqual(['culture-society', 'office-statistics', 'finance', 'police']);
    await see(page.locator('section.column[data-unit="police"]')).toContainText('Công an xã Tân Phú');
    await see(page.locator('section.column[data-unit="culture-society"]')).toContainText('Vận động hội viên tham dự Hội nghị');
  });
});
