import { useState } from 'react';
import { Button } from './button.tsx';
import { copyText } from './copy-button.tsx';

/** An id, endpoint or indicator shown as code, with a small Copy button that says when it worked. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="copy-value">
      <code>{value}</code>
      <Button
        size="sm"
        variant="ghost"
        // The name starts with the visible text (axe: label-content-name-mismatch), also after a copy.
        aria-label={status === 'copied' ? `Copied ${label}` : status === 'failed' ? `Copy failed for ${label}` : `Copy ${label}`}
        onClick={() => {
          copyText(value).then(
            () => setStatus('copied'),
            () => setStatus('failed'),
          );
        }}
      >
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : 'Copy'}
      </Button>
      <span role="status" className="visually-hidden">
        {status === 'copied' ? `${label} copied to the clipboard.` : status === 'failed' ? 'Copy failed.' : ''}
      </span>
    </span>
  );
}
