/**
 * A real Plenary server whose storage can be made to fail or stall on demand, for the
 * tests that check the save indicator never claims "saved" when nothing was stored.
 *
 *   POST /__test/store-faults {"mode": "fail" | "stall" | "ok"}
 *
 * It lives in e2e/ because a switch like this must never ship in the product.
 */
import { buildApp, loadConfig } from '@plenary/server';
import { type DocumentStore, openStorage, type Storage, StoreError } from '@plenary/storage';

type FaultMode = 'ok' | 'fail' | 'stall';

const config = loadConfig();
const storage = await openStorage({ dataDir: config.dataDir });
let mode: FaultMode = 'ok';
const stalled: (() => void)[] = [];

async function faultyAppend(...args: Parameters<DocumentStore['appendUpdate']>) {
  if (mode === 'fail') throw new StoreError('unavailable', 'the test switched storage off');
  if (mode === 'stall') await new Promise<void>((resolve) => stalled.push(resolve));
  return storage.documents.appendUpdate(...args);
}

const documents = new Proxy(storage.documents, {
  get(target, property) {
    if (property === 'appendUpdate') return faultyAppend;
    const value = Reflect.get(target, property, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
const faultyStorage: Storage = {
  documents,
  access: storage.access,
  decisions: storage.decisions,
  versions: storage.versions,
  comments: storage.comments,
  rounds: storage.rounds,
  ping: () => storage.ping(),
  close: () => storage.close(),
};

const app = await buildApp({ config, storage: faultyStorage });
app.post('/__test/store-faults', async (request) => {
  const requested = (request.body as { mode?: FaultMode }).mode ?? 'ok';
  mode = requested;
  if (mode !== 'stall') for (const release of stalled.splice(0)) release();
  return { mode };
});
const address = await app.listen({ host: config.host, port: config.port });
process.stdout.write(`Plenary (with a storage fault switch) is running at ${address}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const release of stalled.splice(0)) release();
    app.close().then(() => process.exit(0));
  });
}
