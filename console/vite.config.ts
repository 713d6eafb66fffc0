import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// A static build the gateway serves at /console (same origin as /graphql).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/evidence': 'http://127.0.0.1:4000' } },
});
