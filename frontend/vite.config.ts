/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Wails serves the built files from the binary, so paths are relative and
// nothing is fetched from the network at run time.
export default defineConfig({
  base: './',
  plugins: [
    vue(),
    {
      // dist/.gitkeep is committed: go:embed needs the folder on a fresh clone.
      name: 'keep-dist',
      apply: 'build',
      closeBundle() {
        writeFileSync(fileURLToPath(new URL('./dist/.gitkeep', import.meta.url)), '')
      },
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
