/**
 * ResNet layout explorer (island): pick ResNet-18/34/50 or plain-34, move through its stages and
 * blocks with the arrow keys or the mouse, and read the selection's shapes, parameters, MACs,
 * receptive field and shortcut; the diagram highlights the row under the pointer or selected.
 * Statistics only: no TF.js. Logic lives in src/models/explorer.ts.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import {
  EXPLORER_MODELS,
  explorerRows,
  explorerSpec,
  nextIndex,
  type ExplorerModelId,
} from '../../src/models/explorer.ts';
import { formatCount } from '../../src/models/format.ts';
import { diagramLayout, shortcutText, DIAGRAM } from '../../src/models/views.ts';
import DiagramSvg from './DiagramSvg.tsx';
import './explorer.css';

type ModelId = ExplorerModelId;

interface Props {
  /** Network shown first. Default 'resnet34'. */
  initialModel?: ModelId;
  /** Prefix for element ids, if the explorer appears twice on a page. */
  idPrefix?: string;
}

/** The layout explorer island. */
export default function LayoutExplorer({ initialModel = 'resnet34', idPrefix = 'explorer' }: Props) {
  const [model, setModel] = useState<ModelId>(initialModel);
  const [selected, setSelected] = useState(0);
  const [hovered, setHovered] = useState<string | null>(null);
  const rows = useMemo(() => explorerRows(model), [model]);
  const layout = useMemo(() => diagramLayout(explorerSpec(model)), [model]);
  const listRef = useRef<HTMLUListElement>(null);
  const diagramRef = useRef<HTMLDivElement>(null);
  const row = rows[Math.min(selected, rows.length - 1)];
  const highlightId = hovered ?? row?.id ?? null;
  const highlight = useMemo(() => new Set(highlightId ? [highlightId] : []), [highlightId]);
  const optionId = (i: number): string => `${idPrefix}-${model}-row-${i}`;

  // Keep the selected row, and its first box in the diagram, in view inside their own scroll boxes.
  useEffect(() => {
    const list = listRef.current;
    const option = list?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (list && option) {
      if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
      else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
        list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
      }
    }
    const box = diagramRef.current?.querySelector('.zoo-diagram');
    const svg = box?.querySelector('svg');
    const node = layout.columns[0]?.nodes.find(
      (n) => n.id === row?.id || n.blockId === row?.id || n.stageId === row?.id,
    );
    if (box && svg && node) {
      const scale = svg.getBoundingClientRect().height / layout.height;
      const top = node.y * scale;
      if (top < box.scrollTop || top + DIAGRAM.rowHeight * scale > box.scrollTop + box.clientHeight) {
        box.scrollTop = Math.max(0, top - box.clientHeight / 3);
      }
    }
  }, [selected, model, layout, row]);

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLUListElement>): void => {
    const next = nextIndex(event.key, selected, rows.length);
    if (next === null) return;
    event.preventDefault();
    setSelected(next);
  };

  const onModel = (id: ModelId): void => {
    setModel(id);
    setSelected(0);
    setHovered(null);
  };

  const rf = row?.receptiveField === 'global' ? 'the whole image' : `${row?.receptiveField ?? 0} px`;

  return (
    <section class="zoo-explorer not-content" aria-label="ResNet layout explorer">
      <fieldset class="zoo-explorer-models">
        <legend>Network</legend>
        {EXPLORER_MODELS.map((m) => (
          <label key={m.id}>
            <input
              type="radio"
              name={`${idPrefix}-model`}
              value={m.id}
              checked={model === m.id}
              onChange={() => onModel(m.id)}
            />
            {m.label}
          </label>
        ))}
      </fieldset>
      <div class="zoo-explorer-body">
        <div class="zoo-explorer-left">
          <p id={`${idPrefix}-hint`} class="zoo-explorer-hint">
            Use the arrow keys, Home and End to move through the stages and blocks.
          </p>
          <ul
            ref={listRef}
            role="listbox"
            tabIndex={0}
            aria-label="Stages and blocks"
            aria-describedby={`${idPrefix}-hint`}
            aria-activedescendant={optionId(selected)}
            class="zoo-explorer-list"
            onKeyDown={onKeyDown}
            onMouseLeave={() => setHovered(null)}
          >
            {rows.map((r, i) => (
              <li
                key={`${model}-${r.id}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === selected}
                class={`zoo-level-${r.level}${hovered === r.id ? ' zoo-hover' : ''}`}
                onClick={() => setSelected(i)}
                onMouseEnter={() => setHovered(r.id)}
              >
                <span class="zoo-row-label">{r.label}</span>
                <span class="zoo-row-output">{r.output}</span>
              </li>
            ))}
          </ul>
          {row ? (
            <div class="zoo-explorer-details" aria-live="polite">
              <h3>
                {row.label} <span class="zoo-kind">({row.kind})</span>
              </h3>
              <dl>
                <dt>Makeup</dt>
                <dd>{row.detail}</dd>
                <dt>Input</dt>
                <dd>{row.input}</dd>
                <dt>Output</dt>
                <dd>{row.output}</dd>
                <dt>Parameters</dt>
                <dd>{formatCount(row.params)}</dd>
                <dt>MACs</dt>
                <dd>{formatCount(row.macs)}</dd>
                <dt>Receptive field</dt>
                <dd>{rf}</dd>
                {row.shortcut ? (
                  <>
                    <dt>Shortcut</dt>
                    <dd>{shortcutText(row.shortcut)}</dd>
                  </>
                ) : null}
              </dl>
            </div>
          ) : null}
        </div>
        <div class="zoo-explorer-diagram" ref={diagramRef}>
          <DiagramSvg layout={layout} idPrefix={`${idPrefix}-${model}`} highlight={highlight} />
        </div>
      </div>
    </section>
  );
}
