/**
 * The web chat in a real browser: the demo page at `/`, the widget from `/widget.js`, the Botkit
 * socket, the real engine on a SQLite file. Playwright locators reach into the open shadow root.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChannel } from '../../src/channels/web.ts';
import type { Engine, EngineInput } from '../../src/core/ports.ts';
import { createHttpServer, type HttpServer } from '../../src/server/httpServer.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { createTestEngine } from '../helpers/createTestEngine.ts';

const secret = 'browser-test-secret-0123456789abcdefgh';
const complaint = 'ギフト券を登録しようとしたらエラーになりました';

/** The engine as the channel sees it, recording what reaches it. */
function recording(engine: Engine): Engine & { inputs: EngineInput[] } {
  const inputs: EngineInput[] = [];
  return {
    inputs,
    handle: (input) => {
      inputs.push(input);
      return engine.handle(input);
    },
    history: (id, n) => engine.history(id, n),
  };
}

let browser: Browser;
let engine: ReturnType<typeof recording>;
let closeEngine: () => Promise<void>;
const servers: HttpServer[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-web-'));

async function serve(port = 0): Promise<{ server: HttpServer; url: string }> {
  const server = createHttpServer({
    channels: [createWebChannel({ engine, secret })],
    readiness: () => ({}),
  });
  servers.push(server);
  const bound = await server.listen(port, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${bound.port}` };
}

beforeAll(async () => {
  const real = await createTestEngine({ dataDir });
  closeEngine = real.close;
  engine = recording(real.engine);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  await closeEngine?.();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openChat(url: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'チャットで相談' }).click();
  return { page, cdp: await page.context().newCDPSession(page) };
}

const input = (page: Page) => page.getByRole('textbox', { name: 'メッセージ' });
const log = (page: Page) => page.getByRole('log');
const enabledOptions = (page: Page) =>
  log(page).getByRole('group', { name: '選択肢' }).getByRole('button').and(page.locator(':enabled'));
const focusedInShadow = (page: Page) =>
  page.evaluate(() => {
    const active = document.getElementById('madoguchi-chat')?.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${active.className}` : null;
  });

async function pressEnterComposing(cdp: CDPSession, keyCode = 229): Promise<void> {
  const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
}

describe('web chat widget in chromium', () => {
  it('sends an IME-typed complaint only after conversion, continues with an option, and keeps it across a reload', async () => {
    const { url } = await serve();
    const { page, cdp } = await openChat(url);
    const start = engine.inputs.length;
    expect(await focusedInShadow(page)).toBe('textarea.input');
    await expect.poll(() => log(page).getAttribute('aria-live')).toBe('polite');

    // Converting kana to kanji: the Enter that confirms the conversion must not send.
    await cdp.send('Input.imeSetComposition', {
      text: 'ぎふとけんをとうろく',
      selectionStart: 10,
      selectionEnd: 10,
    });
    await pressEnterComposing(cdp);
    await cdp.send('Input.insertText', { text: complaint });
    expect(await input(page).inputValue()).toBe(complaint);
    await page.keyboard.press('Enter');

    await enabledOptions(page).first().waitFor();
    expect(await input(page).inputValue()).toBe('');
    // Had the composing Enter sent anything, the engine would have seen two turns.
    const [first, ...others] = engine.inputs.slice(start);
    expect(others).toEqual([]);
    expect(first).toMatchObject({ text: complaint });
    const conversationId = first?.conversationId;
    expect(conversationId).toMatch(/^web:/);
    await expect.poll(() => log(page).locator('.msg.user', { hasText: complaint }).count()).toBe(1);

    const option = enabledOptions(page).first();
    const label = (await option.textContent()) ?? '';
    const before = engine.inputs.length;
    await option.click();
    await expect.poll(() => engine.inputs.length).toBe(before + 1);
    expect(engine.inputs.at(-1)).toMatchObject({ conversationId, choice: expect.any(String) });
    await expect.poll(() => log(page).locator('.msg.user:not(.pending)').count()).toBe(2);
    await enabledOptions(page).first().waitFor();
    const lastBotText = await log(page).locator('.msg.bot').last().textContent();

    await page.reload();
    // The panel reopens by itself and shows the stored conversation from the server.
    await log(page).locator('.msg.user', { hasText: complaint }).waitFor();
    await log(page).locator('.msg.user', { hasText: label }).waitFor();
    expect(await log(page).locator('.msg.bot').last().textContent()).toBe(lastBotText);
    await enabledOptions(page).first().waitFor();

    await input(page).fill('もう一度聞きます');
    await page.keyboard.press('Enter');
    await expect.poll(() => engine.inputs.at(-1)).toEqual({ conversationId, text: 'もう一度聞きます' });
    await page.close();
  });

  it('is usable by keyboard alone: Tab to the launcher, Shift+Enter for a new line, Escape to close', async () => {
    const { url } = await serve();
    const page = await browser.newPage();
    await page.goto(url);
    await page.keyboard.press('Tab');
    expect(await focusedInShadow(page)).toBe('button.launcher');
    await page.keyboard.press('Enter');
    expect(await focusedInShadow(page)).toBe('textarea.input');

    const before = engine.inputs.length;
    await page.keyboard.insertText('一行目');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.insertText('二行目');
    expect(await input(page).inputValue()).toBe('一行目\n二行目');
    // Safari ends the composition before the confirming Enter arrives, with keyCode 229.
    const cdp = await page.context().newCDPSession(page);
    await pressEnterComposing(cdp);
    expect(await input(page).inputValue()).toBe('一行目\n二行目');

    await page.keyboard.press('Escape');
    expect(await focusedInShadow(page)).toBe('button.launcher');
    const launcher = page.getByRole('button', { name: 'チャットで相談' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(engine.inputs.length).toBe(before);
    await page.close();
  });

  it('reconnects after the server went away and sends what was typed meanwhile', async () => {
    const first = await serve();
    const port = Number(new URL(first.url).port);
    const { page } = await openChat(first.url);
    await log(page).locator('.msg.bot').first().waitFor();

    await first.server.close();
    await page.getByRole('status').getByText('再接続しています', { exact: false }).waitFor();
    await input(page).fill('つながらない間に送ります');
    await page.keyboard.press('Enter');
    await log(page).locator('.msg.user.pending').waitFor();

    const botsBefore = await log(page).locator('.msg.bot').count();
    await serve(port);
    await expect.poll(() => engine.inputs.at(-1)?.text, { timeout: 20_000 }).toBe('つながらない間に送ります');
    await log(page).locator('.msg.user.pending').waitFor({ state: 'detached' });
    await expect.poll(() => log(page).locator('.msg.bot').count()).toBeGreaterThan(botsBefore);
    await page.close();
  });

  it('works embedded with one script tag in a page of another origin', async () => {
    const { url } = await serve();
    const shop = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="ja"><body><h1>よその店</h1><script src="${url}/widget.js" defer></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    try {
      const { page } = await openChat(`http://127.0.0.1:${(shop.address() as AddressInfo).port}/`);
      await input(page).fill('残高が0円になっています');
      await page.keyboard.press('Enter');
      await expect.poll(() => engine.inputs.at(-1)?.text).toBe('残高が0円になっています');
      await log(page).locator('.msg.user:not(.pending)', { hasText: '残高が0円になっています' }).waitFor();
      await page.close();
    } finally {
      await new Promise((resolve) => shop.close(resolve));
    }
  });
});
