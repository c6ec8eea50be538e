import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", ".tmp/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Builds dist/terraform-provider-ferry, which test/terraform-node launches like terraform does.
    globalSetup: ["test/support/build-provider.ts"],
  },
});
