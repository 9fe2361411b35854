const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page at `/`: what a shop's support page embedding the widget might look like.
 * `origin` (as the browser reached us) only fills in the snippet to copy.
 */
export function renderDemoPage(origin: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ギフト券サポート窓口（デモ）</title>
<style>
  body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; line-height: 1.7; }
  main { max-width: 42rem; margin: 0 auto; padding: 2.5rem 1.25rem 6rem; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; }
  pre { background: #fff; border: 1px solid #d9dee4; border-radius: 8px; padding: .75rem 1rem; overflow-x: auto; }
</style>
</head>
<body>
<main>
  <h1>ギフト券・残高のお困りごと窓口</h1>
  <p>ギフト券を登録できない、アカウントの残高が減っている、といったお悩みをチャットで伺います。
  画面右下の「チャットで相談」ボタンを押して、起きていることをそのまま書いてください。</p>
  <p>ギフト券番号やパスワードは送らないでください。もし送ってしまっても、記録する前に伏せ字にします。</p>
  <h2>ほかのページに埋め込むには</h2>
  <p>次の一行を、チャットを置きたいページに貼り付けるだけです。</p>
  <pre><code>&lt;script src="${escapeHtml(origin)}/widget.js" defer&gt;&lt;/script&gt;</code></pre>
</main>
<script src="/widget.js" defer></script>
</body>
</html>
`;
}
