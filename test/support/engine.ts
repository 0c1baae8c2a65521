import { Engine } from '../../server/src/engine/engine';
import { RULES } from '../../server/src/rules';
import { grammarFiles } from '../../server/src/workspace/grammar-files';

let shared: Promise<Engine> | undefined;

/** One engine for the whole test run: grammars load once, queries compile once. */
export function testEngine(): Promise<Engine> {
  shared ??= Engine.create(grammarFiles(), RULES);
  return shared;
}
