/**
 * A contributor check over chapter MDX: every model id written in a component's props (`model`,
 * `modelId`, `models`) exists in the zoo, and every `<Stat>` / `<ShapeOf>` asks for a figure the
 * model has. The build fails on the same mistakes, but names only the page route; this check
 * names the file and line, and runs in seconds with the unit tests.
 */
import { formatStat, shapeOf, type StatName } from '../../../../src/models/lookup.ts';
import { getSpec } from '../../../../src/models/registry.ts';
import type { CountFormat } from '../../../../src/models/format.ts';
import { messageOf } from '../../../../src/training/errors.ts';

const TAG = /<([A-Z][A-Za-z0-9]*)\b((?:[^>"'{}]|"[^"]*"|'[^']*'|\{[^{}]*\})*?)\/?>/g;
const ATTRIBUTE = /([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{([^{}]*)\})/g;
const MODEL_PROPS = new Set(['model', 'modelId', 'models']);

/** String literals of a prop: `"a"`, or `{'a'}` / `{["a", "b"]}` in braces. */
function literals(quoted: string | undefined, braced: string | undefined): string[] {
  if (quoted !== undefined) return [quoted];
  return [...(braced ?? '').matchAll(/["'`]([^"'`]+)["'`]/g)].map(([, s]) => s ?? '');
}

/** Problems in one MDX text, as "file:line: message". Code fences are skipped. */
export function modelPropProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const masked = text.replace(/^(```|~~~)[\s\S]*?^\1/gm, (block) => block.replace(/[^\n]/g, ' '));
  for (const match of masked.matchAll(TAG)) {
    const [source, component = '', rest = ''] = match;
    const line = text.slice(0, match.index).split('\n').length;
    const props = new Map<string, string[]>();
    for (const [, name = '', dq, sq, braced] of rest.matchAll(ATTRIBUTE)) props.set(name, literals(dq ?? sq, braced));
    const where = `${file}:${line}: <${component}>`;
    for (const [name, values] of props) {
      if (!MODEL_PROPS.has(name)) continue;
      for (const id of values) {
        try {
          getSpec(id);
        } catch (error) {
          problems.push(`${where} ${name}="${id}": ${messageOf(error)}`);
        }
      }
    }
    const model = props.get('model')?.[0];
    if (model === undefined || problems.some((p) => p.startsWith(where))) continue;
    try {
      const at = props.get('at')?.[0];
      if (component === 'Stat') {
        const stat = (props.get('stat')?.[0] ?? '') as StatName;
        const format = (props.get('format')?.[0] ?? 'exact') as CountFormat;
        formatStat(model, stat, format, at);
      } else if (component === 'ShapeOf') {
        shapeOf(model, at ?? '', props.get('which')?.[0] === 'input' ? 'input' : 'output');
      }
    } catch (error) {
      problems.push(`${where} ${source.slice(0, 80)}: ${messageOf(error)}`);
    }
  }
  return problems;
}
