// A one-line-ish Flink SQL expression editor: highlighting, and completion of the input's property
// names and of Flink SQL functions (CodeMirror 6).
import { useEffect, useRef } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { defaultKeymap, historyKeymap, history } from '@codemirror/commands';
import { autocompletion, type CompletionContext } from '@codemirror/autocomplete';
import { sql } from '@codemirror/lang-sql';
import { syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import type { PropertyDef } from '../../types';
import { propertyPaths } from './paths';

export const SQL_FUNCTIONS = [
  'ABS',
  'CEIL',
  'FLOOR',
  'ROUND',
  'MOD',
  'POWER',
  'SQRT',
  'UPPER',
  'LOWER',
  'TRIM',
  'CHAR_LENGTH',
  'SUBSTRING',
  'REPLACE',
  'CONCAT',
  'CONCAT_WS',
  'POSITION',
  'REGEXP_EXTRACT',
  'REGEXP_REPLACE',
  'SPLIT_INDEX',
  'INITCAP',
  'LPAD',
  'RPAD',
  'COALESCE',
  'NULLIF',
  'IF',
  'CAST',
  'TRY_CAST',
  'DATE_FORMAT',
  'TO_TIMESTAMP',
  'EXTRACT',
  'YEAR',
  'MONTH',
  'DAYOFWEEK',
  'HOUR',
  'MINUTE',
  'CURRENT_TIMESTAMP',
  'CARDINALITY',
  'ELEMENT',
  'TIMESTAMPADD',
  'TIMESTAMPDIFF',
];

const KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  'IS NULL',
  'IS NOT NULL',
  'LIKE',
  'IN',
  'BETWEEN',
  'CASE WHEN',
  'THEN',
  'ELSE',
  'END',
  'TRUE',
  'FALSE',
];

export interface ExpressionEditorProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  properties: PropertyDef[];
  placeholder?: string;
  invalid?: string;
}

export function ExpressionEditor({
  id,
  label,
  value,
  onChange,
  properties,
  placeholder,
  invalid,
}: ExpressionEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, properties });
  latest.current = { onChange, properties };

  useEffect(() => {
    const complete = (ctx: CompletionContext) => {
      const word = ctx.matchBefore(/[`\w.[\]]+/);
      if (!word && !ctx.explicit) return null;
      const options = [
        // the properties and what is inside them (customer.country, items[1].sku)
        ...propertyPaths(latest.current.properties).map((p) => ({
          label: p.label,
          apply: p.expression,
          type: p.label.startsWith('CARDINALITY(') ? 'function' : 'variable',
          detail: p.typeText,
        })),
        ...SQL_FUNCTIONS.map((f) => ({ label: f, apply: `${f}(`, type: 'function' })),
        ...KEYWORDS.map((k) => ({ label: k, type: 'keyword' })),
      ];
      return { from: word ? word.from : ctx.pos, options, validFor: /^[`\w.[\]]*$/ };
    };
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          sql(),
          syntaxHighlighting(defaultHighlightStyle),
          autocompletion({ override: [complete], activateOnTyping: true }),
          EditorView.lineWrapping,
          placeholderExt(placeholder ?? ''),
          EditorView.contentAttributes.of({ 'aria-label': label, id: `${id}-content` }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // outside changes (the assistant, undo) replace the text
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  return (
    <div className="cds--form-item eddy-expression">
      <label className="cds--label" htmlFor={`${id}-content`}>
        {label}
      </label>
      <div
        ref={host}
        className={`eddy-expression__editor${invalid ? ' eddy-expression__editor--invalid' : ''}`}
        data-testid={id}
      />
      {invalid && <div className="cds--form-requirement eddy-invalid-text">{invalid}</div>}
    </div>
  );
}
