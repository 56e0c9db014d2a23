/**
 * Accounts and links in real headless Chromium against the local stack: the administrator signs
 * in, creates a board, shares it with "Phòng Nội vụ" from the "Chia sẻ & thành viên" panel; a
 * second browser opens the link read-only and is told at once when the link is revoked; an
 * invited member sets a password and opens the board; wrong passwords and the throttle are
 * explained in Vietnamese. Every check is on what the page shows.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, requireTool } from '../helpers/tools';
import { see } from '../helpers/page-expect';
import { BROWSER_ADMIN, openPage, screenshotPath, type BrowserStack } from '../helpers/browser';
import { useBrowserStack } from '../helpers/stack-hooks';

const run = requireTool('Chromium', hasChromium);

describe.skipIf(!run)('accounts, sharing and members in Chromium', () => {
  let bs: BrowserStack;
  let browser: Browser;
  let base = '';
  const { contexts } = useBrowserStack({ stack: { throttle: { perEmail: 5, perIp: 1000, windowSeconds: 900 } }, admin: true }, (env) => {
    ({ bs, browser } = env);
    base = bs.stack.gateway.httpUrl;
  });

  async function open(url: string, label: string, name?: string) {
    const r = await openPage(browser, url, { label, ...(name ? { name } : {}) });
    contexts.push(r.context);
    return r;
  }

  const online = (page: Page) => see(page.getByTestId('connection-status'), { timeout: 15_000 }).toHaveAttribute('data-status', 'online');

  async function signIn(page: Page, email: string, password: string) {
    await see(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  it('a wrong password is refused in Vietnamese; repeated failures say how long to wait', async () => {
    const { page } = await open(`${base}/#/login`, 'login');
    await signIn(page, BROWSER_ADMIN.email, 'mat-khau-sai-roi');
    const alert = page.getByRole('alert');
    await see(alert).toContainText('E-mail hoặc mật khẩu không đúng');
    // Focus returns to the password field, marked invalid.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
    await see(page.getByLabel('Mật khẩu', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: screenshotPath('login-error-vi') });

    // Another address: 5 failures, then the throttle (429) with the wait time.
    const other = 'khong-ton-tai@binhan.gov.vn';
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('E-mail').fill(other);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(`sai-${i}`);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await see(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
      await see(alert).toContainText('không đúng');
    }
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai-nua');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await see(alert).toHaveText(/^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/);
    // Still nobody signed in: the board list is not shown.
    await see(page.getByRole('heading', { name: 'Các bảng kế hoạch' })).toBeHidden();
  });

  it('the administrator shares a board with “Phòng Nội vụ”, invites a member, and revoking cuts the link off at once', async () => {
    // Sign in (no link in the address): the sign-in page, then the board list.
    const { page: admin } = await open(`${base}/`, 'admin', 'Quản trị viên');
    await signIn(admin, BROWSER_ADMIN.email, BROWSER_ADMIN.password);
    await see(admin.getByRole('heading', { name: 'Các bảng kế hoạch' })).toBeVisible();
    await see(admin.getByText('Đăng nhập: Quản trị viên')).toBeVisible();

    // Create a board from the plan 27 template, then open it.
    await admin.getByLabel('Tên bảng').fill('Hội nghị điển hình tiên tiến 2025');
    await see(admin.getByLabel('Theo Kế hoạch 27/KH-UBND (hội nghị điển hình tiên tiến)')).toBeVisible();
    await admin.getByRole('button', { name: 'Tạo', exact: true }).click();
    await see(admin.getByRole('status').filter({ hasText: 'Đã tạo bảng' })).toContainText('Đã tạo bảng “Hội nghị điển hình tiên tiến 2025”');
    await admin.getByRole('button', { name: 'Mở bảng: Hội nghị điển hình tiên tiến 2025' }).click();
    await online(admin);
    await see(admin.locator('section.column[data-unit="finance"]')).toBeVisible();
    const boardId = new URL(admin.url()).searchParams.get('board')!;
    expect(boardId).toMatch(/^hoi-nghi-dien-hinh-tien-tien-2025-/);
    expect(admin.url()).not.toContain('token='); // the sync token stays in memory

    // Sharing & members panel.
    await admin.getByRole('link', { name: 'Chia sẻ & thành viên' }).click();
    const panel = admin.getByTestId('sharing-panel');
    await see(panel.getByRole('heading', { name: 'Liên kết chỉ xem' })).toBeVisible();
    await see(panel.getByText('Chưa có liên kết nào.')).toBeVisible();

    // A bad expiry is refused in Vietnamese, next to the field.
    await admin.getByLabel('Tên gợi nhớ').fill('Phòng Nội vụ');
    await admin.getByLabel('Ngày hết hạn (không bắt buộc)').fill('31/02/2030');
    await admin.getByRole('button', { name: 'Tạo liên kết' }).click();
    await see(panel.getByRole('alert')).toContainText('“31/02/2030” không phải là ngày có thật');

    // The link with an expiry date (dd/mm/yyyy).
    const year = new Date().getFullYear() + 1;
    await admin.getByLabel('Ngày hết hạn (không bắt buộc)').fill(`31/12/${year}`);
    await admin.getByRole('button', { name: 'Tạo liên kết' }).click();
    const created = admin.getByTestId('created-link');
    await see(created).toContainText('Đã tạo liên kết “Phòng Nội vụ”');
    const url = await created.getByLabel('Địa chỉ liên kết “Phòng Nội vụ”', { exact: true }).inputValue();
    expect(url).toMatch(new RegExp(`^${base}/\\?board=${boardId}&token=v1\\.`));
    const row = panel.getByTestId('links-table').locator('tbody tr', { hasText: 'Phòng Nội vụ' });
    await see(row).toContainText(`31/12/${year}`);
    await see(row).toContainText('Đang dùng');
    await see(row.getByRole('button', { name: 'Sao chép liên kết “Phòng Nội vụ”' })).toBeVisible();

    // The members: the administrator; invite an editor and show the one-time link.
    const members = panel.getByTestId('members-table');
    await see(members).toContainText('quantri@binhan.gov.vn');
    await admin.getByLabel('E-mail', { exact: true }).fill('lan.nguyen@binhan.gov.vn');
    await admin.getByLabel('Vai trò', { exact: true }).selectOption('editor');
    await admin.getByRole('button', { name: 'Mời', exact: true }).click();
    const invite = admin.getByTestId('invite-result');
    await see(invite).toContainText('Đã thêm lan.nguyen@binhan.gov.vn');
    const inviteUrl = await invite.getByLabel('Liên kết mời lan.nguyen@binhan.gov.vn', { exact: true }).inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${base}/\\?invite=[A-Za-z0-9_-]{43}$`));
    await see(members.locator('tbody tr', { hasText: 'lan.nguyen@binhan.gov.vn' })).toContainText('Chưa nhận lời mời');
    expect(await members.getByLabel('Vai trò của lan.nguyen').inputValue()).toBe('editor');
    // A member still invited: the system administrator issues the link again from the list
    // (a board admin adding an e-mail gets no link; this button is how that person gets one).
    await members.getByRole('button', { name: 'Cấp liên kết mời cho lan.nguyen' }).click();
    await see(invite).toContainText('Gửi liên kết mời này cho lan.nguyen@binhan.gov.vn');
    const reissuedUrl = await invite.getByLabel('Liên kết mời lan.nguyen@binhan.gov.vn', { exact: true }).inputValue();
    expect(reissuedUrl).toMatch(new RegExp(`^${base}/\\?invite=[A-Za-z0-9_-]{43}$`));
    expect(reissuedUrl).not.toBe(inviteUrl);

    // The district opens the link: the board, read-only, live.
    const { page: district } = await open(url, 'district', 'Phòng Nội vụ');
    await online(district);
    await see(district.getByText('Chỉ xem', { exact: true })).toBeVisible();
    await see(district.getByRole('note')).toContainText('Chế độ chỉ xem');
    await see(district.locator('section.column[data-unit="finance"]')).toBeVisible();
    await see(district.getByRole('button', { name: /Thêm thẻ vào cột/ })).toHaveCount(0);
    // It can reach the exports with its link, but not the members or links.
    await district.getByRole('link', { name: 'Xuất dữ liệu' }).click();
    await see(district.getByTestId('sharing-panel').getByRole('link', { name: 'Danh sách đề nghị khen thưởng (CSV)' })).toBeVisible();
    await see(district.getByTestId('links-table')).toHaveCount(0);
    const download = district.waitForEvent('download');
    await district.getByRole('link', { name: 'Dự toán kinh phí (CSV)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^Dự toán kinh phí - .*\.csv$/);
    await district.getByRole('link', { name: 'Bảng công việc' }).click();

    // The administrator's exports are plain links (the session cookie goes with them).
    const csv = panel.getByRole('link', { name: 'Danh sách đề nghị khen thưởng (CSV)' });
    expect(await csv.getAttribute('href')).toBe(`${base}/api/boards/${boardId}/exports/nominees.csv?lang=vi`);

    await admin.screenshot({ path: screenshotPath('sharing-vi'), fullPage: true });

    // Revoke, with a confirmation; cancelling first changes nothing and returns focus.
    await row.getByRole('button', { name: 'Thu hồi liên kết “Phòng Nội vụ”' }).click();
    const dialog = admin.getByRole('alertdialog', { name: 'Thu hồi liên kết?' });
    await see(dialog).toContainText('Liên kết “Phòng Nội vụ” sẽ không dùng được nữa');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await see(dialog).toBeHidden();
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Thu hồi liên kết “Phòng Nội vụ”');
    await see(row).toContainText('Đang dùng');
    await see(district.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');

    await row.getByRole('button', { name: 'Thu hồi liên kết “Phòng Nội vụ”' }).click();
    const revokedAt = Date.now();
    await dialog.getByRole('button', { name: 'Thu hồi' }).click();
    await see(row).toContainText('Đã thu hồi');
    await see(row.getByRole('button', { name: /Thu hồi/ })).toHaveCount(0);

    // Within 5 s the district's page says so, in place of the board, and stops reconnecting.
    const closed = district.getByTestId('closed-message');
    await see(closed, { timeout: 5_000 }).toContainText('Liên kết này đã bị thu hồi');
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    await see(closed.getByRole('heading', { name: 'Liên kết đã bị thu hồi' })).toBeVisible();
    await see(district.getByTestId('connection-status')).toHaveAttribute('data-status', 'closed');
    await see(district.locator('section.column')).toHaveCount(0);
    await district.screenshot({ path: screenshotPath('link-revoked-vi') });

    // Opening the revoked link again: refused at connect, explained all the same.
    const { page: again } = await open(url, 'district-again', 'Phòng Nội vụ');
    await see(again.getByTestId('closed-message'), { timeout: 15_000 }).toContainText('Liên kết này đã bị thu hồi');

    // The administrator's own board still works; sign out returns to the sign-in page.
    await admin.getByRole('link', { name: 'Bảng công việc' }).click();
    await online(admin);
    await admin.getByRole('button', { name: 'Đăng xuất' }).click();
    await see(admin.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();

    // The invited member sets a name and a password, and is signed in with the board listed.
    const { page: lan } = await open(reissuedUrl, 'invitee', 'Chị Lan');
    await see(lan.getByRole('heading', { name: 'Nhận lời mời tham gia' })).toBeVisible();
    await lan.getByLabel('Họ và tên').fill('Nguyễn Thị Lan');
    await lan.getByLabel('Mật khẩu mới').fill('ngan');
    await lan.getByRole('button', { name: 'Đặt mật khẩu và vào bảng' }).click();
    await see(lan.getByRole('alert')).toContainText('Mật khẩu cần ít nhất 10 ký tự');
    await lan.getByLabel('Mật khẩu mới').fill('mat-khau-cua-lan-2025');
    await lan.getByRole('button', { name: 'Đặt mật khẩu và vào bảng' }).click();
    await see(lan.getByRole('heading', { name: 'Các bảng kế hoạch' })).toBeVisible();
    expect(lan.url()).not.toContain('invite=');
    await see(lan.getByText('Đăng nhập: Nguyễn Thị Lan')).toBeVisible();
    await lan.getByRole('link', { name: 'Hội nghị điển hình tiên tiến 2025' }).click();
    await online(lan);
    await see(lan.getByRole('button', { name: /Thêm thẻ vào cột/ }).first()).toBeVisible();
    // An editor sees the exports only.
    await see(lan.getByRole('link', { name: 'Xuất dữ liệu' })).toBeVisible();
  });
});
