import { useState } from 'react';
import { Button } from './button.tsx';

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // permission refused: fall back to a selection copy
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** Copies `text`; the result is announced (polite live region), never a thrown error. */
export function CopyButton({
  text,
  label = 'Copy',
  onCopied,
  variant = 'secondary',
}: {
  text: string;
  label?: string;
  onCopied?: () => void;
  variant?: 'primary' | 'secondary';
}) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await copyText(text);
      setStatus('copied');
      onCopied?.();
    } catch {
      setStatus('failed');
    }
  };
  return (
    <span className="row">
      <Button variant={variant} onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="small muted">
        {status === 'copied' ? 'Copied to the clipboard.' : status === 'failed' ? 'Copy failed: select the text and copy it by hand.' : ''}
      </span>
    </span>
  );
}
