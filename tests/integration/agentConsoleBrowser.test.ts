/**
 * The agent console in a real browser (Debian chromium) against the real handoff service and
 * engine: log in with the token, see tickets arrive live, take one, answer the user (typed through
 * an IME), and close it. What the user hears is checked in the engine's history and deliveries.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_TOKEN, type Harness, startHarness } from '../helpers/agentConsoleHarness.ts';
import { launchBrowser } from '../helpers/browser.ts';

let h: Harness;
let url: string;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness();
  url = (await h.serve()).url;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const queueItem = (page: Page, ticketId: string) => page.locator(`#queue-list li[data-ticket="${ticketId}"]`);

async function logIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('担当者名（お客様にも表示されます）').fill('佐藤');
  await page.getByLabel('エージェントトークン').fill(token);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

describe('agent console in chromium', () => {
  it('refuses a wrong token and keeps the right one for the tab only', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/agent`);
    await logIn(page, 'this-is-not-the-agent-token');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('トークンが正しくありません。');
    expect(await page.locator('#desk').isHidden()).toBe(true);

    await logIn(page, AGENT_TOKEN);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('ライブ更新中');
    expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(AGENT_TOKEN);
    expect(await page.evaluate(() => Object.values(localStorage))).not.toContain(AGENT_TOKEN);
    // A reload in the same tab stays logged in.
    await page.reload();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('ライブ更新中');
    await page.close();
  });

  it('shows a new ticket live, takes it, replies through an IME, and closes it', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/agent`);
    await logIn(page, AGENT_TOKEN);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('ライブ更新中');
    const titleBefore = await page.title();

    const conversationId = 'line:U-console-browser';
    const ticket = await h.openTicket(conversationId);
    const urgent = await h.openTicket('web:console-browser-urgent', { urgent: true });

    // Both arrive without a reload: marked new, the urgent one first and labelled, the title counting them.
    await queueItem(page, ticket.id).waitFor();
    await queueItem(page, urgent.id).waitFor();
    expect(await page.locator('#queue-list li').first().getAttribute('data-ticket')).toBe(urgent.id);
    expect(await queueItem(page, urgent.id).locator('.badge.urgent').textContent()).toBe('緊急');
    expect(await queueItem(page, ticket.id).locator('.badge.new').textContent()).toBe('新着');
    await expect.poll(() => page.title()).toMatch(/^\(2\) /);
    expect(await page.locator('#queue-announce').textContent()).toContain('相談が届きました');

    // Opened from the keyboard: the summary and the transcript so far.
    await queueItem(page, ticket.id).getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#ticket-meta').textContent()).toContain('待機中');
    expect(await page.locator('#summary').textContent()).toContain('ギフト券番号の登録');
    const log = page.getByRole('log');
    expect(await log.textContent()).toContain('ギフト券を登録しようとしたらエラーになりました');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => page.title()).toMatch(/^\(1\) /);
    expect(await page.getByLabel('お客様への返信').isDisabled()).toBe(true);

    await page.getByRole('button', { name: '担当する' }).click();
    await expect.poll(() => page.locator('#ticket-meta').textContent()).toContain('対応中（担当: 佐藤）');
    expect(await page.getByRole('button', { name: '担当する' }).isDisabled()).toBe(true);
    const toUser = () =>
      h.delivered
        .filter((d) => d.conversationId === conversationId)
        .flatMap((d) => d.replies.map((r) => r.text));
    expect(toUser().join('\n')).toContain('佐藤');

    // The user writes while the agent holds the conversation: it appears in the open transcript.
    await h.engine.handle({ conversationId, text: 'エラーの画面を見ています' });
    await log.locator('li.user', { hasText: 'エラーの画面を見ています' }).waitFor();

    // Enter that confirms an IME conversion must not send; the Enter after it does.
    const input = page.getByLabel('お客様への返信');
    await input.focus();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'かくにんします', selectionStart: 7, selectionEnd: 7 });
    const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 };
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...enter });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter });
    await cdp.send('Input.insertText', { text: '確認します。少しお待ちください' });
    expect(await input.inputValue()).toBe('確認します。少しお待ちください');
    await page.keyboard.press('Enter');

    await log.locator('li.agent', { hasText: '確認します。少しお待ちください' }).waitFor();
    expect(await input.inputValue()).toBe('');
    const agentLines = (await h.engine.history(conversationId)).filter((m) => m.role === 'agent');
    expect(agentLines.map((m) => m.text)).toEqual([
      expect.stringContaining('確認します。少しお待ちください'),
    ]);
    expect(toUser().filter((t) => t.includes('確認します。少しお待ちください'))).toHaveLength(1);

    await page.getByRole('button', { name: '解決(クローズ)' }).click();
    await expect.poll(() => page.locator('#ticket-meta').textContent()).toContain('解決済み');
    await expect.poll(() => queueItem(page, ticket.id).count()).toBe(0);
    expect((await h.service.get(ticket.id))?.status).toBe('closed');
    expect(await input.isDisabled()).toBe(true);
    expect(titleBefore).not.toMatch(/^\(/);
    await page.close();
  });

  it('hands a ticket back to the bot at the chosen state', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/agent`);
    await logIn(page, AGENT_TOKEN);
    const conversationId = 'web:console-browser-return';
    const ticket = await h.openTicket(conversationId);
    await queueItem(page, ticket.id).getByRole('button').click();
    await page.getByRole('button', { name: '担当する' }).click();
    await expect.poll(() => page.locator('#ticket-meta').textContent()).toContain('対応中');

    await page.getByLabel('戻す先').selectOption({ label: '確認の続き' });
    await page.getByRole('button', { name: 'ボットに戻す' }).click();
    await expect.poll(() => page.locator('#ticket-meta').textContent()).toContain('ボットに戻しました');
    expect((await h.service.get(ticket.id))?.status).toBe('returned');
    const next = await h.engine.handle({ conversationId, text: 'ギフト券の番号が登録できません' });
    expect(next.outcome).not.toBe('handoff');
    expect(next.replies.length).toBeGreaterThan(0);
    await page.close();
  });
});
