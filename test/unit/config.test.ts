import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Ajv from 'ajv';
import schema from '../../server/schema/readiness.schema.json';
import { parseConfig } from '../../server/src/config/load';
import { globProblem } from '../../server/src/config/globs';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { PathFilter } from '../../server/src/workspace/walk';
import { REPO_ROOT } from '../support/paths';

const context = { ruleIds: new Set(['unwrap', 'missing-timeout', 'tls-verification-disabled']) };

function errorsOf(text: string): string[] {
  const result = parseConfig(text, '/ws/.readiness.json', context);
  return result.errors.map((error) => `${error.line + 1}:${error.column + 1} ${error.key}: ${error.message}`);
}

describe('configuration', () => {
  it('ships a schema that is valid JSON Schema draft-07 (the loader uses it precompiled, unchecked)', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    assert.equal(ajv.validateSchema(schema), true, ajv.errorsText(ajv.errors));
    assert.doesNotThrow(() => ajv.compile(schema));
  });

  it('validates with the schema as it is now: the precompiled validator is regenerated from it', () => {
    const check = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'generate-config-validator.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  it('fills every default for an empty object', () => {
    assert.deepEqual(parseConfig('{}', 'f', context).config, DEFAULT_CONFIG);
  });

  it('reads every documented key', () => {
    const result = parseConfig(
      `{
        // JSON with comments
        "$schema": "./node_modules/readiness/server/schema/readiness.schema.json",
        "rules": { "unwrap": "error", "missing-timeout": "off" },
        "include": ["services/**"],
        "exclude": ["**/generated/**"],
        "tests": "include",
        "timeoutSeconds": 30,
        "maxFileBytes": 2097152,
        "secretNames": { "add": ["pin"], "ignore": ["token"] },
        "defaultValues": { "add": ["hunter2"] },
        "checklist": { "files": ["READY.md"], "overrides": { "k8s-probes": { "status": "n/a", "reason": "deployed on Lambda" } } },
      }`,
      'f',
      context,
    );
    assert.deepEqual(result.errors, []);
    const config = result.config!;
    assert.deepEqual(config.rules, { unwrap: 'error', 'missing-timeout': 'off' });
    assert.equal(config.tests, 'include');
    assert.equal(config.timeoutSeconds, 30);
    assert.deepEqual(config.secretNames, { add: ['pin'], ignore: ['token'] });
    assert.deepEqual(config.defaultValues, { add: ['hunter2'], ignore: [] });
    assert.deepEqual(config.checklist.overrides['k8s-probes'], { status: 'n/a', reason: 'deployed on Lambda' });
  });

  it('names the key and its position for each problem, never falling back silently', () => {
    assert.deepEqual(errorsOf('{ "colour": 1, "tests": "maybe" }'), ['1:3 colour: unknown key', '1:25 tests: must be one of "exclude", "include"']);
    assert.deepEqual(errorsOf('{\n  "rules": {\n    "unwrap": "loud"\n  }\n}'), ['3:15 rules.unwrap: must be one of "error", "warning", "information", "hint", "off"']);
    assert.deepEqual(errorsOf('{ "rules": { "Unwrap": "error" } }'), ['1:14 rules.Unwrap: must be a kebab-case id']);
    assert.deepEqual(errorsOf('{ "maxFileBytes": 12 }'), ['1:19 maxFileBytes: must be >= 1024']);
    assert.deepEqual(errorsOf('{ "checklist": { "overrides": { "k8s-probes": { "status": "n/a" } } } }'), ['1:47 checklist.overrides.k8s-probes: missing required key "reason"']);
    assert.deepEqual(errorsOf('{ "include": ["a[b"] }'), ['1:15 include[0]: bad glob "a[b": unclosed [ character class']);
    assert.deepEqual(errorsOf('{ "secretNames": { "add": "pin" } }'), ['1:27 secretNames.add: must be of type array']);
    assert.match(errorsOf('{ "rules": ')[0]!, /^1:\d+ : invalid JSON: /);
    assert.deepEqual(errorsOf(''), ['1:1 : invalid JSON: ValueExpected']);
  });

  it('finds the mistakes users make in globs', () => {
    assert.equal(globProblem('src/**/*.ts'), undefined);
    assert.equal(globProblem('**/*.{ts,tsx}'), undefined);
    assert.equal(globProblem('[!a]*.go'), undefined);
    assert.equal(globProblem('a\\[literal'), undefined);
    assert.equal(globProblem(''), 'empty pattern');
    assert.equal(globProblem('/abs/**'), 'globs are relative to the workspace root, not absolute');
    assert.equal(globProblem('../other/**'), 'globs cannot reach outside the workspace with ..');
    assert.equal(globProblem('src/{a,b'), 'unclosed { brace');
    assert.equal(globProblem('src/a}'), 'unmatched }');
    assert.equal(globProblem('src/[ab'), 'unclosed [ character class');
    assert.equal(globProblem('src\\'), 'ends with a lone backslash');
  });

  it('excludes the default directories and honours include/exclude globs', () => {
    const filter = new PathFilter({ include: [], exclude: ['**/generated/**'] });
    for (const dir of ['node_modules', 'a/node_modules', 'target', 'vendor', 'dist', 'build', 'out', '.git', 'coverage', 'src/generated']) {
      assert.ok(filter.isExcludedDirectory(dir), dir);
    }
    assert.ok(!filter.isExcludedDirectory('src'));
    assert.ok(filter.isExcludedFile('web/app.min.js'));
    assert.ok(!filter.isExcludedFile('.env'));
    const only = new PathFilter({ include: ['services/**'], exclude: [] });
    assert.ok(only.isExcludedFile('tools/x.go'));
    assert.ok(!only.isExcludedFile('services/api/.env'));
  });
});
