import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMarkdownChecklist, setMarkdownItem } from '../../server/src/checklist/parse/markdown';
import { parseDockerfile, isDockerfile } from '../../server/src/checklist/parse/dockerfile';
import { GitignoreMatcher } from '../../server/src/checklist/parse/gitignore';
import { buildCiModel, shellCommands } from '../../server/src/checklist/parse/ci';
import type { TreeValue } from '../../server/src/checklist/types';
import { setMarkdownItemOnDisk } from '../../server/src/workspace/checklist';
import { ITEMS, ITEM_ORDER } from '../../server/src/checklist/items';
import { REPO_ROOT } from '../support/paths';

/** A small deterministic PRNG (mulberry32), so a failure is reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  bytes: Buffer;
  /** 1-based lines that hold items, with their state character. */
  items: Map<number, string>;
}

/** A random checklist: headings, prose, nested task items of every bullet kind, code blocks with fake items, CRLF or LF. */
function generateChecklist(seed: number): Generated {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const eol = pick(['\n', '\r\n']);
  const lines: Buffer[] = [];
  const items = new Map<number, string>();
  const words = ['deploy', '**bold** move', '_soft_ launch', '`code` path', 'naïve café', 'emoji ✅', '[link](http://x.y)', 'tab\there', 'odd \xff byte'];
  const text = (): Buffer => Buffer.concat(Array.from({ length: 1 + Math.floor(next() * 3) }, () => (pick(words).includes('\xff') ? Buffer.from('odd \xff byte ', 'latin1') : Buffer.from(`${pick(words)} `, 'utf8'))));
  let indent = 0;
  const count = 5 + Math.floor(next() * 25);
  for (let i = 0; i < count; i++) {
    const kind = next();
    if (kind < 0.1) lines.push(Buffer.from(`${'#'.repeat(1 + Math.floor(next() * 3))} Section ${i}`));
    else if (kind < 0.18) lines.push(Buffer.from(''));
    else if (kind < 0.25) lines.push(Buffer.concat([Buffer.from('Some prose with '), text()]));
    else if (kind < 0.32) {
      const fence = pick(['```', '~~~', '````']);
      lines.push(Buffer.from(`${fence}${pick(['', 'md', 'markdown'])}`));
      lines.push(Buffer.from(`- [ ] not an item ${i}`));
      lines.push(Buffer.from(`  * [x] nor this`));
      lines.push(Buffer.from(fence));
    } else {
      indent = Math.max(0, Math.min(indent + pick([-1, 0, 0, 1]), 3));
      const lead = pick(['spaces', 'tab']) === 'tab' ? '\t'.repeat(indent) : '  '.repeat(indent);
      const bullet = pick(['-', '*', '+', `${1 + Math.floor(next() * 9)}.`, `${1 + Math.floor(next() * 9)})`]);
      const state = pick([' ', 'x', 'X', '~']);
      lines.push(Buffer.concat([Buffer.from(`${lead}${bullet}${pick([' ', '  ', '\t'])}[${state}]${pick([' ', '\t'])}`), text()]));
      items.set(lines.length, state);
    }
  }
  const joined: Buffer[] = [];
  lines.forEach((line, index) => {
    joined.push(line);
    if (index < lines.length - 1 || next() < 0.5) joined.push(Buffer.from(eol));
  });
  return { bytes: Buffer.concat(joined), items };
}

