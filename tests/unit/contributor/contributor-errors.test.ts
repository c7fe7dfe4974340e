/**
 * A contributor's broken edit must fail `npm test` with a message that names the file. Each test
 * puts one kind of mistake in a fixture chapter and runs the real check against it: the site's
 * own Markdown pipeline (from astro.config.mjs) for citations and TeX, the model-prop check for
 * model ids, and one real `astro build` over a scratch content folder for frontmatter.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it, vi } from 'vitest';
import config from '../../../astro.config.mjs';
import { modelPropProblems } from './support/model-props.ts';

const root = resolve(import.meta.dirname, '../../..');
const fixtures = join(import.meta.dirname, 'fixtures');

/** Renders a fixture chapter with the Markdown pipeline configured in astro.config.mjs. */
async function renderFixture(name: string): Promise<string> {
  const processor = config.markdown?.processor;
  if (!processor) throw new Error('astro.config.mjs has no markdown.processor');
  const renderer = await processor.createRenderer({ syntaxHighlight: false });
  const path = join(fixtures, name);
  const { content } = parseFrontmatter(readFileSync(path, 'utf8'));
  const result = await renderer.render(content, { fileURL: new URL(`file://${path}`) });
  return result.code;
}

/** The message of the error `run` throws (or rejects with). */
async function failureOf(run: () => Promise<unknown>): Promise<string> {
  // Astro's renderer logs the failure before rethrowing it; keep the test output quiet.
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    quiet.mockRestore();
  }
  throw new Error('expected a failure, but it succeeded');
}

describe('a broken contributor edit fails with a message naming the file', () => {
  it('an unknown citation key', async () => {
    const message = await failureOf(() => renderFixture('unknown-citation.mdx'));
    expect(message).toContain('fixtures/unknown-citation.mdx');
    expect(message).toContain('unknown citation key "@nobody2099"');
    expect(message).toContain('src/lib/bibliography.ts');
  });

  it('a TeX error', async () => {
    const message = await failureOf(() => renderFixture('tex-error.mdx'));
    expect(message).toContain('fixtures/tex-error.mdx');
    expect(message).toMatch(/TeX error.*\n.*\\plusss/);
  });

  it('an unknown model id or a part the model lacks', () => {
    const file = relative(root, join(fixtures, 'unknown-model.mdx'));
    const text = readFileSync(join(fixtures, 'unknown-model.mdx'), 'utf8');
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    const problems = modelPropProblems(file, text);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      new RegExp(`^tests/unit/contributor/fixtures/unknown-model\\.mdx:${lineOf('lenet-9')}: <Stat> model="lenet-9"`),
    );
    expect(problems[0]).toContain('Unknown model id "lenet-9"');
    expect(problems[1]).toMatch(
      new RegExp(`unknown-model\\.mdx:${lineOf('conv9_1')}: <Stat>.*no stage, block or layer "conv9_1"`),
    );
  });

  it('a well-formed fixture renders (the pipeline is not failing for another reason)', async () => {
    const html = await renderFixture('unknown-model.mdx');
    expect(html).toContain('LeNet-9 has');
  });

  it('bad frontmatter stops a real astro build, which names the file', () => {
    // A scratch project inside the checkout (so node_modules resolves normally) whose content
    // folder holds the home page and the broken chapter only.
    const scratch = join(root, '.astro', `contributor-fixture-${process.pid}`);
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(join(scratch, 'content', 'chapters'), { recursive: true });
    try {
      for (const dir of ['src', 'components', 'public']) symlinkSync(join(root, dir), join(scratch, dir));
      cpSync(join(root, 'content', 'index.mdx'), join(scratch, 'content', 'index.mdx'));
      cpSync(join(fixtures, 'bad-frontmatter.mdx'), join(scratch, 'content', 'chapters', 'bad-frontmatter.mdx'));
      writeFileSync(
        join(scratch, 'astro.config.mjs'),
        "import base from '../../astro.config.mjs';\n" +
          "export default { ...base, vite: { ...base.vite, cacheDir: new URL('./.vite/', import.meta.url).pathname } };\n",
      );
      const build = spawnSync(join(root, 'node_modules', '.bin', 'astro'), ['build'], {
        cwd: scratch,
        env: { ...process.env, ASTRO_OUT_DIR: join(scratch, 'dist') },
        encoding: 'utf8',
        timeout: 150_000,
      });
      const output = `${build.stdout}${build.stderr}`;
      expect(build.status, output).not.toBe(0);
      expect(output).toContain(join(scratch, 'content', 'chapters', 'bad-frontmatter.mdx'));
      expect(output).toContain('description must be at least 50 characters');
      expect(output).toContain('order is required');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('the chapters pass the contributor checks', () => {
  it('every model id and figure named in content/ exists', () => {
    const files = readdirSync(join(root, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.mdx'),
    );
    expect(files.length).toBeGreaterThan(5);
    const problems = files.flatMap((f) =>
      modelPropProblems(`content/${f}`, readFileSync(join(root, 'content', f), 'utf8')),
    );
    expect(problems).toEqual([]);
  });
});
