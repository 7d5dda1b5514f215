# syntax=docker/dockerfile:1

# Rebound runs its TypeScript through tsx, a production dependency, so there is no compile step:
# the first stage only installs the production dependencies, building better-sqlite3's native
# addon from source when no prebuilt binary fits. Both stages use the same Debian base, so the
# addon is built against the C library it runs on.
FROM node:20-bookworm-slim AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

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
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# No curl in the slim image: node's own fetch asks the app's health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm start` runs (tsx src/main.ts), with node itself as the process that gets signals.
CMD ["node", "--import", "tsx", "src/main.ts"]
