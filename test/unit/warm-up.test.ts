import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import type { AnalyzeInput, Engine } from '../../server/src/engine/engine';
import type { LanguageId } from '../../server/src/languages/types';
import { WarmUp } from '../../server/src/lsp/warm-up';
import { testEngine } from '../support/engine';

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !condition(); await settle(10)) {
    if (Date.now() - started > 20_000) assert.fail(`timed out waiting until ${what}`);
  }
}

describe('language server warm-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-warm-'));
  const files = [
    { name: 'a.rs', text: `fn main() {\n${'    let x = std::env::var("A").unwrap();\n'.repeat(2000)}}\n` },
    { name: 'b.rs', text: 'fn b() {}\n' },
    { name: 'c.ts', text: 'export const c = 1;\n' },
    { name: 'README.md', text: '# readme\n' },
    { name: 'd.toml', text: 'a = 1\n' },
  ].map(({ name, text }) => {
    writeFileSync(join(dir, name), text);
    return { absolutePath: join(dir, name), relativePath: name };
  });

  async function recorded(busy: () => boolean): Promise<{ warmed: LanguageId[]; analysed: AnalyzeInput[]; warmUp: WarmUp }> {
    const engine = await testEngine();
    const warmed: LanguageId[] = [];
    const analysed: AnalyzeInput[] = [];
    const spy: Pick<Engine, 'languageFor' | 'warmUp' | 'analyze'> = {
      languageFor: (path) => engine.languageFor(path),
      warmUp: (language) => {
        warmed.push(language);
        engine.warmUp(language);
      },
      analyze: (input) => {
        analysed.push(input);
        return engine.analyze(input);
      },
    };
    const warmUp = new WarmUp(spy, busy, (message) => assert.fail(message));
    return { warmed, analysed, warmUp };
  }

  it('analyses the first 16 KB of one file per code language, once, and skips config formats', async () => {
    const { warmed, analysed, warmUp } = await recorded(() => false);
    warmUp.offer(files, DEFAULT_CONFIG);
    warmUp.offer(files, DEFAULT_CONFIG);
    await until(() => analysed.length >= 2, 'two files are analysed');
    // Time for a wrongly queued third one to show.
    await settle(100);
    assert.deepEqual(warmed, ['rust', 'typescript']);
    assert.deepEqual(
      analysed.map((input) => input.relativePath),
      ['a.rs', 'c.ts'],
    );
    const sample = analysed[0]!.text;
    assert.ok(sample.length <= 16 * 1024 && sample.length > 15 * 1024, `a 16 KB sample, not ${sample.length} characters`);
    assert.ok(sample.endsWith('\n'), 'cut at a line end');
  });

  it('waits while the editor has an analysis due', async () => {
    let busy = true;
    const { analysed, warmUp } = await recorded(() => busy);
    warmUp.offer(files, DEFAULT_CONFIG);
    await settle(120);
    assert.equal(analysed.length, 0, 'nothing runs while busy');
    busy = false;
    await until(() => analysed.length === 2, 'both languages are warmed once the editor is idle');
    warmUp.dispose();
  });
});
