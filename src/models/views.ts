/**
 * View models for the architecture table and diagrams: plain data computed from a spec's stats,
 * shared by the build-time Astro components and the layout explorer island. DOM-free.
 */
import { isBlock } from './spec.ts';
import type { BlockSpec, LayerSpec, ModelSpec } from './spec.ts';
import { computeStats, type LayerStats, type ModelStats, type ReceptiveField } from './stats.ts';
import { formatShape } from './validate.ts';

/** One row of an architecture table: a layer, or a whole block. */
export interface TableRow {
  /** Spec id of the layer or block. */
  readonly id: string;
  readonly label: string;
  /** e.g. "3×3, 128, stride 2 · 3×3, 128 · projection shortcut". */
  readonly description: string;
  readonly output: string;
  readonly params: number;
  readonly macs: number;
  readonly receptiveField: ReceptiveField;
  /** Shortcut of a block row; null for a layer row. */
  readonly shortcut: BlockSpec['shortcut'] | null;
}

/** A stage of the table, with its rows and subtotals. */
export interface TableGroup {
  readonly id: string;
  readonly label: string;
  readonly output: string;
  readonly params: number;
  readonly macs: number;
  readonly rows: readonly TableRow[];
}

const SHORTCUT_TEXT: Record<BlockSpec['shortcut'], string> = {
  identity: 'identity shortcut',
  'zero-pad': 'zero-padded identity shortcut (A)',
  projection: 'projection shortcut',
  none: 'no shortcut',
};

/** Describes a shortcut in words. */
export function shortcutText(kind: BlockSpec['shortcut']): string {
  return SHORTCUT_TEXT[kind];
}

/** Table rows grouped by stage, like Table 1 of He et al. 2015: one row per plain layer or block. */
export function tableGroups(stats: ModelStats): readonly TableGroup[] {
  return stats.stages.map((stage) => {
    const rows: TableRow[] = [];
    const blockIds = new Set(stage.blocks.map((b) => b.id));
    const seen = new Set<string>();
    for (const layer of stage.layers) {
      if (layer.blockId && blockIds.has(layer.blockId)) {
        if (seen.has(layer.blockId)) continue;
        seen.add(layer.blockId);
        const block = stage.blocks.find((b) => b.id === layer.blockId);
        if (!block) continue;
        const body = block.layers.filter((l) => l.path === 'main' && l.kind === 'conv').map((l) => l.description);
        rows.push({
          id: block.id,
          label: block.label,
          description: `${body.join(' · ')} · ${shortcutText(block.shortcut)}`,
          output: formatShape(block.outputShape),
          params: block.params,
          macs: block.macs,
          receptiveField: block.receptiveField,
          shortcut: block.shortcut,
        });
        continue;
      }
      rows.push({
        id: layer.id,
        label: layer.label,
        description: layer.description,
        output: formatShape(layer.outputShape),
        params: layer.params,
        macs: layer.macs,
        receptiveField: layer.receptiveField,
        shortcut: null,
      });
    }
    return {
      id: stage.id,
      label: stage.label,
      output: formatShape(stage.outputShape),
      params: stage.params,
      macs: stage.macs,
      rows,
    };
  });
}

/** A box of a diagram. */
export interface DiagramNode {
  /** Spec id of the layer (body convs keep their own id). */
  readonly id: string;
  /** The block the layer belongs to, if any. */
  readonly blockId: string | null;
  readonly stageId: string;
  /** Index of the stage, for alternating colours. */
  readonly stageIndex: number;
  readonly kind: 'input' | 'conv' | 'pool' | 'fc' | 'other';
  /** Fig. 3-style text, e.g. "3×3 conv, 128, /2". */
  readonly text: string;
  /** Output size shown beside the box, e.g. "28×28×128". */
  readonly output: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A shortcut arc beside a block, from the block's input to its addition. */
export interface DiagramShortcut {
  readonly blockId: string;
  readonly kind: 'identity' | 'zero-pad' | 'projection';
  /** Top and bottom of the arc (y of the block input and of the addition). */
  readonly y1: number;
  readonly y2: number;
  /** x of the column's right edge, where the arc leaves. */
  readonly x: number;
}

/** One column of boxes (one network). */
export interface DiagramColumn {
  readonly specId: string;
  readonly name: string;
  readonly x: number;
  readonly width: number;
  readonly nodes: readonly DiagramNode[];
  readonly shortcuts: readonly DiagramShortcut[];
}

/** A whole diagram: columns, optional size bands (Fig. 3's "output size" labels), and text. */
export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly columns: readonly DiagramColumn[];
  /** Horizontal bands labelled by output size (Figure 3 only). */
  readonly bands: readonly { readonly label: string; readonly y: number; readonly height: number }[];
  readonly title: string;
  readonly description: string;
}

