// The checklist's view of one parsed file: code signals and YAML/TOML documents. Runs on the tree
// the engine already built for the rules (see Engine.analyze's `inspector`), so a checklist costs
// about one scan.
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../../languages/types';
import { languageById } from '../../languages';
import type { FileFacts } from '../types';
import { SignalSink, type SignalTools } from './shared';
import { typescriptSignals, typescriptTriggered } from './typescript';
import { goSignals, goTriggered } from './go';
import { rustSignals, rustTriggered } from './rust';
import { pythonSignals, pythonTriggered } from './python';
import { tomlDocument, yamlDocuments } from './tree-value';

interface Extractor {
  /** Whether the text holds any trigger of the language's signals (a pre-filter before parsing). */
  triggered(text: string): boolean;
  extract(tree: Tree, text: string, tools: SignalTools, sink: SignalSink): void;
}

const TYPESCRIPT: Extractor = { triggered: typescriptTriggered, extract: typescriptSignals };
const EXTRACTORS: Partial<Record<LanguageId, Extractor>> = {
  typescript: TYPESCRIPT,
  tsx: TYPESCRIPT,
  javascript: TYPESCRIPT,
  go: { triggered: goTriggered, extract: goSignals },
  rust: { triggered: rustTriggered, extract: rustSignals },
  python: { triggered: pythonTriggered, extract: pythonSignals },
};

/** YAML the checklist reads by structure: CI workflows and Kubernetes manifests. */
export function isStructuredYaml(relativePath: string, text: string): boolean {
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(relativePath)) return true;
  if (/(^|\/)\.gitlab-ci\.ya?ml$/i.test(relativePath) || /(^|\/)\.gitlab\/ci\/[^/]+\.ya?ml$/i.test(relativePath)) return true;
  return text.includes('apiVersion') && text.includes('kind');
}

export function isStructuredToml(relativePath: string): boolean {
  return /(^|\/)(Cargo|pyproject)\.toml$/.test(relativePath);
}

/** Whether the checklist needs this file's parse tree (production code, CI and deploy YAML, manifests). */
export function wantsTree(relativePath: string, text: string, language: LanguageId): boolean {
  const extractor = EXTRACTORS[language];
  if (extractor) return !languageById(language).isTestPath(relativePath) && extractor.triggered(text);
  if (language === 'yaml') return isStructuredYaml(relativePath, text);
  if (language === 'toml') return isStructuredToml(relativePath);
  return false;
}

/** Signals and documents of one parsed file. Never throws: a failure becomes `problem`. */
export function extractFacts(tree: Tree | undefined, language: LanguageId, relativePath: string, text: string, tools: SignalTools): FileFacts {
  const facts: FileFacts = { findings: [], signals: [] };
  if (!tree) return facts;
  try {
    const extractor = EXTRACTORS[language];
    if (extractor) {
      const sink = new SignalSink();
      if (!languageById(language).isTestPath(relativePath) && extractor.triggered(text)) extractor.extract(tree, text, tools, sink);
      facts.signals = sink.signals;
    } else if (language === 'yaml' && isStructuredYaml(relativePath, text)) {
      facts.documents = yamlDocuments(tree.rootNode);
      if (tree.rootNode.hasError) facts.problem = 'YAML syntax errors: parts of this file could not be read';
    } else if (language === 'toml' && isStructuredToml(relativePath)) {
      facts.documents = [tomlDocument(tree.rootNode)];
      if (tree.rootNode.hasError) facts.problem = 'TOML syntax errors: parts of this file could not be read';
    }
  } catch (error) {
    facts.problem = `could not read the file's structure: ${error instanceof Error ? error.message : String(error)}`;
  }
  return facts;
}
