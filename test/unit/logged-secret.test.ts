import { strict as assert } from 'node:assert';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { testEngine } from '../support/engine';

/**
 * SPEC §2: a message never contains a secret's value. Each case binds a secret to a literal and logs
 * it; the findings (messages, fix titles and edits, suppression edits) must name the variable or key
 * and never carry the literal.
 */
const VALUE = 'sk_live_9fQ2xTzV8pLm4RwA';

const CASES: ReadonlyArray<{ path: string; text: string }> = [
  { path: 'src/main.rs', text: `fn main() {\n    let api_token = "${VALUE}";\n    println!("{api_token} {}", api_token);\n}\n` },
  {
    path: 'main.go',
    text: `package main\n\nimport "log"\n\nfunc main() {\n\tpassword := "${VALUE}"\n\tlog.Println("password:", password)\n}\n`,
  },
  { path: 'src/index.ts', text: `const secret = '${VALUE}';\nconsole.log(\`key \${secret}\`, { secret, 'password=${VALUE}': secret });\n` },
  { path: 'app/main.py', text: `import logging\n\ntoken = "${VALUE}"\nlogging.info(f"{token}", extra={"token": token})\nprint("${VALUE}", token)\n` },
];

describe('logged-secret', () => {
  for (const { path, text } of CASES) {
    it(`never puts the secret's value in a finding: ${path}`, async () => {
      const engine = await testEngine();
      const findings = engine.analyze({ path, text, config: DEFAULT_CONFIG }).findings.filter((finding) => finding.ruleId === 'logged-secret');
      assert.ok(findings.length > 0, 'the case logs a secret');
      const serialised = JSON.stringify(findings);
      assert.ok(!serialised.includes(VALUE), serialised);
    });
  }
});
