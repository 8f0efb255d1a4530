#!/usr/bin/env node
import { runSimulatorCli } from '../dist/index.js';

process.exitCode = await runSimulatorCli(process.argv.slice(2));
