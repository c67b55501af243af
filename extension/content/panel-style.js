/** The panel's stylesheet (a constructed sheet inside its shadow root: see panel.js). */
export const PANEL_CSS = `
:host { all: initial; }
.box { position: absolute; top: 0; left: 0; width: max-content; max-width: calc(100vw - 16px); display: flex;
  flex-direction: column; align-items: flex-end; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto,
  sans-serif; color: #1f2328; }
.box.open { width: min(340px, calc(100vw - 16px)); align-items: stretch; }
.box.open .pill { align-self: flex-end; }
.box[hidden] { display: none; }
.pill { display: inline-flex; align-items: center; gap: 6px; border: 1px solid #d0d7de; border-radius: 999px;
  background: #fff; color: #1f2328; padding: 3px 10px; font: inherit; font-weight: 600; cursor: pointer;
  box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.pill::before { content: ""; flex: none; width: 8px; height: 8px; border-radius: 50%; background: #8c959f; }
.pill.ok::before { background: #1a7f37; }
.pill.warn::before { background: #bf8700; }
.pill.review::before { background: #0969da; }
.pill.block::before { background: #cf222e; }
.pill:focus-visible, button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.busy .pill { opacity: .7; }
.status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.open .status { position: static; width: auto; height: auto; clip: auto; white-space: normal; margin: 6px 0 0;
  box-shadow: 0 4px 12px rgba(0,0,0,.12);
  background: #fff; border: 1px solid #d0d7de; border-radius: 8px 8px 0 0; padding: 8px 10px; font-weight: 600; }
.findings { list-style: none; margin: 0; padding: 0 10px 4px; background: #fff; border: 1px solid #d0d7de;
  border-top: 0; border-radius: 0 0 8px 8px; box-shadow: 0 4px 12px rgba(0,0,0,.12); max-height: 50vh; overflow: auto; }
.findings[hidden] { display: none; }
.finding { padding: 8px 0; border-top: 1px solid #eaeef2; }
.finding:first-child { border-top: 0; }
.severity { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .02em;
  border-radius: 4px; padding: 0 5px; background: #fff8c5; color: #7d4e00; }
.review .severity { background: #ddf4ff; color: #0550ae; }
.block .severity { background: #ffebe9; color: #a40e26; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.actions button { font: inherit; border-radius: 6px; padding: 2px 8px; cursor: pointer; border: 1px solid #d0d7de;
  background: #f6f8fa; color: #1f2328; }
.actions button.fix { background: #1f6feb; border-color: #1f6feb; color: #fff; }
.actions button:disabled { opacity: .5; cursor: default; }
@media (prefers-color-scheme: dark) {
  .box { color: #e6edf3; }
  .pill, .open .status, .findings { background: #161b22; color: #e6edf3; border-color: #30363d; }
  .finding { border-color: #30363d; }
  .actions button { background: #21262d; color: #e6edf3; border-color: #30363d; }
}
`;
