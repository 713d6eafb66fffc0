import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.join(__dirname, '../../..');
const ATTACKS_DIR = 'gateway/test/attacks';

/** The rows of SECURITY.md's attack table: each test file it names, with the test titles quoted after it. */
function attackTableReferences(): { file: string; titles: string[] }[] {
  const text = readFileSync(path.join(repoRoot, 'SECURITY.md'), 'utf8');
  const table = text.slice(text.indexOf('## Attacks and the tests that refuse them'), text.indexOf('## Known limits'));
  const rows = table.split('\n').filter((line) => line.startsWith('| '));
  return rows.flatMap((row) => {
    const testCell = row.split(' | ').at(-1) ?? '';
    return testCell.split(';').flatMap((part) => {
      const file = /`([^`]+\.(?:test|spec)\.ts)`/.exec(part)?.[1];
      if (!file) return [];
      const titles = [...part.matchAll(/"([^"]+)"/g)].map((match) => match[1].replace(/ ?…$/, ''));
      return [{ file, titles }];
    });
  });
}

function locate(file: string): string | undefined {
  const direct = [file, path.join('gateway/test', file)].find((candidate) => existsSync(path.join(repoRoot, candidate)));
  if (direct) return direct;
  const name = path.basename(file);
  const search = (dir: string): string | undefined => {
    for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      if (['node_modules', 'dist', '.local'].includes(entry.name)) continue;
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = search(relative);
        if (found) return found;
      } else if (entry.name === name) return relative;
    }
    return undefined;
  };
  return ['shared', 'services', 'gateway'].map(search).find(Boolean);
}

describe("SECURITY.md's attack table", () => {
  const references = attackTableReferences();

  it('names a test for every attacks file, and the attacks files are all in it', () => {
    const named = new Set(references.map((reference) => path.basename(reference.file)));
    const attackFiles = readdirSync(path.join(repoRoot, ATTACKS_DIR)).filter((name) => name.endsWith('.test.ts'));
    expect(attackFiles.filter((name) => !named.has(name))).toEqual([]);
  });

  it.each(references.map((reference) => [reference.file, reference]))('%s exists and holds the titles the table quotes', (_file, reference) => {
    const found = locate(reference.file);
    expect(found).toBeDefined();
    const source = readFileSync(path.join(repoRoot, found as string), 'utf8');
    for (const title of reference.titles) expect([title, source.includes(title)]).toEqual([title, true]);
  });
});
