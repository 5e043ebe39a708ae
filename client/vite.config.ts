import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const apiTarget = process.env.CERTIJURY_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue()],
  define: {
    // vue-i18n esm-bundler feature flags: composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: apiTarget, ws: true },
      '/healthz': { target: apiTarget },
      '/readyz': { target: apiTarget },
      '/downloads': { target: apiTarget },
      // Public certificate documents (JSON-LD credential and status, PDF, issuer profile).
      '/credentials': { target: apiTarget },
      '/certificates': { target: apiTarget },
      '/issuers': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
