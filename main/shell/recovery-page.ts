// What the window shows while the display cannot: a dark screen with one calm
// line and a slowly breathing dot. No script (the shell retries the display
// from the main process), nothing to read for visitors beyond the line, and a
// CSP that allows nothing but its own inline style.
import type { ExhibitLanguage } from '../../app/contract/exhibit-language.js';

const WORDS: Record<ExhibitLanguage, string> = {
  en: 'One moment…',
  de: 'Einen Moment …',
};

export const RECOVERY_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function recoveryPageHtml(language: ExhibitLanguage): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${RECOVERY_CSP}">
<title>${WORDS[language]}</title>
<style>
html,body{margin:0;height:100%;background:#000;color:#8a94a6;cursor:none;user-select:none}
body{display:flex;flex-direction:column;align-items:center;justify-content:center;font:300 3vmin system-ui,sans-serif;gap:3vmin}
i{width:2vmin;height:2vmin;border-radius:50%;background:#3b82f6;animation:b 3s ease-in-out infinite}
@keyframes b{0%,100%{opacity:.2;transform:scale(.8)}50%{opacity:.9;transform:scale(1)}}
</style></head>
<body><i></i><p>${WORDS[language]}</p></body></html>`;
}

export function recoveryPageUrl(language: ExhibitLanguage): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(recoveryPageHtml(language))}`;
}

export function isRecoveryPageUrl(url: string): boolean {
  return url.startsWith('data:text/html;charset=utf-8,');
}