/** Box geometry in SVG user units. */
export const DIAGRAM = { rowHeight: 24, boxHeight: 18, pad: 8, headerHeight: 24 } as const;

function nodeKind(layer: LayerStats): DiagramNode['kind'] {
  if (layer.kind === 'conv') return 'conv';
  if (layer.kind === 'pool' || layer.kind === 'gap' || layer.kind === 'subsample') return 'pool';
  if (layer.kind === 'dense' || layer.kind === 'rbf') return 'fc';
  return 'other';
}

function specLayer(spec: ModelSpec, id: string): LayerSpec | undefined {
  for (const stage of spec.stages) {
    for (const item of stage.items) {
      if (isBlock(item)) {
        const hit = item.body.find((l) => l.id === id);
        if (hit) return hit;
      } else if (item.id === id) {
        return item;
      }
    }
  }
  return undefined;
}

/** Figure 3-style text of a layer: "3×3 conv, 128, /2", "pool, /2", "fc 1000". */
export function nodeText(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'conv': {
      const groups = (layer.groups ?? 1) > 1 ? `, ${layer.groups} groups` : '';
      const partial = layer.inputMaps ? ', partial' : '';
      return `${layer.kernel}×${layer.kernel} conv, ${layer.filters}${layer.stride > 1 ? `, /${layer.stride}` : ''}${groups}${partial}`;
    }
    case 'pool':
      return `${layer.op === 'max' ? 'max' : 'avg'} pool${layer.stride > 1 ? `, /${layer.stride}` : ''}`;
    case 'subsample':
      return `subsample, /${layer.size}`;
    case 'gap':
      return 'avg pool (global)';
    case 'dense':
      return `fc ${layer.units}`;
    case 'rbf':
      return `RBF ${layer.units}`;
    case 'lrn':
      return 'LRN';
    case 'flatten':
      return 'flatten';
    case 'dropout':
      return 'dropout';
  }
}

/** Layers a diagram leaves out: they change no shape and add no weights. */
function hidden(layer: LayerStats): boolean {
  return layer.kind === 'flatten' || layer.kind === 'dropout' || layer.path === 'shortcut' || layer.kind === 'add';
}

interface ColumnRows {
  readonly spec: ModelSpec;
  readonly stats: ModelStats;
  readonly rows: readonly { layer: LayerStats | null; stageIndex: number }[];
}

function columnRows(spec: ModelSpec): ColumnRows {
  const stats = computeStats(spec);
  const rows: { layer: LayerStats | null; stageIndex: number }[] = [{ layer: null, stageIndex: -1 }];
  stats.stages.forEach((stage, stageIndex) => {
    for (const layer of stage.layers) if (!hidden(layer)) rows.push({ layer, stageIndex });
  });
  return { spec, stats, rows };
}

function buildColumn(col: ColumnRows, x: number, width: number, ys: readonly number[]): DiagramColumn {
  const { spec, stats } = col;
  const nodes: DiagramNode[] = col.rows.map((row, i) => {
    const y = ys[i] ?? 0;
    const base = { x, y, width, height: DIAGRAM.boxHeight, stageIndex: row.stageIndex };
    if (!row.layer) {
      return {
        ...base,
        id: 'input',
        blockId: null,
        stageId: 'input',
        kind: 'input',
        text: 'image',
        output: formatShape(stats.inputShape),
      };
    }
    const l = row.layer;
    const sl = specLayer(spec, l.id);
    return {
      ...base,
      id: l.id,
      blockId: l.blockId,
      stageId: l.stageId,
      kind: nodeKind(l),
      text: sl ? nodeText(sl) : l.label,
      output: formatShape(l.outputShape),
    };
  });
  const shortcuts: DiagramShortcut[] = [];
  for (const block of stats.blocks) {
    if (block.shortcut === 'none') continue;
    const first = nodes.findIndex((n) => n.blockId === block.id);
    let last = first;
    while (nodes[last + 1]?.blockId === block.id) last++;
    const before = nodes[first - 1];
    const end = nodes[last];
    if (!before || !end) continue;
    shortcuts.push({
      blockId: block.id,
      kind: block.shortcut,
      y1: before.y + DIAGRAM.boxHeight / 2,
      y2: end.y + DIAGRAM.boxHeight,
      x: x + width,
    });
  }
  return { specId: spec.id, name: spec.name, x, width, nodes, shortcuts };
}

