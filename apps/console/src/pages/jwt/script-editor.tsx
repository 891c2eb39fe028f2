import { javascript } from '@codemirror/lang-javascript';
import { Annotation, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { editorTheme } from './editor-theme.ts';

const setErrorLine = StateEffect.define<number | undefined>();
/** Marks a document replaced from outside (load, preset), which is not a user edit. */
const external = Annotation.define<boolean>();

/** One highlighted line (the script error's), kept in place while the text is edited. */
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      next =
        line === undefined || line < 1 || line > tr.state.doc.lines
          ? Decoration.none
          : Decoration.set([
              Decoration.line({ class: 'cm-error-line', attributes: { 'data-error-line': String(line) } }).range(
                tr.state.doc.line(line).from,
              ),
            ]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The CSP nonce the server put in index.html; CodeMirror's <style> element must carry it. */
function cspNonce(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || '';
  return nonce.startsWith('__') ? '' : nonce;
}

/**
 * CodeMirror 6 for the claims script. Uncontrolled inside (CodeMirror owns the text); a new
 * `value` from outside (load, preset) replaces the document only when it differs.
 */
export function ScriptEditor({
  value,
  onChange,
  errorLineNumber,
  label,
  labelledBy,
}: {
  value: string;
  onChange: (value: string) => void;
  errorLineNumber?: number;
  label: string;
  labelledBy?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const nonce = cspNonce();
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          javascript(),
          editorTheme,
          errorLine,
          ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
          // An explicit tabindex lets axe see the scroller's focusable content (it ignores bare contenteditable).
          EditorView.contentAttributes.of({
            tabindex: '0',
            'aria-label': label,
            ...(labelledBy ? { 'aria-describedby': labelledBy } : {}),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(external)))
              onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = undefined;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; value changes are synced below
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value }, annotations: external.of(true) });
    }
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const valid = errorLineNumber !== undefined && errorLineNumber >= 1 && errorLineNumber <= editor.state.doc.lines;
    editor.dispatch({
      effects: [
        setErrorLine.of(valid ? errorLineNumber : undefined),
        ...(valid ? [EditorView.scrollIntoView(editor.state.doc.line(errorLineNumber).from, { y: 'center' })] : []),
      ],
    });
  }, [errorLineNumber]);

  return <div className="editor" ref={host} />;
}
