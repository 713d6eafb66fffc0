#!/usr/bin/env node
// Composes gateway/supergraph.graphql from the checked-in subgraph SDL files
// (services/<name>/schema.graphql) with @apollo/composition. Exits non-zero on
// composition errors. `--check` fails instead of writing when the file is stale.
import { composeServices } from '@apollo/composition';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../gateway/subgraphs.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoRoot, 'gateway/supergraph.graphql');

export function composeSupergraph() {
  const services = SUBGRAPHS.map(({ name, port }) => ({
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    typeDefs: parse(fs.readFileSync(path.join(repoRoot, 'services', name, 'schema.graphql'), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const sdl = composeSupergraph();
    if (process.argv.includes('--check')) {
      const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      if (current !== sdl) {
        console.error('gateway/supergraph.graphql is stale: run npm run compose');
        process.exit(1);
      }
      console.log('supergraph is up to date');
    } else {
      fs.writeFileSync(target, sdl);
      console.log(`wrote ${path.relative(repoRoot, target)}`);
    }
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
