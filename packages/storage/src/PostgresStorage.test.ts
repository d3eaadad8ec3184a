import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeAccessStoreContract } from './accessStoreContract.ts';
import { describeCommentStoreContract } from './commentStoreContract.ts';
import { describeDecisionLogContract } from './decisionLogContract.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';
import { PostgresStorage } from './PostgresStorage.ts';
import { describeRoundStoreContract } from './roundStoreContract.ts';
import type { Storage } from './Storage.ts';
import type { StorageFixture } from './test-support/contractFixture.ts';
import { dropSchema, freshSchemaName, TEST_DATABASE_URL } from './test-support/postgresSchema.ts';
import { describeVersionStoreContract } from './versionStoreContract.ts';

async function postgresFixture(): Promise<StorageFixture> {
  const options = { connectionString: TEST_DATABASE_URL, schema: freshSchemaName() };
  let current: Storage = await PostgresStorage.open(options);
  return {
    storage: current,
    reopen: async () => {
      await current.close();
      current = await PostgresStorage.open(options);
      return current;
    },
    cleanup: async () => {
      await current.close();
      await dropSchema(options.schema);
    },
  };
}

describeDocumentStoreContract('PostgresStorage', postgresFixture, { durable: true });
describeAccessStoreContract('PostgresStorage', postgresFixture, { durable: true });
describeDecisionLogContract('PostgresStorage', postgresFixture, { durable: true });
describeVersionStoreContract('PostgresStorage', postgresFixture, { durable: true });
describeCommentStoreContract('PostgresStorage', postgresFixture, { durable: true });
describeRoundStoreContract('PostgresStorage', postgresFixture, { durable: true });

describe('PostgresStorage.open', () => {
  it('fails as unavailable, naming the server, when PostgreSQL does not answer', async () => {
    // Port 1 is reserved and closed, so the connection is refused at once.
    const open = PostgresStorage.open({
      connectionString: 'postgres://nobody:secret@127.0.0.1:1/x',
    });
    await expect(open).rejects.toMatchObject({ code: 'unavailable' });
    await expect(open).rejects.toThrow(/postgres:\/\/nobody@127\.0\.0\.1:1\/x.*DATABASE_URL/);
  });
});

describe('PostgresStorage when the server goes away', () => {
  it('fails calls as unavailable while PostgreSQL cannot be reached, and serves again once it can', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(TEST_DATABASE_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    const schema = freshSchemaName();
    const storage = await PostgresStorage.open({ connectionString: url.toString(), schema });
    try {
      await storage.documents.createPlan({
        id: 'p1',
        title: 'Plan',
        initialState: new Uint8Array([0, 0]),
      });
      proxy.down = true;
      proxy.cutAll();
      await expect(storage.documents.getPlan('p1')).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/check that PostgreSQL is running and reachable/),
      });
      proxy.down = false;
      expect((await storage.documents.getPlan('p1'))?.title).toBe('Plan');
    } finally {
      await storage.close();
      await proxy.close();
      await dropSchema(schema);
    }
  });
});

/** A TCP relay to PostgreSQL that a test can cut, standing in for a lost network. */
async function tcpProxy(host: string, port: number) {
  const open = new Set<net.Socket>();
  const proxy = {
    down: false,
    port: 0,
    cutAll: () => {
      for (const socket of open) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = net.createServer((client) => {
    if (proxy.down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(port, host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.port = typeof address === 'object' && address ? address.port : 0;
  return proxy;
}
