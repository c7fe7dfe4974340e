/**
 * The rows of the layout explorer: every stage, then its blocks and loose layers, with the figures
 * the explorer shows for a selection. DOM-free; the island only maps keys and clicks to indices.
 */
import { imagenetResNet } from './resnet.ts';
import { computeStats, type LayerStats, type ReceptiveField } from './stats.ts';
import { formatShape } from './validate.ts';
import type { ModelSpec, ShortcutKind } from './spec.ts';

/** Networks the explorer offers. */
export const EXPLORER_MODELS = [
  { id: 'resnet18', label: 'ResNet-18' },
  { id: 'resnet34', label: 'ResNet-34' },
  { id: 'resnet50', label: 'ResNet-50' },
  { id: 'plain34', label: 'plain-34' },
] as const;

/** A network the explorer offers. */
export type ExplorerModelId = (typeof EXPLORER_MODELS)[number]['id'];

/**
 * The spec of an explorer network, built without the registry so the island ships only the ResNet
 * builders (the same functions `getSpec` calls for these ids).
 */
export function explorerSpec(id: ExplorerModelId): ModelSpec {
  switch (id) {
    case 'resnet18':
      return imagenetResNet(18, 'B', id);
    case 'resnet34':
      return imagenetResNet(34, 'B', id);
    case 'resnet50':
      return imagenetResNet(50, 'B', id);
    case 'plain34':
      return imagenetResNet(34, 'none', id);
  }
}

/** One selectable row. */
export interface ExplorerRow {
  /** Spec id of the stage, block or layer (also what the diagram highlights). */
  readonly id: string;
  readonly kind: 'stage' | 'block' | 'layer';
  /** 1 for stages, 2 for their blocks and layers. */
  readonly level: 1 | 2;
  readonly label: string;
  readonly input: string;
  readonly output: string;
  readonly params: number;
  readonly macs: number;
  readonly receptiveField: ReceptiveField;
  /** Shortcut of a block; null otherwise. */
  readonly shortcut: ShortcutKind | null;
  /** e.g. "3×3, 128, stride 2 · 3×3, 128" for a block. */
  readonly detail: string;
}

function stageDetail(blocks: number, layers: readonly LayerStats[]): string {
  if (blocks > 0) return `${blocks} ${blocks === 1 ? 'block' : 'blocks'}`;
  if (layers.length === 1 && layers[0]) return layers[0].description;
  return layers.map((l) => l.label).join(', ');
}

/** The explorer's rows for a model id, stages first then their contents, in network order. */
export function explorerRows(modelId: ExplorerModelId): readonly ExplorerRow[] {
  const stats = computeStats(explorerSpec(modelId));
  const rows: ExplorerRow[] = [];
  for (const stage of stats.stages) {
    rows.push({
      id: stage.id,
      kind: 'stage',
      level: 1,
      label: stage.label,
      input: formatShape(stage.inputShape),
      output: formatShape(stage.outputShape),
      params: stage.params,
      macs: stage.macs,
      receptiveField: stage.receptiveField,
      shortcut: null,
      detail: stageDetail(stage.blocks.length, stage.layers),
    });
    // A stage of one layer (the stem) is fully described by its own row.
    if (stage.blocks.length === 0 && stage.layers.length === 1) continue;
    const done = new Set<string>();
    for (const layer of stage.layers) {
      if (layer.blockId) {
        if (done.has(layer.blockId)) continue;
        done.add(layer.blockId);
        const b = stage.blocks.find((x) => x.id === layer.blockId);
        if (!b) continue;
        rows.push({
          id: b.id,
          kind: 'block',
          level: 2,
          label: b.label,
          input: formatShape(b.inputShape),
          output: formatShape(b.outputShape),
          params: b.params,
          macs: b.macs,
          receptiveField: b.receptiveField,
          shortcut: b.shortcut,
          detail: b.layers
            .filter((l) => l.path === 'main' && l.kind === 'conv')
            .map((l) => l.description)
            .join(' · '),
        });
        continue;
      }
      rows.push({
        id: layer.id,
        kind: 'layer',
        level: 2,
        label: layer.label,
        input: formatShape(layer.inputShape),
        output: formatShape(layer.outputShape),
        params: layer.params,
        macs: layer.macs,
        receptiveField: layer.receptiveField,
        shortcut: null,
        detail: layer.description,
      });
    }
  }
  return rows;
}

/** Index after a navigation key in a list of `count` rows, or null for other keys. */
export function nextIndex(key: string, current: number, count: number, page = 5): number | null {
  const clamp = (i: number): number => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    default:
      return null;
  }
}
