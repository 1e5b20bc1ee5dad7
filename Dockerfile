# syntax=docker/dockerfile:1
# Revisionsuppföljning as a container, for those who run containers instead of App Service's Node runtime.
#
#   docker build -t revisionsuppfoljning .
#   docker run --rm -p 3978:3978 --env-file .env revisionsuppfoljning
#
# The container is for running with credentials (MicrosoftAppId, ALLOWED_TENANT_IDS, TABLES_CONNECTION_STRING, ...):
# in local mode the bot listens on 127.0.0.1 only, which is unreachable from outside the container. To try the bot
# without Azure, use `npm start` instead.
FROM node:20-slim

ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app

# Dependencies first, in their own layer, so that a change to the sources does not reinstall them. The app runs its
# TypeScript sources with tsx, which is a runtime dependency, so dev dependencies stay out. Install scripts are
# skipped: none is needed at runtime (esbuild finds its platform binary without its postinstall step, and
# dtrace-provider, an optional part of restify, would only try to compile a native module).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src
COPY cards ./cards

# The image's own user, not root. .data is where the embedded emulator would keep data if no
# TABLES_CONNECTION_STRING is given; it must be writable by that user.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node

EXPOSE 3978

# /healthz answers 200 only while storage answers. Node has fetch built in; the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node itself is PID 1 with tsx loaded in it (no npm, no second process), so SIGTERM from `docker stop` reaches the
# app, which finishes the turn in flight and shuts down in order.
CMD ["node", "--import", "tsx", "--disable-warning=DEP0111", "src/server/main.ts"]
