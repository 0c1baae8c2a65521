import { Language, Parser } from 'web-tree-sitter';
import type { LanguageId } from '../languages/types';
import { LANGUAGES } from '../languages';

/** Where the engine gets wasm bytes from; the adapters read them from `grammars/`. */
export interface GrammarSource {
  /** The web-tree-sitter runtime (`web-tree-sitter.wasm`). */
  runtime(): Uint8Array | Promise<Uint8Array>;
  /** A grammar by its base name, e.g. `tree-sitter-rust`. */
  grammar(name: string): Uint8Array | Promise<Uint8Array>;
}

let runtimeReady: Promise<void> | undefined;

async function initRuntime(source: GrammarSource): Promise<void> {
  runtimeReady ??= (async () => {
    const wasmBinary = await source.runtime();
    await Parser.init({ wasmBinary } as Parameters<typeof Parser.init>[0]);
  })();
  return runtimeReady;
}

/** Loads the runtime and every grammar. Each worker thread does this once. */
export async function loadGrammars(source: GrammarSource): Promise<Map<LanguageId, Language>> {
  await initRuntime(source);
  const languages = new Map<LanguageId, Language>();
  for (const language of LANGUAGES) {
    if (!language.grammar) continue;
    languages.set(language.id, await Language.load(await source.grammar(language.grammar)));
  }
  return languages;
}