function differingBytes(a: Uint8Array, b: Uint8Array): number {
  assert.equal(a.length, b.length);
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

describe('checklist: Markdown checklists', () => {
  it('finds exactly the generated items, and a toggle and its reverse restore every byte (property, 300 random checklists)', () => {
    let toggled = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { bytes, items } = generateChecklist(seed);
      const parsed = parseMarkdownChecklist('c.md', bytes).items;
      assert.deepEqual(
        parsed.map((item) => [item.line, item.state]),
        [...items.entries()],
        `seed ${seed}: items found\n${bytes.toString('latin1')}`,
      );
      for (const item of parsed) {
        const flipped = setMarkdownItem('c.md', bytes, item.line, !item.checked);
        assert.ok(flipped.ok, `seed ${seed} line ${item.line}`);
        if (!flipped.ok) continue;
        assert.equal(differingBytes(bytes, flipped.content), 1, `seed ${seed} line ${item.line}: one toggle changes one byte`);
        assert.equal(flipped.item.checked, !item.checked);
        const back = setMarkdownItem('c.md', flipped.content, item.line, item.checked, item.checked ? { checkedState: item.state as 'x' | 'X' } : { uncheckedState: item.state as ' ' | '~' });
        assert.ok(back.ok);
        if (back.ok) assert.ok(Buffer.from(back.content).equals(bytes), `seed ${seed} line ${item.line}: toggled back to the original bytes`);
        toggled++;
      }
    }
    assert.ok(toggled > 1000, `exercised ${toggled} toggles`);
  });

  it('reports depth, sections and plain text of items', () => {
    const parsed = parseMarkdownChecklist('r.md', Buffer.from('# Ops\r\n- [ ] **Runbook** for _db_\r\n  - [x] `pg` [failover](x.md)\r\n\t1. [~] drill\r\n')).items;
    assert.deepEqual(
      parsed.map(({ line, depth, text, state, section }) => ({ line, depth, text, state, section })),
      [
        { line: 2, depth: 0, text: 'Runbook for db', state: ' ', section: 'Ops' },
        { line: 3, depth: 1, text: 'pg failover', state: 'x', section: 'Ops' },
        { line: 4, depth: 2, text: 'drill', state: '~', section: 'Ops' },
      ],
    );
  });

  it('refuses to tick a line that is not an item, and leaves a checked item checked', () => {
    const bytes = Buffer.from('# T\n- [x] done\nprose\n');
    const refused = setMarkdownItem('t.md', bytes, 3, true);
    assert.equal(refused.ok, false);
    const same = setMarkdownItem('t.md', bytes, 2, true);
    assert.ok(same.ok && Buffer.from(same.content).equals(bytes));
  });

  it('re-reads the file from disk before ticking, and writes nothing when the line is no longer the item', () => {
    const root = mkdtempSync(join(tmpdir(), 'readiness-tick-'));
    const file = join(root, 'PRODUCTION_READINESS.md');
    writeFileSync(file, '# R\r\n- [ ] Backups\r\n- [ ] Alerts\r\n');
    // Someone edits the file after the client read it: a line is added on top.
    writeFileSync(file, '# R\r\nNew intro.\r\n- [ ] Backups\r\n- [ ] Alerts\r\n');
    const stale = setMarkdownItemOnDisk(root, 'PRODUCTION_READINESS.md', 2, true, { text: 'Backups' });
    assert.equal(stale.ok, false);
    assert.equal(readFileSync(file, 'utf8'), '# R\r\nNew intro.\r\n- [ ] Backups\r\n- [ ] Alerts\r\n', 'nothing written');
    const moved = setMarkdownItemOnDisk(root, 'PRODUCTION_READINESS.md', 4, true, { text: 'Backups' });
    assert.equal(moved.ok, false, 'line 4 is Alerts now');
    assert.ok(setMarkdownItemOnDisk(root, 'PRODUCTION_READINESS.md', 3, true, { text: 'Backups' }).ok);
    assert.equal(readFileSync(file, 'utf8'), '# R\r\nNew intro.\r\n- [x] Backups\r\n- [ ] Alerts\r\n', 'the edit made meanwhile is kept');
    assert.equal(setMarkdownItemOnDisk(root, '../outside.md', 1, true).ok, false);
  });
});

