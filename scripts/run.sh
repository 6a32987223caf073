#!/usr/bin/env bash
# Starts the action server, the Rasa server and the web widget's server,
# waits until they answer, prints where to chat, and stops them on Ctrl-C.
# With --shell, chats in the terminal instead of serving HTTP; with
# --telegram-polling, also long-polls Telegram (no public URL needed).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
HOST=${HEARTWISE_HOST:-127.0.0.1}
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
# The tests point this at their own SQLite file and action server port.
ENDPOINTS=${HEARTWISE_ENDPOINTS:-endpoints.yml}
# Chat messages are small: Sanic refuses bigger request bodies (413).
SANIC_REQUEST_MAX_SIZE=${SANIC_REQUEST_MAX_SIZE:-$("$BIN/python" -c 'from deploy.processes import REQUEST_MAX_SIZE; print(REQUEST_MAX_SIZE)')}
export SANIC_REQUEST_MAX_SIZE
# One TensorFlow thread for the server (why: SERVING_THREADS in deploy/processes.py).
eval "$("$BIN/python" -c 'from deploy.processes import SERVING_THREADS as t; print(" ".join(f"export {k}=${{{k}:-{v}}}" for k, v in t.items()))')"
# Conversations, logs and the database hold what people tell no one else.
umask 077
mkdir -p var/log
chmod 700 var var/log

if [[ "${1:-}" == "--telegram-polling" && -z "${TELEGRAM_TOKEN:-}" ]]; then
  echo "Set TELEGRAM_TOKEN and TELEGRAM_BOT_NAME first (see \"Telegram\" in the README)." >&2
  exit 2
fi
if [[ "${1:-}" == "--telegram-polling" ]]; then
  unset TELEGRAM_WEBHOOK_URL  # polling and a webhook exclude each other
  # The poller hands updates to Rasa's webhook, which takes none without a
  # secret; one for this run, unless one is set.
  if [[ -z "${TELEGRAM_SECRET:-}" ]]; then
    TELEGRAM_SECRET=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))')
    export TELEGRAM_SECRET
  fi
fi

if [[ -n "${TELEGRAM_TOKEN:-}" && -z "${TELEGRAM_SECRET:-}" ]]; then
  echo "TELEGRAM_TOKEN is set but TELEGRAM_SECRET is not: without it anyone could post" >&2
  echo "updates to the webhook. Set one (16 to 256 letters, digits, '_' or '-'), e.g." >&2
  echo "  export TELEGRAM_SECRET=\$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')" >&2
  exit 2
fi

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() {  # url, name, seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      echo "$2 did not start within $3 s; see var/log/." >&2
      exit 1
    fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "$2 exited; see var/log/." >&2; exit 1; }
    done
    sleep 1
  done
}

"$BIN/rasa" run actions --actions actions --port "$ACTIONS_PORT" >var/log/actions.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ACTIONS_PORT/health" "The action server" 120

if [[ "${1:-}" == "--shell" ]]; then
  "$BIN/rasa" shell --model models/heartwise.tar.gz --endpoints "$ENDPOINTS" \
    --interface 127.0.0.1 --port "$RASA_PORT"
  exit 0
fi

# The HTTP API always needs a token: RASA_AUTH_TOKEN if set, else one made
# up once and kept in var/api-token (mode 600). heartwise/__main__.py hands it
# to Rasa inside the process, so it never shows in `ps`.
if [[ -z "${RASA_AUTH_TOKEN:-}" ]]; then
  [[ -s var/api-token ]] || "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))' >var/api-token
  export HEARTWISE_AUTH_TOKEN_FILE=var/api-token
fi

"$BIN/python" -m heartwise run --model models/heartwise.tar.gz --endpoints "$ENDPOINTS" \
  --credentials credentials.yml --enable-api --interface "$HOST" --port "$RASA_PORT" \
  >var/log/rasa.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$RASA_PORT/" "The Rasa server" 300

# The widget's page, with /socket.io/ passed through to Rasa (nginx's job in production).
"$BIN/python" web/serve.py --host "$HOST" --port "$WEB_PORT" \
  --rasa "http://127.0.0.1:$RASA_PORT" >var/log/web.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$WEB_PORT/" "The web server" 30

cat <<MSG

Heartwise is ready.
  Chat in your browser: http://localhost:$WEB_PORT
  REST:      curl -s localhost:$RASA_PORT/webhooks/rest/webhook -H 'Content-Type: application/json' -d '{"sender":"me","message":"hi"}'
  Logs:      var/log/rasa.log, var/log/actions.log, var/log/web.log
MSG
if [[ -n "${HEARTWISE_AUTH_TOKEN_FILE:-}" ]]; then
  echo "  HTTP API:  curl -s \"localhost:$RASA_PORT/conversations/me/tracker?token=\$(cat var/api-token)\""
else
  echo "  HTTP API:  with the token in RASA_AUTH_TOKEN (?token=...)"
fi
if [[ "${1:-}" == "--telegram-polling" ]]; then
  echo "  Telegram:  polling as @${TELEGRAM_BOT_NAME:-?}; write to your bot in the Telegram app"
  "$BIN/python" -m channels.telegram_polling --rasa "http://127.0.0.1:$RASA_PORT" \
    >var/log/telegram.log 2>&1 &
  pids+=($!)
elif [[ -n "${TELEGRAM_TOKEN:-}" ]]; then
  echo "  Telegram:  webhook ${TELEGRAM_WEBHOOK_URL:-(TELEGRAM_WEBHOOK_URL not set!)}"
else
  echo "  Telegram:  off (set TELEGRAM_TOKEN to turn it on)"
fi
echo "Press Ctrl-C to stop."
wait -n "${pids[@]}"
