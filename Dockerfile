# syntax=docker/dockerfile:1
#
# Two images from one build:
#   docker build -t runway .                          the web server: Next's standalone output only (default target)
#   docker build -t runway-worker --target worker .   `npm run worker`, `npm run db:migrate` and `npm run cli`
# Both run as the unprivileged "node" user and need DATABASE_URL (no embedded database in a container).
# See docs/operations.md and deploy/kubernetes/.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install` honours the lockfile as CI does (`npm ci` is stricter than this project's lockfile allows).
RUN npm install --no-audit --no-fund && npm cache clean --force

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build && npx tsx scripts/prepare-standalone.ts

# Workers and migrations run the TypeScript sources with tsx, as CI does.
FROM ${NODE_IMAGE} AS worker
# git (and ssh for git@ remotes) for the GitOps backend.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git openssh-client ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/db ./db
COPY --from=build /app/lib ./lib
COPY --from=build /app/scripts ./scripts
USER node
# `npm run worker` without the npm and tsx launchers, under which SIGTERM does not reach the
# worker's own shutdown: run directly, it finishes or hands back its jobs, then exits.
CMD ["node", "--import", "tsx", "--conditions=react-server", "scripts/worker.ts"]

FROM ${NODE_IMAGE} AS web
RUN apt-get update \
 && apt-get install -y --no-install-recommends git openssh-client ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# HOSTNAME: the address the standalone server binds to (Kubernetes sets it to the pod name unless told otherwise).
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build /app/.next/standalone ./
# The only place the server writes (its cache); everything else stays root-owned and read-only to it.
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