describe('checklist: Dockerfile parser', () => {
  it('reads stages, ARG defaults in FROM, scratch, the escape directive, heredocs and exec form', () => {
    const parsed = parseDockerfile(
      [
        '# escape=`',
        'ARG BASE=alpine:3.20@sha256:' + 'a'.repeat(64),
        'ARG TAG',
        'FROM ${BASE} AS build',
        'RUN <<EOF',
        'FROM not-a-stage',
        'EOF',
        'RUN echo one `',
        '  # a comment inside a continuation',
        '  && echo two',
        'FROM node:${TAG}',
        'FROM scratch',
        'COPY --from=build /x /x',
        'USER 1000',
        'CMD ["/x", "--serve"]',
        'ENTRYPOINT /x',
        'garbage here',
      ].join('\r\n'),
    );
    assert.deepEqual(parsed.stages.map((stage) => [stage.image, stage.name, stage.unresolved]), [['alpine:3.20@sha256:' + 'a'.repeat(64), 'build', undefined], ['node:', undefined, 'TAG'], ['scratch', undefined, undefined]]);
    assert.equal(parsed.stages[0]!.instructions.find((instruction) => instruction.keyword === 'RUN' && instruction.args.includes('echo'))!.args, 'echo one  && echo two');
    const final = parsed.stages[2]!;
    assert.deepEqual(final.instructions.find((instruction) => instruction.keyword === 'CMD')!.exec, ['/x', '--serve']);
    assert.equal(final.instructions.find((instruction) => instruction.keyword === 'ENTRYPOINT')!.exec, undefined);
    assert.deepEqual(parsed.problems, [{ line: 17, message: 'not a Dockerfile instruction: garbage here' }]);
  });

  it('never throws on garbage and names Dockerfiles by their usual names', () => {
    const garbage = Buffer.from(Array.from({ length: 4000 }, (_, index) => (index * 7919) % 256)).toString('latin1');
    const parsed = parseDockerfile(garbage);
    assert.equal(parsed.stages.length, 0);
    assert.ok(parsed.problems.length > 0);
    assert.deepEqual(['Dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'Containerfile', 'Dockerfile.dockerignore', 'dockerfile.md'].map(isDockerfile), [true, true, true, true, false, false]);
  });
});

describe('checklist: .gitignore semantics', () => {
  it('layers nested .gitignore files with negations, directory patterns and ignored parents', () => {
    const matcher = new GitignoreMatcher([
      { path: '.gitignore', text: '*.key\n!public.key\ndata/\n/build\n.env*\n!.env.example\n' },
      { path: 'svc/.gitignore', text: '!keep.key\nlocal/\n' },
    ]);
    const cases: Array<[string, boolean]> = [
      ['a.key', true], ['public.key', false], ['svc/keep.key', false], ['svc/other.key', true],
      ['data/x.db', true], ['svc/data/x.db', true], ['data', false], ['build/out.js', true], ['svc/build/out.js', false],
      ['.env', true], ['.env.production', true], ['.env.example', false], ['svc/local/a.txt', true], ['local/a.txt', false],
    ];
    assert.deepEqual(cases.map(([path]) => [path, matcher.isIgnored(path)]), cases);
    const decision = matcher.decide('svc/keep.key');
    assert.deepEqual(decision.source, { path: 'svc/.gitignore', line: 1, pattern: '!keep.key' });
  });

  it('cannot re-include a file inside an ignored directory', () => {
    const matcher = new GitignoreMatcher([{ path: '.gitignore', text: 'secrets/\n!secrets/readme.md\n' }]);
    assert.equal(matcher.isIgnored('secrets/readme.md'), true);
  });
});

describe('checklist: CI scripts', () => {
  it('splits scripts into simple commands, dropping environment assignments and sudo', () => {
    const commands = shellCommands('set -e\nCI=1 npm test && sudo cargo audit \\\n  --deny warnings; go test ./... | tee out # comment\n');
    assert.deepEqual(commands.map((command) => command.words.slice(0, 2)), [['set', '-e'], ['npm', 'test'], ['cargo', 'audit'], ['go', 'test'], ['tee', 'out']]);
  });
});

describe('checklist: CI model', () => {
  it('reads GitLab jobs, default scripts and included templates, skipping hidden jobs', () => {
    const scalar = (value: string, line: number): TreeValue => ({ t: 'scalar', line, value });
    const document: TreeValue = {
      t: 'map',
      line: 1,
      entries: [
        { key: 'include', line: 1, value: { t: 'seq', line: 2, items: [{ t: 'map', line: 2, entries: [{ key: 'template', line: 2, value: scalar('Security/Dependency-Scanning.gitlab-ci.yml', 2) }] }] } },
        { key: '.hidden', line: 3, value: { t: 'map', line: 4, entries: [{ key: 'script', line: 4, value: scalar('npm test', 4) }] } },
        { key: 'unit', line: 5, value: { t: 'map', line: 6, entries: [{ key: 'script', line: 6, value: { t: 'seq', line: 7, items: [scalar('cd api', 7), scalar('go test ./...', 8)] } }] } },
      ],
    };
    const model = buildCiModel([{ path: '.gitlab-ci.yml', kind: 'gitlab', documents: [document] }]);
    assert.deepEqual(model.commands.map((command) => [command.job, command.line, command.words.join(' ')]), [
      ['unit', 7, 'cd api'],
      ['unit', 8, 'go test ./...'],
      ['(include)', 2, 'include Security/Dependency-Scanning.gitlab-ci.yml'],
    ]);
  });
});

describe('checklist: registry and docs', () => {
  it('has every SPEC §7 item exactly once, each documented in docs/checklist.md', () => {
    assert.deepEqual(ITEMS.map((item) => item.id), [...ITEM_ORDER]);
    assert.equal(new Set(ITEM_ORDER).size, 40);
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'checklist.md'), 'utf8');
    for (const item of ITEMS) assert.match(doc, new RegExp(`\\| \`${item.id}\` \\|`), `docs/checklist.md lists ${item.id}`);
  });
});