function describe(stats: ModelStats): string {
  const t = stats.totals;
  const parts = [
    `${stats.name}: ${t.weightLayers} weight layers (${t.convLayers} convolutional, ${t.fcLayers} fully connected${
      t.subsamplingLayers ? `, ${t.subsamplingLayers} subsampling` : ''
    })`,
    `input ${formatShape(stats.inputShape)}, output ${formatShape(stats.outputShape)}`,
  ];
  if (t.blocks > 0) {
    const sc =
      t.projectionShortcuts + t.identityShortcuts > 0
        ? `${t.identityShortcuts} parameter-free and ${t.projectionShortcuts} projection shortcuts`
        : 'no shortcuts';
    parts.push(`${t.blocks} blocks with ${sc}`);
  }
  parts.push(`${t.params.toLocaleString('en-US')} parameters, ${t.macs.toLocaleString('en-US')} multiply-accumulates`);
  return `${parts.join('; ')}.`;
}

/** A single-network diagram: one column of boxes top to bottom, shortcut arcs on the right. */
export function diagramLayout(spec: ModelSpec): DiagramLayout {
  const col = columnRows(spec);
  const { pad, rowHeight, headerHeight } = DIAGRAM;
  const ys = col.rows.map((_, i) => headerHeight + pad + i * rowHeight);
  const width = 360;
  const column = buildColumn(col, pad, 170, ys);
  return {
    width,
    height: headerHeight + 2 * pad + col.rows.length * rowHeight,
    columns: [column],
    bands: [],
    title: `${spec.name}, layer by layer`,
    description: describe(col.stats),
  };
}

function sizeKey(row: { layer: LayerStats | null }, stats: ModelStats): number {
  const shape = row.layer ? row.layer.outputShape : stats.inputShape;
  return shape.length === 3 ? shape[0] : 1;
}

/**
 * Several networks side by side with rows aligned by output size, in the spirit of Figure 3 of
 * He et al. 2015 (VGG-19, plain-34, ResNet-34).
 */
export function sideBySideLayout(specs: readonly ModelSpec[], title: string): DiagramLayout {
  const cols = specs.map(columnRows);
  const { pad, rowHeight, headerHeight } = DIAGRAM;
  const sizes = [...new Set(cols.flatMap((c) => c.rows.map((r) => sizeKey(r, c.stats))))].sort((a, b) => b - a);
  const bandRows = sizes.map((size) =>
    Math.max(...cols.map((c) => c.rows.filter((r) => sizeKey(r, c.stats) === size).length)),
  );
  const bandTop: number[] = [];
  let y = headerHeight + pad;
  for (const n of bandRows) {
    bandTop.push(y);
    y += n * rowHeight + pad;
  }
  const labelWidth = 44;
  const colWidth = 150;
  const gap = 44;
  const columns = cols.map((c, ci) => {
    const counters = new Map<number, number>();
    const ys = c.rows.map((r) => {
      const size = sizeKey(r, c.stats);
      const k = counters.get(size) ?? 0;
      counters.set(size, k + 1);
      return (bandTop[sizes.indexOf(size)] ?? 0) + k * rowHeight;
    });
    return buildColumn(c, labelWidth + ci * (colWidth + gap), colWidth, ys);
  });
  return {
    width: labelWidth + cols.length * (colWidth + gap),
    height: y + pad,
    columns,
    bands: sizes.map((size, i) => ({
      label: size === 1 ? '1' : String(size),
      y: (bandTop[i] ?? 0) - pad / 2,
      height: (bandRows[i] ?? 0) * rowHeight + pad,
    })),
    title,
    description: cols.map((c) => describe(c.stats)).join(' '),
  };
}

let idCounter = 0;

/** A document-unique id for SVG title/desc references (deterministic within one build). */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
