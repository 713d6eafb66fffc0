// The checked-in supergraph must be the composition of the checked-in subgraph SDL files.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

describe('supergraph composition', () => {
  it('composes without errors and gateway/supergraph.graphql is up to date', () => {
    const output = execFileSync(process.execPath, ['tools/compose-supergraph.mjs', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(output).toContain('supergraph is up to date');
  });
});
