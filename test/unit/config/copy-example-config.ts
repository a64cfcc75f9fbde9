import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const exampleDir = join(import.meta.dirname, '..', '..', '..', 'config');

export interface ExampleConfig {
  readonly dir: string;
  /** offhours.yaml in the copy. */
  readonly mainPath: string;
  /** Replaces `find` (which must occur) in a file of the copy, e.g. 'clients/acme.yaml'. */
  edit(file: string, find: string, replace: string): Promise<void>;
  remove(): Promise<void>;
}

/** A private copy of config/ (example as offhours.yaml, clients, calendars) to break in a test. */
export async function copyExampleConfig(): Promise<ExampleConfig> {
  const dir = await mkdtemp(join(tmpdir(), 'offhours-config-'));
  await cp(join(exampleDir, 'clients'), join(dir, 'clients'), { recursive: true });
  await cp(join(exampleDir, 'offhours.example.yaml'), join(dir, 'offhours.yaml'));
  return {
    dir,
    mainPath: join(dir, 'offhours.yaml'),
    async edit(file, find, replace) {
      const path = join(dir, file);
      const text = await readFile(path, 'utf8');
      if (!text.includes(find)) throw new Error(`${file} does not contain ${find}`);
      await writeFile(path, text.replace(find, replace));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
