# syntax=docker/dockerfile:1

# Stage one installs every dependency (building better-sqlite3's native addon from source when no
# prebuilt binary fits), bundles the TypeScript into dist/ with esbuild, then drops the development
# dependencies. Both stages use the same Debian base, so the addon runs on the C library it was
# built against.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci && npm cache clean --force
COPY scripts ./scripts
COPY src ./src
COPY adapters ./adapters
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# tini is PID 1: it hands SIGTERM to node and reaps zombies. Node, not being PID 1, then stops on
# SIGTERM like anywhere else, and runs the shutdown handlers the app installs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    REBOUND_DB=/data/rebound.db \
    PORT=3000
WORKDIR /app
# Code and dependencies stay owned by root: the app can read them, not change them.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts ./scripts
COPY package.json package-lock.json ./
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# No curl in the slim image: node's own fetch asks the app's health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm start` runs after its build step (node dist/main.js), with node itself getting signals.
CMD ["node", "dist/main.js"]
