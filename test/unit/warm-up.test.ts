import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('analyses four 16 KB stretches of one file per code language, once, and skips config formats', async () => {
    const { warmed, analysed, warmUp } = await recorded(() => false);
    warmUp.offer(files, DEFAULT_CONFIG);
    warmUp.offer(files, DEFAULT_CONFIG);
    await until(() => analysed.length >= 8, 'eight steps are taken');
    // Time for a wrongly queued ninth one to show.
    await settle(100);
    assert.deepEqual(warmed, ['rust', 'typescript']);
    assert.deepEqual(
      analysed.map((input) => input.relativePath),
      ['a.rs', 'a.rs', 'a.rs', 'a.rs', 'c.ts', 'c.ts', 'c.ts', 'c.ts'],
    );
    const rust = files[0]!;
    const whole = readFileSync(rust.absolutePath, 'utf8');
    const stretches = analysed.slice(0, 4).map((input) => input.text);
    for (const stretch of stretches) {
      assert.ok(stretch.length <= 16 * 1024 && stretch.length > 15 * 1024, `16 KB stretches, not ${stretch.length} characters`);
      assert.ok(stretch.endsWith('\n'), 'cut at a line end');
    }
    assert.ok(whole.startsWith(stretches.join('')), 'consecutive stretches from the start of the file');
    assert.deepEqual(analysed.slice(4).map((input) => input.text), Array(4).fill('export const c = 1;\n'), 'a short file is analysed again');
  });

  it('waits while the editor has an analysis due', async () => {
    let busy = true;
    const { analysed, warmUp } = await recorded(() => busy);
    warmUp.offer(files, DEFAULT_CONFIG);
    await settle(120);
    assert.equal(analysed.length, 0, 'nothing runs while busy');
    busy = false;
    await until(() => analysed.length === 8, 'both languages are warmed once the editor is idle');
    warmUp.dispose();
  });
});
