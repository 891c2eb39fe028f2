import { createHash } from 'node:crypto';

/** Tiny server-rendered pages (sign-in, setup, errors): escaped, no inline user data in JS. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const PAGE_STYLES = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--accent:#4f46e5;--err:#b42318;--border:#d9dde3}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--card:#171a21;--fg:#e6e8eb;--muted:#9aa3ad;--accent:#8b85ff;--err:#ff8a80;--border:#2a2f39}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:var(--bg);color:var(--fg);display:grid;place-items:center;min-height:100vh}
main{background:var(--card);border:1px solid var(--border);border-radius:12px;padding:32px;width:min(400px,92vw)}
h1{font-size:20px;margin:0 0 4px}p{color:var(--muted);margin:0 0 20px}
label{display:block;font-weight:600;margin:14px 0 6px}input{width:100%;padding:10px 12px;border:1px solid var(--border);border-radius:8px;background:transparent;color:inherit;font:inherit}
input:focus{outline:2px solid var(--accent);outline-offset:1px}
button{margin-top:20px;width:100%;padding:10px;border:0;border-radius:8px;background:var(--accent);color:#fff;font:inherit;font-weight:600;cursor:pointer}
.error{color:var(--err);background:color-mix(in srgb,var(--err) 10%,transparent);border-radius:8px;padding:10px 12px;margin:0 0 12px}
.brand{font-weight:700;letter-spacing:.02em;color:var(--accent);margin-bottom:16px}
a{color:var(--accent)}.links{margin:0}ul.links{padding-left:20px;color:var(--fg)}ul.links li{margin:4px 0}`;

/** The CSP source that allows page()'s one inline stylesheet and nothing else. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(PAGE_STYLES).digest('base64')}'`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Gatehouse</title><link rel="icon" href="data:,"><style>${PAGE_STYLES}</style></head><body><main><div class="brand">Gatehouse</div>${body}</main></body></html>`;
}

/** Links out of a page that leaves nothing to do: the console and the landing page. */
export const WAY_BACK = '<p class="links"><a href="/console">Open the Gatehouse console</a> · <a href="/">Gatehouse home</a></p>';

export function errorBlock(message: string | undefined): string {
  return message ? `<div class="error" role="alert" id="error">${escapeHtml(message)}</div>` : '';
}
