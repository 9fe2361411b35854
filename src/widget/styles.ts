/** Lives inside the widget's shadow root: nothing leaks in from the host page or out to it. */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.root {
  font-family: system-ui, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", Meiryo, sans-serif;
  font-size: 15px; line-height: 1.6; color: #1f2933;
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: flex; flex-direction: column; align-items: flex-end; gap: 12px;
}
button { font: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.launcher {
  border: 0; border-radius: 999px; padding: 12px 20px; background: #1f5fa8; color: #fff;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .25); font-weight: 600;
}
.launcher:hover { background: #174a84; }
.panel {
  width: min(380px, calc(100vw - 40px)); height: min(560px, calc(100vh - 110px));
  display: flex; flex-direction: column; background: #fff; border-radius: 14px; overflow: hidden;
  box-shadow: 0 8px 30px rgba(0, 0, 0, .28); border: 1px solid #d9dee4;
}
.panel[hidden] { display: none; }
.header { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px; background: #1f5fa8; color: #fff; }
.title { margin: 0; font-size: 16px; font-weight: 600; }
.close { border: 0; background: transparent; color: #fff; font-size: 22px; line-height: 1; padding: 4px 8px; border-radius: 6px; }
.status { margin: 0; padding: 4px 14px; font-size: 13px; color: #52606d; background: #f1f4f8; min-height: 1.6em; }
.status:empty { display: none; }
.log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; background: #1f5fa8; color: #fff; border-bottom-right-radius: 4px; }
.msg.bot, .msg.agent { align-self: flex-start; background: #eef1f5; border-bottom-left-radius: 4px; }
.msg.agent { background: #fff4d6; }
.msg.system { align-self: center; background: transparent; color: #52606d; font-size: 13px; text-align: center; }
.msg.pending { opacity: .65; }
.who { font-size: 12px; font-weight: 600; display: block; color: #52606d; }
.options { display: flex; flex-wrap: wrap; gap: 6px; align-self: flex-start; max-width: 95%; }
.option { border: 1px solid #1f5fa8; color: #1f5fa8; background: #fff; border-radius: 999px; padding: 5px 14px; }
.option:hover:not(:disabled) { background: #e8f0fa; }
.option:disabled { cursor: default; opacity: .5; }
.form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #d9dee4; align-items: flex-end; }
.input {
  flex: 1; resize: none; font: inherit; padding: 8px 10px; border: 1px solid #9aa5b1; border-radius: 8px;
  max-height: 120px; min-height: 42px; color: inherit; background: #fff;
}
.send { border: 0; border-radius: 8px; padding: 9px 16px; background: #1f5fa8; color: #fff; font-weight: 600; }
.send:disabled { opacity: .5; cursor: default; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (prefers-color-scheme: dark) {
  .panel { background: #1c232b; border-color: #3e4c59; }
  .root { color: #e4e7eb; }
  .msg.bot { background: #2d3a48; }
  .msg.agent { background: #4a3f1d; }
  .status { background: #24303c; color: #cbd2d9; }
  .option { background: #1c232b; color: #9cc3f0; border-color: #9cc3f0; }
  .input { background: #111820; border-color: #52606d; }
  .form { border-color: #3e4c59; }
  .who, .msg.system { color: #cbd2d9; }
}
`;
