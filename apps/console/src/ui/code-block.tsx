/**
 * Preformatted text in a labelled, focusable region, so a long block can be scrolled from the
 * keyboard (axe: scrollable-region-focusable) and is announced by its label.
 */
export function CodeBlock({ label, children, wrap = false }: { label: string; children: string; wrap?: boolean }) {
  return (
    <pre className={wrap ? 'code code-wrap' : 'code'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </pre>
  );
}
