// Loaded with `node --import` before the server: writes every module URL the process
// resolves to the file named by PLENARY_IMPORT_LOG, one per line after the process id, so
// a test can tell which packages a server loaded (ES modules have no cache a test could
// read instead), and not count those of its child processes, which inherit the option.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const logFile = process.env.PLENARY_IMPORT_LOG;
if (logFile) {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => appendFileSync(logFile, `${process.pid} ${url}\n`));
  port1.unref();
  register('./importLogHooks.mjs', import.meta.url, {
    data: { port: port2 },
    transferList: [port2],
  });
}
