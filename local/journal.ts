import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The lines of a JSON-lines file that parse: a process killed mid-append leaves at most one torn last
 * line, which must not stop local mode from starting again.
 */
export function readJsonLines<T>(file: string | undefined): T[] {
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as T];
      } catch {
        return [];
      }
    });
}

/** Appends one JSON line; synchronous, so what a caller was told happened is on disk. */
export function appendJsonLine(file: string, value: unknown) {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(value)}\n`);
}

/**
 * A string map that, given a file, survives restarts: each set is appended as a line, the last one for
 * a key wins. For what AWS keeps durably and local mode would otherwise forget (Connect's ClientTokens).
 */
export class JournaledMap {
  private readonly map = new Map<string, string>();

  constructor(private readonly file?: string) {
    for (const { k, v } of readJsonLines<{ k: string; v: string }>(file)) this.map.set(k, v);
  }

  get(key: string) {
    return this.map.get(key);
  }

  set(key: string, value: string) {
    this.map.set(key, value);
    if (this.file) appendJsonLine(this.file, { k: key, v: value });
  }
}
