# syntax=docker/dockerfile:1
# Revisionsuppföljning as a container, for those who run containers instead of App Service's Node runtime.
#
#   docker build -t revisionsuppfoljning .
#   docker run --rm -p 3978:3978 --env-file .env revisionsuppfoljning
#   docker run --rm --env-file .env revisionsuppfoljning node dist/src/cli/main.js report --format md
#
# The container is for running with credentials (MicrosoftAppId, ALLOWED_TENANT_IDS, TABLES_CONNECTION_STRING, ...):
# with NODE_ENV=production the bot refuses to start without them, and the image holds no storage emulator. To try the
# bot without Azure, use `npm start` instead.

# --- Build: all dependencies, TypeScript compiled to dist/ (with the card templates it imports) ---
FROM node:20-slim AS build
WORKDIR /app
# Install scripts are skipped: the build needs none (dtrace-provider, an optional part of restify, would only try
# to compile a native module; esbuild, which bundles the tab's page, finds its binary without its install script).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY cards ./cards
COPY web ./web
COPY scripts/tab ./scripts/tab
RUN npm run build

# --- Runtime: production dependencies and the compiled code only; no TypeScript, tsx or Azurite ---
FROM node:20-slim

ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app

# Dependencies in their own layer, so that a change to the sources does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/dist ./dist

# The image's own user, not root.
USER node

EXPOSE 3978

# /healthz answers 200 only while storage answers. Node has fetch built in; the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node itself is PID 1 (no npm, no second process), so SIGTERM from `docker stop` reaches the app, which finishes the
# turn in flight and shuts down in order.
CMD ["node", "dist/src/server/main.js"]
