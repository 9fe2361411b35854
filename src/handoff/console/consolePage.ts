/**
 * The console page at `/agent`: static HTML (no secret, no data in it); /agent/console.js fills it
 * in after the agent has given the token. Styles are inline, the script is same-origin only.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CSS = `
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; margin: 0; color: #1f2933; background: #f4f6f8; line-height: 1.6; }
  .top { display: flex; align-items: center; gap: 1rem; padding: .6rem 1.25rem; background: #1f3a5f; color: #fff; }
  .top h1 { font-size: 1.1rem; margin: 0; flex: 1; }
  .conn { margin: 0; font-size: .9rem; }
  button, select, input, textarea { font: inherit; }
  button { padding: .35rem .9rem; border-radius: 6px; border: 1px solid #1f3a5f; background: #fff; color: #1f3a5f; cursor: pointer; }
  button.primary { background: #1f3a5f; color: #fff; }
  button:disabled { opacity: .45; cursor: not-allowed; }
  :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  .login { max-width: 24rem; margin: 3rem auto; background: #fff; padding: 1.5rem; border-radius: 8px; border: 1px solid #d9dee4; }
  .login label, .reply label { display: block; font-weight: 600; margin-top: .8rem; }
  .login input { width: 100%; padding: .4rem; }
  .error { color: #b42318; min-height: 1.4em; }
  .desk { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap: 1rem; padding: 1rem; }
  .panel { background: #fff; border: 1px solid #d9dee4; border-radius: 8px; padding: 1rem; min-width: 0; }
  .panel h2 { font-size: 1rem; margin: 0 0 .6rem; }
  .queue ul { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
  .queue li > button { width: 100%; text-align: left; color: inherit; border-color: #d9dee4; display: grid; gap: .15rem; }
  .queue li > button[aria-current="true"] { border-color: #1f3a5f; box-shadow: inset 4px 0 0 #1f3a5f; }
  .queue li.urgent > button { border-color: #b42318; }
  .queue li.unseen > button { background: #fff7e0; animation: arrive 1.2s ease-out 2; }
  @keyframes arrive { from { background: #ffd666; } to { background: #fff7e0; } }
  @media (prefers-reduced-motion: reduce) { .queue li.unseen > button { animation: none; } }
  .badges { display: flex; gap: .3rem; flex-wrap: wrap; font-size: .8rem; }
  .badge { border-radius: 4px; padding: 0 .35rem; border: 1px solid currentColor; }
  .badge.urgent { color: #fff; background: #b42318; border-color: #b42318; }
  .badge.new { color: #8a5a00; }
  .excerpt { font-size: .9rem; color: #3e4c59; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .6rem 0; }
  .summary dt { font-weight: 600; }
  .summary dd { margin: 0; }
  .summary ul { margin: 0; padding-left: 1.1rem; }
  .actions { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: .6rem 0; }
  .transcript { list-style: none; padding: .5rem; margin: 0; max-height: 50vh; overflow-y: auto; background: #f9fafb; border-radius: 6px; display: grid; gap: .4rem; }
  .transcript li { padding: .35rem .6rem; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .transcript li.user { background: #e8f0fe; justify-self: start; }
  .transcript li.bot { background: #eef1f4; justify-self: start; }
  .transcript li.agent { background: #e6f4ea; justify-self: end; }
  .who { font-size: .75rem; color: #52606d; display: block; }
  .reply textarea { width: 100%; padding: .4rem; resize: vertical; }
  .hint { font-size: .8rem; color: #52606d; margin: .2rem 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (max-width: 48rem) { .desk { grid-template-columns: 1fr; } }
`;

export function renderConsolePage(basePath: string): string {
  const base = basePath.replace(/[^A-Za-z0-9/_-]/g, '');
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>エージェントコンソール | 窓口</title>
<style>${CSS}</style>
</head>
<body data-base="${base}">
<header class="top">
  <h1>窓口 エージェントコンソール</h1>
  <p id="conn" class="conn" role="status"></p>
  <button id="logout" type="button" hidden>ログアウト</button>
</header>
<main>
  <section id="login" class="login" aria-labelledby="login-title">
    <h2 id="login-title">ログイン</h2>
    <form id="login-form" novalidate>
      <label for="agent-name">担当者名（お客様にも表示されます）</label>
      <input id="agent-name" name="agent" autocomplete="nickname" maxlength="60" required>
      <label for="agent-token">エージェントトークン</label>
      <input id="agent-token" name="token" type="password" autocomplete="current-password" required>
      <p id="login-error" class="error" role="alert"></p>
      <button type="submit" class="primary">ログイン</button>
    </form>
  </section>
  <div id="desk" class="desk" hidden>
    <section class="panel queue" aria-labelledby="queue-title">
      <h2 id="queue-title">待ち行列 <span id="queue-count"></span></h2>
      <p id="queue-empty">待っているお客様はいません。</p>
      <ul id="queue-list"></ul>
      <p id="queue-announce" class="visually-hidden" aria-live="assertive"></p>
    </section>
    <section class="panel" aria-labelledby="ticket-title">
      <h2 id="ticket-title" tabindex="-1">左の一覧から相談を選んでください</h2>
      <div id="ticket-body" hidden>
        <p id="ticket-meta"></p>
        <dl id="summary" class="summary"></dl>
        <div class="actions" role="group" aria-label="チケットの操作">
          <button id="take" type="button" class="primary">担当する</button>
          <button id="close" type="button">解決(クローズ)</button>
          <label for="return-to">戻す先</label>
          <select id="return-to">
            <option value="intake">最初から</option>
            <option value="next_check">確認の続き</option>
          </select>
          <button id="return" type="button">ボットに戻す</button>
        </div>
        <p id="action-status" class="error" role="status"></p>
        <h3 id="transcript-title">会話の記録</h3>
        <ol id="transcript" class="transcript" role="log" aria-live="polite" aria-labelledby="transcript-title"></ol>
        <form id="reply-form" class="reply">
          <label for="reply-text">お客様への返信</label>
          <textarea id="reply-text" rows="3" maxlength="2000" aria-describedby="reply-hint"></textarea>
          <p id="reply-hint" class="hint">Enterで送信、Shift+Enterで改行（<span id="reply-count">0</span>/2000文字）</p>
          <button id="reply-send" type="submit" class="primary">送信</button>
        </form>
      </div>
    </section>
  </div>
</main>
<script src="${base}/console.js" defer></script>
</body>
</html>
`;
}
