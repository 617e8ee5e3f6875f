/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API to a running Eddy server (EDDY_URL, default http://localhost:8080),
// signed in with its access token (EDDY_TOKEN, e.g. `export EDDY_TOKEN=$(cat ../.eddy/access-token)`).
const server = process.env.EDDY_URL ?? 'http://localhost:8080';
const token = process.env.EDDY_TOKEN;

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  css: {
    preprocessorOptions: {
      scss: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin', 'mixed-decls'] },
    },
  },
  server: {
    proxy: { '/api': { target: server, headers: token ? { Authorization: `Bearer ${token}` } : {} } },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    css: false,
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    pool: 'threads',
    // one jsdom per worker instead of one per file: the suite takes half the time; each test
    // cleans up after itself (setup.ts) and loads what it needs into the store
    isolate: false,
    // a guard against a test that hangs, not a speed limit: on a loaded 2-core machine a whole
    // panel test took 25 s (FlowEditor, 20:30 on 2026-12-01, load 12) and failed the build
    testTimeout: 60000,
  },
});
