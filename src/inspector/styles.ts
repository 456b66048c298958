/**
 * The inspector's look, inside its shadow root: the site's CSS does not reach it and it does not reach the
 * site. Applied as a constructable stylesheet, which a Content-Security-Policy without `unsafe-inline`
 * allows. A drawer along the bottom of the window: three columns on a desktop, one stacked column with
 * labels on a phone.
 */
export const INSPECTOR_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.drawer { position: fixed; left: 0; right: 0; bottom: 0; z-index: 2147483647; height: 45vh; display: flex; flex-direction: column;
  background: #fff; color: #1d2433; border-top: 2px solid #e8412c; box-shadow: 0 -4px 16px rgba(0,0,0,.15);
  font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; }
.drawer[hidden] { display: none; }
.bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 6px 10px; background: #f6f7fb; border-bottom: 1px solid #e3e6ee; }
.bar strong { font-size: 13px; }
.state { padding: 2px 8px; border-radius: 6px; background: #eef1f7; font-weight: 600; }
.state[data-phase="live"] { background: #e5f5ed; color: #1a8f5a; }
.state[data-phase="failed"], .state[data-phase="off"] { background: #fdecea; color: #e8412c; }
.id { color: #6b7385; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
.bar button, .open { margin-left: auto; padding: 4px 10px; border: 0; border-radius: 6px; background: #1d2433; color: #fff; font: 600 12px system-ui, sans-serif; cursor: pointer; }
.open { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; margin: 0; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.open[hidden] { display: none; }
.rows { overflow: auto; flex: 1; }
.entry { display: grid; grid-template-columns: 1fr 1fr 1fr; border-bottom: 1px solid #e3e6ee; }
.entry > div { padding: 6px 8px; min-width: 0; border-right: 1px solid #e3e6ee; }
.entry > div:last-child { border-right: 0; }
.entry > div::before { content: attr(data-label); display: block; font-size: 10px; font-weight: 700; text-transform: uppercase; color: #6b7385; }
.title { font-weight: 700; margin-bottom: 2px; }
pre { max-height: 180px; overflow: auto; margin: 0 0 4px; white-space: pre-wrap; word-break: break-word; font: 11px/1.35 ui-monospace, SFMono-Regular, Menlo, monospace; background: #f8f9fc; padding: 4px; border-radius: 4px; }
.note { color: #b7791f; font-size: 12px; }
.empty { color: #6b7385; font-style: italic; }
.kind { display: inline-block; font-size: 10px; font-weight: 700; padding: 0 5px; border-radius: 4px; background: #eef1f7; margin-right: 4px; }
.answer { font-size: 11px; color: #6b7385; margin-bottom: 6px; }
.answer[data-answered="true"] { color: #1a8f5a; }
.answer[data-answered="false"] { color: #e8412c; }
@media (max-width: 760px) {
  .drawer { height: 75vh; border-radius: 12px 12px 0 0; }
  .entry { grid-template-columns: 1fr; }
  .entry > div { border-right: 0; border-bottom: 1px dashed #e3e6ee; }
}
`
