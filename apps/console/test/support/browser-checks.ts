import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';

const repoRoot = join(import.meta.dirname, '../../../..');
const artifactsDir = join(repoRoot, 'test-artifacts', 'console');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. The source is
 * evaluated through the DevTools protocol, which the console's CSP (script-src 'self') allows,
 * unlike an injected <script> element.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface ConsoleProblem {
  text: string;
  url: string;
}

export interface ExpectedStatus {
  status: number;
  url: RegExp;
}

/**
 * Collects browser console errors and uncaught exceptions. Chrome logs every 4xx response as
 * an error, so answers the contract makes normal (e.g. 404 "no custom JWT script yet") or that
 * a test provokes on purpose are listed in `expected` (which the test may extend as it goes).
 */
export function watchConsole(page: Page, expected: ExpectedStatus[]): ConsoleProblem[] {
  const problems: ConsoleProblem[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const url = message.location().url ?? '';
    const status = Number(/status of (\d{3})/.exec(message.text())?.[1]);
    if (expected.some((e) => e.status === status && e.url.test(url))) return;
    problems.push({ text: message.text(), url });
  });
  page.on('pageerror', (error) => problems.push({ text: `uncaught: ${error.message}`, url: page.url() }));
  return problems;
}

/** How much wider than the viewport the document is (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

export interface LowContrast {
  text: string;
  color: string;
  background: string;
  ratio: number;
}

/**
 * WCAG contrast of the code editor's own text: every highlighted token and every gutter
 * number, against the background it is drawn on. axe skips CodeMirror's spans (they are
 * decorations inside a contenteditable), so the suite measures them itself.
 */
export function editorContrast(page: Page, minimum = 4.5): Promise<{ checked: number; low: LowContrast[] }> {
  return page.evaluate((min) => {
    const rgb = (value: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(value);
      if (!m) return [0, 0, 0, 0];
      const [r, g, b, a = '1'] = m[1].split(/[ ,/]+/).filter(Boolean);
      return [Number(r), Number(g), Number(b), Number(a)];
    };
    const luminance = ([r, g, b]: [number, number, number, number]) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    /** The first opaque background behind the element. */
    const backgroundOf = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (rgb(bg)[3] === 1) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const out: Array<{ text: string; color: string; background: string; ratio: number }> = [];
    const nodes = document.querySelectorAll('.cm-content .cm-line span, .cm-content .cm-line, .cm-gutterElement');
    let checked = 0;
    for (const el of nodes) {
      const text = (el.textContent ?? '').trim();
      if (!text) continue;
      checked += 1;
      const color = getComputedStyle(el).color;
      const background = backgroundOf(el);
      const [l1, l2] = [luminance(rgb(color)), luminance(rgb(background))];
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      if (ratio < min) out.push({ text: text.slice(0, 30), color, background, ratio: Math.round(ratio * 100) / 100 });
    }
    return { checked, low: out };
  }, minimum);
}
