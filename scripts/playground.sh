#!/usr/bin/env bash
# `npm run playground`: the bot, the demo data and the Microsoft 365 Agents Playground in one command.
#
# 1. Starts the bot (`npm start`) in local mode on 127.0.0.1:3978 with the embedded Azurite in ./.data, unless a
#    bot already answers on that port (then it is reused and left running).
# 2. Imports demo/demo-audits.yaml for the Playground's tenant (importing twice changes nothing).
# 3. Runs the Playground in the foreground on http://127.0.0.1:56150/; when it exits (Ctrl+C), the bot this script
#    started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

BOT_PORT=3978
PLAYGROUND_PORT=56150
MESSAGES_URL="http://127.0.0.1:${BOT_PORT}/api/messages"
# The tenant the Playground puts on every activity (PLAYGROUND_TENANT_ID in src/server/config.ts).
PLAYGROUND_TENANT=00000000-0000-0000-0000-0000000000001
PLAYGROUND_BIN=node_modules/.bin/agentsplayground
BOT_LOG=.data/playground-bot.log
# `npm start` compiles src/ to dist/ first (prestart), which takes a while on a slow machine.
START_TIMEOUT_S=180

bot_pid=''
notice_pid=''

# Exit status 0 when something answers HTTP at the URL (any status code: the bot answers an empty POST with 4xx).
answers() {
  node -e '
    fetch(process.argv[1], { method: process.argv[2], body: process.argv[2] === "POST" ? "{}" : undefined,
      headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(2000) })
      .then(() => process.exit(0), () => process.exit(1));
  ' "$1" "${2:-GET}"
}

stop_bot() {
  [ -n "$bot_pid" ] || return 0
  local pid=$bot_pid
  bot_pid=''
  if kill -0 "$pid" 2>/dev/null; then
    echo "Stoppar boten …"
    # SIGINT to the bot's own process group, like Ctrl+C after `npm start`: Azurite saves its data only on SIGINT.
    kill -INT -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
}
cleanup() {
  [ -z "$notice_pid" ] || kill "$notice_pid" 2>/dev/null || true
  stop_bot
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -x "$PLAYGROUND_BIN" ]; then
  echo "Agents Playground saknas ($PLAYGROUND_BIN). Kör \"npm install\" först." >&2
  exit 1
fi
if answers "http://127.0.0.1:${PLAYGROUND_PORT}/"; then
  echo "Port ${PLAYGROUND_PORT} är upptagen (kör Agents Playground redan?). Stoppa den och försök igen." >&2
  exit 1
fi

if answers "$MESSAGES_URL" POST; then
  echo "Boten kör redan på $MESSAGES_URL; den används och lämnas igång."
else
  mkdir -p .data
  echo "Startar boten (lokalt läge, data i ./.data, logg i $BOT_LOG) …"
  # Blank values count as unset and win over .env: local mode, default ports, embedded Azurite in ./.data, any
  # tenant. The import below runs with the same settings, so it finds the bot's Azurite.
  export PORT='' AZURITE_PORT='' DATA_DIR='' TABLES_CONNECTION_STRING='' ALLOWED_TENANT_IDS='' NODE_ENV=''
  export MicrosoftAppId='' MicrosoftAppPassword='' MicrosoftAppTenantId='' MicrosoftAppType=''
  # Job control on for this one command: the bot gets its own process group (and SIGINT is not ignored in it).
  set -m
  npm start >"$BOT_LOG" 2>&1 &
  bot_pid=$!
  set +m
  waited=0
  until answers "$MESSAGES_URL" POST; do
    if ! kill -0 "$bot_pid" 2>/dev/null; then
      bot_pid=''
      echo "Boten kunde inte starta. Slutet av $BOT_LOG:" >&2
      tail -n 20 "$BOT_LOG" >&2
      exit 1
    fi
    if [ "$waited" -ge "$START_TIMEOUT_S" ]; then
      echo "Boten svarade inte på $MESSAGES_URL inom ${START_TIMEOUT_S} s. Se $BOT_LOG." >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "Boten svarar på $MESSAGES_URL."
fi

echo "Importerar demo/demo-audits.yaml för Playgroundens klient ($PLAYGROUND_TENANT) …"
if ! imported=$(npm run -s cli -- import demo/demo-audits.yaml --tenant "$PLAYGROUND_TENANT" 2>&1); then
  echo "$imported" >&2
  exit 1
fi
# One line per audit; the per-action lines are in `npm run cli -- import demo/demo-audits.yaml`.
grep -v '^  ' <<<"$imported" || true

# Say where to go once the page answers (the Playground itself only prints "Listening on …").
(
  for _ in $(seq 1 60); do
    if answers "http://127.0.0.1:${PLAYGROUND_PORT}/"; then
      echo
      echo "Öppna http://127.0.0.1:${PLAYGROUND_PORT}/ i webbläsaren och skriv: mina åtgärder"
      echo "(Ctrl+C stoppar Playground$([ -n "$bot_pid" ] && echo ' och boten').)"
      echo
      exit 0
    fi
    sleep 0.5
  done
) &
notice_pid=$!

TEAMSAPPTESTER_BROWSER=none "$PLAYGROUND_BIN" -e "$MESSAGES_URL" -c msteams -p "$PLAYGROUND_PORT" \
  --disable-telemetry || status=$?
exit "${status:-0}"
