/** The page's only stylesheet, inlined and allowed by its hash. System fonts: nothing to fetch. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --fg: #1d232b; --dim: #5e6875; --line: #dde1e6;
  --ok: #1a7f37; --bad: #c62828; --warn: #9a6700; --idle: #57606a; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #111418; --card: #1a1f25; --fg: #e6e9ec; --dim: #98a2ad; --line: #2c333b;
    --ok: #4ac26b; --bad: #ff7b72; --warn: #d29922; --idle: #8b949e; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { padding: 20px 24px 12px; border-bottom: 1px solid var(--line); background: var(--card); }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: var(--dim); margin: 0 0 12px; overflow-wrap: anywhere; }
.stats { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 0 0 12px; }
.stats div { min-width: 90px; }
.stats dt { color: var(--dim); font-size: 12px; }
.stats dd { margin: 0; font-size: 18px; font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.controls button, .controls select { font: inherit; padding: 3px 10px; border-radius: 14px;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg); cursor: pointer; }
.controls button[aria-pressed="true"] { border-color: currentColor; font-weight: 600; }
.controls button[aria-pressed="false"] { opacity: .5; text-decoration: line-through; }
#shown { color: var(--dim); margin-left: auto; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 16px; padding: 16px 24px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow: hidden;
  border-top: 4px solid var(--idle); content-visibility: auto; contain-intrinsic-size: auto 520px; }
.media { background: #000; aspect-ratio: 16 / 9; display: flex; align-items: center; justify-content: center; }
.media video { width: 100%; height: 100%; display: block; }
.novideo { color: #9aa4ae; }
.card header { display: flex; gap: 8px; align-items: baseline; margin: 10px 12px 0; }
.badge { font-weight: 700; text-transform: uppercase; font-size: 11px; letter-spacing: .04em; }
.model { font-weight: 600; overflow-wrap: anywhere; }
.line { color: var(--dim); margin-left: auto; white-space: nowrap; }
.prompt { white-space: pre-wrap; overflow-wrap: anywhere; margin: 6px 12px; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; margin: 6px 12px; padding: 6px 8px; border-radius: 4px;
  background: color-mix(in srgb, var(--bad) 10%, transparent); }
dl.params, dl.times { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 8px 12px 12px; font-size: 12px; }
dl.params dt, dl.times dt { color: var(--dim); }
dl.params dd, dl.times dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.st-succeeded { border-top-color: var(--ok); } .st-succeeded .badge, button.st-succeeded { color: var(--ok); }
.st-failed, .st-rejected, .st-error { border-top-color: var(--bad); }
.st-failed .badge, .st-rejected .badge, .st-error .badge, button.st-failed, button.st-rejected, button.st-error { color: var(--bad); }
.st-in-doubt, .st-pending { border-top-color: var(--warn); }
.st-in-doubt .badge, .st-pending .badge, button.st-in-doubt, button.st-pending { color: var(--warn); }
.st-in-doubt .note, .st-pending .note { background: color-mix(in srgb, var(--warn) 12%, transparent); }
#more { height: 1px; }
`;
