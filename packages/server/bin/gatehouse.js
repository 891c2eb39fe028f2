#!/usr/bin/env node
// The `gatehouse` command. A committed JavaScript shim, so npm can link the bin at install
// time, before `prepare` has built dist/.
import { runCli } from '../dist/cli/main.js';

runCli(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
});
