// `npm start`: install, build the web app and the server, and run the server in one command.
import { spawn } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '../apps/server/nodeFlags.mjs';
import { ensureInstalled, exitCodeOf, pnpm, repoRoot, say } from './lib/steps.mjs';

// Compiled JavaScript (apps/server/build.mjs): no TypeScript loader at run time.
const SERVER_ENTRY = 'apps/server/dist/server.js';

if (!(await ensureInstalled())) process.exit(1);

say('Building the web app (apps/web) that the server hands to browsers, and the server itself.');
const buildCode = await pnpm(['--filter', '@plenary/web', '--filter', '@plenary/server', 'build']);
if (buildCode !== 0) {
  console.error(`\nThe build failed (exit code ${buildCode}); see the errors above.`);
  process.exit(buildCode);
}

const port = process.env.PORT ?? '8080';
const dataDir = process.env.DATA_DIR ?? './data';
say(
  `Starting the Plenary server on port ${port}, keeping plans in ${dataDir} ` +
    '(set PORT, HOST or DATA_DIR to change this). It prints the address to open. ' +
    'Press Ctrl+C to stop it.',
);
// Its own process group, so that Ctrl+C reaches the server once (forwarded below) rather
// than twice, which could cut its graceful shutdown short.
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY], {
  cwd: repoRoot,
  stdio: 'inherit',
  detached: true,
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => server.kill(signal));
}
// Should this script itself die, do not leave an orphaned server holding the port.
process.on('exit', () => server.kill('SIGTERM'));
server.on('error', (error) => {
  console.error(`Could not start the server: ${error.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  if (code !== 0 && signal === null) {
    console.error(`\nThe server stopped with exit code ${code}; see the messages above.`);
  }
  process.exit(exitCodeOf(code, signal));
});
