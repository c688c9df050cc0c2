import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The portal is a static site: `vite build` writes apps/portal/dist, which scripts/portal/serve.ts serves
// (with /config.js telling the page where the API is). Pages are lazy chunks, so the login page stays small.
export default defineConfig({
  root,
  plugins: [react()],
  // The voter's side of the ballot box is libs/votes's own file (WebCrypto only), and the appraisal kinds'
  // Vietnamese names libs/appraisal's (the API's workbooks use them too): the portal builds them from there
  // rather than keep a copy, without importing the Node libraries around them.
  resolve: {
    alias: {
      '@canbo/ballot-client': fileURLToPath(new URL('../../libs/votes/src/ballot-client.ts', import.meta.url)),
      '@canbo/appraisal-kind-names': fileURLToPath(new URL('../../libs/appraisal/src/appraisal-kind-names.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 4200, strictPort: true },
  preview: { port: 4200, strictPort: true },
});
