// A Dockerfile parser: parser directives (escape), comments, line continuations, heredocs, and
// instructions with their exec (JSON array) or shell form. Garbage lines become `problems`.

export interface Instruction {
  /** Upper-cased keyword: FROM, RUN, CMD, … */
  keyword: string;
  /** The arguments with continuations joined. */
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
  /** JSON array form, when the arguments are one. */
  exec?: string[];
}

export interface Stage {
  /** `FROM` arguments resolved: image (after ARG substitution), alias, platform. */
  image: string;
  rawImage: string;
  name?: string;
  line: number;
  instructions: Instruction[];
  /** Set when the image is another stage of this Dockerfile. */
  fromStage?: Stage;
  /** ARG substitution left a variable without a value. */
  unresolved?: string;
}

export interface Dockerfile {
  /** ARGs before the first FROM, with their defaults. */
  globalArgs: Map<string, string | undefined>;
  stages: Stage[];
  problems: Array<{ line: number; message: string }>;
}

const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

function execForm(args: string): string[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** `${NAME}`, `$NAME`, `${NAME:-default}` substituted from `args`; undefined names are reported. */
export function substitute(text: string, args: ReadonlyMap<string, string | undefined>): { value: string; unresolved?: string } {
  let unresolved: string | undefined;
  const value = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_whole, braced: string | undefined, operator: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const current = args.get(name);
    if (operator?.endsWith('-')) return current ? current : (word ?? '');
    if (operator?.endsWith('+')) return current ? (word ?? '') : '';
    if (current === undefined) {
      unresolved ??= name;
      return '';
    }
    return current;
  });
  return unresolved ? { value, unresolved } : { value };
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  const result: Dockerfile = { globalArgs: new Map(), stages: [], problems: [] };
  let index = 0;
  // Parser directives: leading `# key=value` comments before anything else.
  for (; index < lines.length; index++) {
    const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(lines[index]!);
    if (!directive) break;
    if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) escape = directive[2];
  }
  const stageArgs = (): Map<string, string | undefined> => result.globalArgs;
  let current: Stage | undefined;
  while (index < lines.length) {
    const startLine = index + 1;
    let raw = lines[index++]!;
    if (/^\s*#/.test(raw) || raw.trim() === '') continue;
    // Continuation lines; comment lines inside a continuation are dropped, as Docker does.
    while (raw.trimEnd().endsWith(escape) && index < lines.length) {
      raw = raw.trimEnd().slice(0, -1);
      let next = lines[index++]!;
      while (/^\s*#/.test(next) && index < lines.length) next = lines[index++]!;
      raw += ' ' + next.trim();
    }
    const match = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(raw);
    if (!match || !KEYWORDS.has(match[1]!.toUpperCase())) {
      result.problems.push({ line: startLine, message: `not a Dockerfile instruction: ${raw.trim().slice(0, 40)}` });
      continue;
    }
    const keyword = match[1]!.toUpperCase();
    const args = (match[2] ?? '').trim();
    // Heredocs (`RUN <<EOF … EOF`): their body is not instructions.
    const heredoc = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(args);
    if (heredoc && (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD')) {
      while (index < lines.length && lines[index]!.trim() !== heredoc[1]) index++;
      index++;
    }
    const instruction: Instruction = { keyword, args, line: startLine };
    const exec = execForm(args);
    if (exec) instruction.exec = exec;
    if (keyword === 'FROM') {
      const words = args.split(/\s+/).filter(Boolean);
      const flags = words.filter((word) => word.startsWith('--'));
      const rest = words.filter((word) => !word.startsWith('--'));
      const rawImage = rest[0] ?? '';
      const name = rest[1]?.toUpperCase() === 'AS' ? rest[2] : undefined;
      const substituted = substitute(rawImage, stageArgs());
      const stage: Stage = { image: substituted.value, rawImage, line: startLine, instructions: [instruction] };
      if (name) stage.name = name;
      if (substituted.unresolved) stage.unresolved = substituted.unresolved;
      const earlier = result.stages.find((candidate) => candidate.name !== undefined && candidate.name.toLowerCase() === substituted.value.toLowerCase());
      if (earlier) stage.fromStage = earlier;
      void flags;
      result.stages.push(stage);
      current = stage;
      continue;
    }
    if (!current) {
      if (keyword === 'ARG') {
        for (const declaration of args.split(/\s+/).filter(Boolean)) {
          const [name, ...value] = declaration.split('=');
          result.globalArgs.set(name!, value.length > 0 ? value.join('=').replace(/^["']|["']$/g, '') : undefined);
        }
      } else {
        result.problems.push({ line: startLine, message: `${keyword} before the first FROM` });
      }
      continue;
    }
    current.instructions.push(instruction);
  }
  return result;
}

/** Whether a Dockerfile path names one: `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
export function isDockerfile(baseName: string): boolean {
  if (/\.(dockerignore|md|markdown|txt|rst|json|ya?ml|toml|sh|py|[cm]?[jt]sx?|go|rs|bak|orig)$/i.test(baseName)) return false;
  return /^(Dockerfile|Containerfile)([.-][\w.-]+)?$/i.test(baseName) || /\.(Dockerfile|Containerfile)$/i.test(baseName);
}
