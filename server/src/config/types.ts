import type { SeveritySetting } from '../engine/finding';

export type ChecklistStatus = 'pass' | 'fail' | 'manual' | 'n/a';

export interface ListAdjustment {
  add: readonly string[];
  ignore: readonly string[];
}

export interface ChecklistOverride {
  status: ChecklistStatus;
  reason: string;
}

/** `.readiness.json` with every default filled in. */
export interface ResolvedConfig {
  /** Severity by rule id, as configured; rules not listed use their default. */
  rules: Readonly<Record<string, SeveritySetting>>;
  include: readonly string[];
  exclude: readonly string[];
  tests: 'exclude' | 'include';
  timeoutSeconds: number;
  maxFileBytes: number;
  secretNames: ListAdjustment;
  defaultValues: ListAdjustment;
  checklist: {
    files: readonly string[];
    overrides: Readonly<Record<string, ChecklistOverride>>;
  };
}

export const DEFAULT_EXCLUDES: readonly string[] = [
  '**/node_modules/**',
  '**/target/**',
  '**/vendor/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.git/**',
  '**/coverage/**',
  '**/*.min.*',
];

export const DEFAULT_CONFIG: ResolvedConfig = {
  rules: {},
  include: [],
  exclude: [],
  tests: 'exclude',
  timeoutSeconds: 10,
  maxFileBytes: 1024 * 1024,
  secretNames: { add: [], ignore: [] },
  defaultValues: { add: [], ignore: [] },
  checklist: { files: ['PRODUCTION_READINESS.md', '**/*readiness*.md', '**/*checklist*.md'], overrides: {} },
};
