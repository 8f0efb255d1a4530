#!/usr/bin/env node
import { runSimulatorCli } from '../dist/index.mjs';

process.exitCode = await runSimulatorCli(process.argv.slice(2));
