import { strict as assert } from 'node:assert';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../server/src/config/types';
import type { Engine } from '../../server/src/engine/engine';
import { testEngine } from '../support/engine';

/** The secret rules' settings and per-file behaviour that fixtures cannot express. */
describe('secret rules: settings and file kinds', () => {
  let engine: Engine;
  before(async () => {
    engine = await testEngine();
  });

  const findings = (path: string, text: string, config: Partial<ResolvedConfig> = {}) =>
    engine.analyze({ path, text, config: { ...DEFAULT_CONFIG, ...config } }).findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.range.start.line + 1}`);

  it('drops default-credential to information in files that document settings', () => {
    const text = 'AUTH_TOKEN=changeme\n';
    assert.deepEqual(findings('.env', text), ['default-credential error 1']);
    for (const path of ['.env.example', 'deploy/.env.sample', '.env.template']) {
      assert.deepEqual(findings(path, text), ['default-credential information 1'], path);
    }
  });

  it('takes secret words added in the configuration, in the pre-filter too', () => {
    const text = 'CARD_PIN = "1234"\nPIN_LENGTH = "1234"\n';
    assert.deepEqual(findings('app/settings.py', text), []);
    const config = { secretNames: { add: ['pin'], ignore: [] }, defaultValues: { add: ['1234'], ignore: [] } };
    assert.deepEqual(findings('app/settings.py', text, config), ['default-credential error 1']);
  });

  it('ignores built-in words and default values the configuration removes', () => {
    const text = 'export const cookie = "";\nexport const adminPassword = "admin";\n';
    assert.deepEqual(findings('src/a.ts', text), ['default-credential error 1', 'default-credential error 2']);
    assert.deepEqual(findings('src/a.ts', text, { defaultValues: { add: [], ignore: ['admin'] } }), ['default-credential error 1']);
    assert.deepEqual(findings('src/a.ts', text, { secretNames: { add: [], ignore: ['cookie'] } }), ['default-credential error 2']);
  });

  it('applies hardcoded-secret in test code, default-credential only outside it', () => {
    const text = 'def test_login(client):\n    client.login(password="changeme", token="glpat-qZcUDIh7yfJs1ON43xKm")\n';
    assert.deepEqual(findings('tests/test_login.py', text), ['hardcoded-secret error 2']);
    assert.deepEqual(findings('app/login.py', text), ['default-credential error 2', 'hardcoded-secret error 2']);
  });
});
