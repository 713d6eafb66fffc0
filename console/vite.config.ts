import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// A static build the gateway serves at /console (same origin as /graphql).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // GraphiQL's Monaco editor (dev only, /graphiql) is one 2.8 MB chunk; the console's own entry is about 1 MB
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      // the console, and GraphiQL (served at /graphiql outside production)
      input: { console: 'index.html', graphiql: 'graphiql.html' },
      // GraphiQL's React Compiler output carries "use no memo" directives, harmless when bundled
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/evidence': 'http://127.0.0.1:4000' } },
});
