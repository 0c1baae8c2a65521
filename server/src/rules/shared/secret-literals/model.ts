import type { Node } from 'web-tree-sitter';

/** How a string literal is bound to a name, as the secret rules see it. */
export type LiteralBindingKind =
  /** `const`/`static`, module-level and class-level assignments: configuration. */
  | 'constant'
  /** A local variable, possibly assigned again later (`token := ""`). */
  | 'local'
  /** A struct, object, dict or map field; a class field. */
  | 'field'
  /** A keyword or named argument: `connect(password="…")`. */
  | 'keyword'
  /** A parameter's default value. */
  | 'parameter'
  /** An assignment to a field or attribute: `cfg.Password = "…"`. */
  | 'assignment'
  /** The value returned by a secret-named function: `fn default_token() -> String`. */
  | 'returned'
  /** The fallback of an environment lookup: `process.env.X || "…"`. */
  | 'env-fallback';

export interface LiteralBinding {
  kind: LiteralBindingKind;
  /** The name as written (identifier, key, environment variable name). */
  name: string;
  /** The literal's decoded content. */
  value: string;
  /** What a fix replaces: the literal with any conversion around it (`"x".to_string()`), or the whole env fallback. */
  replace: Node;
  /** For env fallbacks, the environment variable name; else derived from `name` by the fix. */
  environmentName?: string;
}
