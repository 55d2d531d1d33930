import { defineConfig } from 'vite';

// The service serves the build from its classpath: index.html at `/`, hashed files under /assets/.
export default defineConfig({
  build: {
    outDir: 'target/classes/webapp',
    emptyOutDir: true,
    assetsDir: 'assets',
    // livekit-client alone is ~500 kB; one chunk is fine for a call app loaded once.
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev`: the API is the service on :8000.
    proxy: Object.fromEntries(
      ['/token', '/calls', '/call-links', '/login', '/logout', '/me', '/agents', '/transfer', '/transfers',
        '/move-caller', '/events', '/create-room', '/list-rooms', '/generate-summary', '/health']
        .map((p) => [p, 'http://127.0.0.1:8000'])),
  },
});
