#!/usr/bin/env node
// Checks that the benchmark's ast-grep rules find what they should on a tiny sample per language,
// and stay silent on negatives and test code. Usage: node bench/ast-grep/check-rules.mjs
// Each sample line that should match ends with a comment naming the rule (`EXPECT rule-id`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const astGrep = join(root, 'node_modules', '.bin', 'ast-grep');

const RUST = `use reqwest::Client;
fn main() {
    let c = reqwest::Client::new(); // EXPECT missing-timeout-rust
    let v = x.parse::<u16>().unwrap(); // EXPECT unwrap-rust
    let w = y.expect("y"); // EXPECT unwrap-rust
    let ok = z.unwrap_or(1);
    let b = Client::builder().user_agent("x").build(); // EXPECT missing-timeout-rust
    let t = Client::builder().timeout(d).build()?;
    let i = reqwest::Client::builder().danger_accept_invalid_certs(true).timeout(d).build()?; // EXPECT tls-verification-disabled-rust
    let body = reqwest::blocking::get(url)?; // EXPECT missing-timeout-rust
    todo!(); // EXPECT unwrap-rust
}
#[cfg(test)]
mod tests {
    #[test]
    #[should_panic]
    fn t() { x.unwrap(); panic!("in a test"); }
}
`;

const RUST_TEST = `fn helper() { x.unwrap(); }\n`;

const GO = `package main

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"strconv"
)

func run(s string) int {
	n, _ := strconv.Atoi(s) // EXPECT unwrap-go
	_ = http.ListenAndServe(":80", nil) // EXPECT unwrap-go missing-timeout-go
	_, _ = fmt.Println("ok")
	resp, err := http.Get("http://x") // EXPECT missing-timeout-go
	_ = err
	c := &http.Client{} // EXPECT missing-timeout-go
	d := &http.Client{Timeout: 10}
	cfg := &tls.Config{InsecureSkipVerify: true} // EXPECT tls-verification-disabled-go
	srv := &http.Server{Addr: ":80", ReadHeaderTimeout: 5}
	if n < 0 {
		panic("negative") // EXPECT unwrap-go
	}
	fmt.Println(resp, c, d, cfg, srv)
	return n
}

func main() { panic("fine in main") }
`;

const GO_TEST = `package main\n\nimport "strconv"\n\nfunc helper() { n, _ := strconv.Atoi("1"); _ = n }\n`;

const TS = `import axios from 'axios';
const a = document.getElementById('x')!; // EXPECT unwrap-typescript
const b = a!!; // EXPECT unwrap-typescript
export async function load(url: string) {
  await fetch(url); // EXPECT missing-timeout-typescript
  await fetch(url, { signal: AbortSignal.timeout(10_000) });
  await fetch(url, { method: 'POST' }); // EXPECT missing-timeout-typescript
  await axios.get(url); // EXPECT missing-timeout-typescript
  await axios.get(url, { timeout: 10_000 });
  const agent = { rejectUnauthorized: false }; // EXPECT tls-verification-disabled-typescript
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // EXPECT tls-verification-disabled-typescript
  return [agent, b];
}
`;

const JS = `const https = require('https');
https.get('https://x', (res) => res.resume()); // EXPECT missing-timeout-javascript
https.request({ host: 'x', timeout: 5000 });
const options = { rejectUnauthorized: false }; // EXPECT tls-verification-disabled-javascript
module.exports = { options };
`;

const TS_TEST = `const a = document.getElementById('x')!;\nfetch('/x');\n`;

const PYTHON = `import requests, ssl

def load(url):
    try:
        requests.get(url)  # EXPECT missing-timeout-python
    except Exception:  # EXPECT unwrap-python
        pass
    try:
        requests.post(url, timeout=10)
    except (ValueError, BaseException) as error:  # EXPECT unwrap-python
        ...
    try:
        requests.get(url, timeout=5, verify=False)  # EXPECT tls-verification-disabled-python
    except ValueError:
        pass
    ctx = ssl._create_unverified_context()  # EXPECT tls-verification-disabled-python
    ctx.check_hostname = False  # EXPECT tls-verification-disabled-python
    try:
        x()
    except Exception as error:
        log(error)

class Resource:
    def __del__(self):
        try:
            self.close()
        except Exception:
            pass
`;

const PYTHON_TEST = `import requests\n\ndef test_it():\n    requests.get("http://x")\n`;

const SAMPLES = {
  'rust/crate/src/main.rs': RUST,
  'rust/crate/tests/it.rs': RUST_TEST,
  'go/pkg/main.go': GO,
  'go/pkg/main_test.go': GO_TEST,
  'js/pkg/src/load.ts': TS,
  'js/pkg/src/load.tsx': TS.replace(/typescript/g, 'tsx'),
  'js/pkg/lib/client.js': JS,
  'js/pkg/src/load.test.ts': TS_TEST,
  'js/pkg/test/load.ts': TS_TEST,
  'python/pkg/load.py': PYTHON,
  'python/pkg/tests/test_load.py': PYTHON_TEST,
};

function expected() {
  const hits = [];
  for (const [file, text] of Object.entries(SAMPLES)) {
    text.split('\n').forEach((line, index) => {
      const marker = /EXPECT ([\w -]+)$/.exec(line);
      if (marker) for (const rule of marker[1].trim().split(/\s+/)) hits.push(`${file}:${index + 1} ${rule}`);
    });
  }
  return hits.sort();
}

const directory = mkdtempSync(join(tmpdir(), 'readiness-sg-'));
try {
  for (const [file, text] of Object.entries(SAMPLES)) {
    mkdirSync(dirname(join(directory, file)), { recursive: true });
    writeFileSync(join(directory, file), text);
  }
  let output;
  try {
    output = execFileSync(astGrep, ['scan', '-c', join(here, 'sgconfig.yml'), '--json=stream', '--no-ignore', 'vcs', '--no-ignore', 'hidden', '.'], {
      cwd: directory,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    console.error(error.stderr || error.message);
    process.exit(1);
  }
  const actual = output
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .map((match) => `${match.file.replace(/^\.\//, '')}:${match.range.start.line + 1} ${match.ruleId}`)
    .sort();
  const want = expected();
  const missing = want.filter((hit) => !actual.includes(hit));
  const extra = actual.filter((hit) => !want.includes(hit));
  for (const hit of missing) console.log(`missing: ${hit}`);
  for (const hit of extra) console.log(`unexpected: ${hit}`);
  console.log(`${actual.length} matches, ${want.length} expected: ${missing.length === 0 && extra.length === 0 ? 'ok' : 'MISMATCH'}`);
  process.exitCode = missing.length === 0 && extra.length === 0 ? 0 : 1;
} finally {
  rmSync(directory, { recursive: true, force: true });
}
