# Plenary in one container: the Fastify server, which also serves the built web app.
FROM node:20-bookworm-slim

# better-sqlite3 compiles its native binding from source when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Manifests first, so the dependency layer is rebuilt only when they change. Every workspace
# in pnpm-workspace.yaml must be listed, or the frozen-lockfile install refuses to run
# (`npm run lint` checks that).
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
# The patched dependencies (pnpm-workspace.yaml patchedDependencies) are applied at install.
COPY patches patches/
COPY packages/model/package.json packages/model/
COPY packages/editor/package.json packages/editor/
COPY packages/suggestions/package.json packages/suggestions/
COPY packages/versions/package.json packages/versions/
COPY packages/relay/package.json packages/relay/
COPY packages/storage/package.json packages/storage/
COPY packages/report/package.json packages/report/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npx --yes pnpm@12.4.2 install --frozen-lockfile

COPY . .
# The web app, and the server compiled to JavaScript (apps/server/build.mjs).
RUN npx --yes pnpm@12.4.2 --filter @plenary/web --filter @plenary/server build

# A fresh named volume takes this folder's owner, so the server need not run as root.
RUN mkdir /data && chown node:node /data
USER node

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
VOLUME /data
EXPOSE 8080

# The compiled server, as `npm start` runs it: no TypeScript loader at run time, the Node
# options of apps/server/nodeFlags.mjs (apps/server/test/nodeFlags.test.ts checks). A lost
# facilitator link: `docker compose exec plenary-1 node apps/server/dist/facilitator-link.js <planId>`
# (`plenary` for the embedded profile).
CMD ["node", "--max-semi-space-size=8", "apps/server/dist/server.js"]
