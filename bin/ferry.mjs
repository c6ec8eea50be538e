#!/usr/bin/env node
// The `ferry` command, from the compiled output (`npm run build` writes dist/esm).
import { main } from "../dist/esm/cli/ferry.js";

process.exitCode = await main(process.argv.slice(2));
