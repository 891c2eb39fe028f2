import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';

export const repoRoot = join(import.meta.dirname, '../../../..');
export const artifactsDir = join(repoRoot, 'test-artifacts', 'console');

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
