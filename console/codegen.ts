import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation in src/ from the composed supergraph the gateway serves.
const config: CodegenConfig = {
  schema: '../gateway/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' }, skipTypename: true },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
