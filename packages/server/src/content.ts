import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Case,
  type MethodTemplate,
  parseMethod,
  ProgrammeContent,
  StarterCase,
} from '@goedwerk/core';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** The content shipped with the product: method templates, starter cases and demo programmes. */
export interface ContentCatalog {
  readonly methods: ReadonlyMap<string, MethodTemplate>;
  readonly cases: readonly Case[];
  readonly programmes: readonly ProgrammeContent[];
  /** The folder the content was read from; `demo/` in it holds meetings as held. */
  readonly dir: string;
}

export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('../../../content', import.meta.url));

async function yamlFiles(dir: string): Promise<{ file: string; data: unknown }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    names.map(async (name) => {
      const file = join(dir, name);
      return { file, data: parseYaml(await readFile(file, 'utf8')) as unknown };
    }),
  );
}

function parseWith<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${file} is not valid:\n${issues}`);
  }
  return result.data;
}

/**
 * Reads and validates every content file; a file that does not match its schema stops the
 * start with a message naming the file and the field.
 */
export async function loadContent(dir = DEFAULT_CONTENT_DIR): Promise<ContentCatalog> {
  const methods = new Map<string, MethodTemplate>();
  for (const { file, data } of await yamlFiles(join(dir, 'methods'))) {
    const method = parseMethod(data, file);
    if (methods.has(method.id)) throw new Error(`${file}: method id "${method.id}" is used twice`);
    methods.set(method.id, method);
  }
  const cases = (await yamlFiles(join(dir, 'cases'))).map(({ file, data }) => parseWith(StarterCase, data, file));
  const caseIds = new Set(cases.map((c) => c.id));
  if (caseIds.size !== cases.length) throw new Error(`${dir}/cases: a case id is used twice`);
  const programmes = (await yamlFiles(join(dir, 'programmes'))).map(({ file, data }) => {
    const content = parseWith(ProgrammeContent, data, file);
    for (const meeting of content.meetings) {
      if (!methods.has(meeting.spec.methodId)) {
        throw new Error(`${file}: meeting ${meeting.id} uses unknown method "${meeting.spec.methodId}"`);
      }
      const missing = meeting.spec.caseIds.filter((id) => !caseIds.has(id));
      if (missing.length > 0) throw new Error(`${file}: meeting ${meeting.id} uses unknown cases ${missing.join(', ')}`);
    }
    return content;
  });
  return { methods, cases, programmes, dir };
}
