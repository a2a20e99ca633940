#!/usr/bin/env bash
# Portal scaled out on one machine's loopback, on the engines it runs on in production: PostgreSQL (data, job claiming),
# Redis (live events), nginx (the balancer, sticky by cookie for Blazor circuits), two web instances without a job
# worker and two job workers (src/Portal.Worker), on one database and one shared storage folder.
#
#   bash tools/cluster.sh up       publishes the web app and the worker (Release) under DIR/app, starts whatever is not
#                                  running, waits until each web instance answers /healthz, then prints one line each:
#                                    balancer http://127.0.0.1:8080/
#                                    web1 http://127.0.0.1:8101/
#                                    web2 http://127.0.0.1:8102/
#                                    postgres Host=127.0.0.1;Port=55442;Username=portal;Password=portal;Database=portal
#                                    redis 127.0.0.1:56389
#   bash tools/cluster.sh down     stops what `up` started (the processes of DIR's pid files); the data stays in DIR
#   bash tools/cluster.sh status   one line per process, running or stopped; exit 0 when all run, 1 otherwise
#   bash tools/cluster.sh stop NAME...   stops some of them (web1, web2, worker1, ..., balancer); `up` starts them again
#
# Environment (read by `up`; `down` and `status` use what `up` saved in DIR/cluster.env):
#   PORTAL_CLUSTER_DIR            the cluster's folder: engines' data, published app, logs, pid files [.cluster/]
#   PORTAL_CLUSTER_BALANCER_PORT  nginx [8080]
#   PORTAL_CLUSTER_WEB1_PORT      the first web instance [8101]
#   PORTAL_CLUSTER_WEB2_PORT      the second web instance [8102]
#   PORTAL_CLUSTER_PG_PORT        PostgreSQL [55442]
#   PORTAL_CLUSTER_REDIS_PORT     Redis [56389]
#   PORTAL_CLUSTER_WORKERS        how many job workers `up` runs [2]
#   PORTAL_CLUSTER_SEED_DEMO      web1 seeds the demo competition into an empty database: true|false [true]
#   PORTAL_CLUSTER_BUILD          publish before starting: 1, or 0 to run DIR/app as it is [1]
# Any Portal setting passes to every process as its environment variable (Section__Key), e.g.
#   Jobs__Lease=00:00:10 Inference__Provider=Cpu bash tools/cluster.sh up
# and these get cluster defaults when unset: Portal__AdminEmail [host@portal.local], Portal__AdminPassword
# [Cluster-Host-1] (the host account made on an empty database). What each process must have of its own (its URL, data
# directory, Jobs:RunWorker) the script sets.
#
# Layout of DIR: postgres/ and redis/ (tools/engines.sh), nginx/ (generated nginx.conf, its logs and temp files),
# app/web and app/worker (published), files/ (storage, shared by all), web1/ web2/ worker1/ worker2/ (each process's own
# data directory: scratch files, sandboxed runs, caches), logs/NAME.log, run/NAME.pid.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=tools/engines.sh
. "$root/tools/engines.sh"

dir="$(mkdir -p "${PORTAL_CLUSTER_DIR:-$root/.cluster}" && cd "${PORTAL_CLUSTER_DIR:-$root/.cluster}" && pwd)"
webs=(web1 web2)
workers=()

say() { echo "$*" >&2; }
# progress MESSAGE : a step of `up`, with the seconds since it began.
progress() { say "[$SECONDS s] $*"; }

# The settings `up` decided, kept so that `down` and `status` see the same ports without the environment.
save_settings() {
  cat >"$dir/cluster.env" <<EOF
balancer_port=$balancer_port
web1_port=$web1_port
web2_port=$web2_port
pg_port=$pg_port
redis_port=$redis_port
worker_count=$worker_count
EOF
}

load_settings() {
  balancer_port="${PORTAL_CLUSTER_BALANCER_PORT:-8080}"
  web1_port="${PORTAL_CLUSTER_WEB1_PORT:-8101}"
  web2_port="${PORTAL_CLUSTER_WEB2_PORT:-8102}"
  pg_port="${PORTAL_CLUSTER_PG_PORT:-55442}"
  redis_port="${PORTAL_CLUSTER_REDIS_PORT:-56389}"
  worker_count="${PORTAL_CLUSTER_WORKERS:-2}"
  if [ "${1:-}" = saved ] && [ -f "$dir/cluster.env" ]; then
    # shellcheck disable=SC1091
    . "$dir/cluster.env"
  fi
  local n
  workers=()
  for n in $(seq 1 "$worker_count"); do workers+=("worker$n"); done
}

web_port() { if [ "$1" = web1 ]; then echo "$web1_port"; else echo "$web2_port"; fi; }

# running NAME : the pid of NAME's process when it is alive and is the one `up` started (not a reused pid).
running() {
  local pidfile="$dir/run/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir/" || return 1
  echo "$pid"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The largest HTTP body the app accepts (a model submission: MaxModelBytes x MaxModelsPerSubmission, plus the training
# run that may come with it, TrainingRuns:MaxUploadBytes, plus the form's 1 MiB; UploadLimits), from appsettings.json or
# its environment override, in MiB for nginx's client_max_body_size.
max_body_mib() {
  local settings="$root/appsettings.json"
  local model_bytes models csv_bytes run_bytes
  model_bytes="${Inference__MaxModelBytes:-$(grep -o '"MaxModelBytes": *[0-9]*' "$settings" | grep -o '[0-9]*$')}"
  models="${Inference__MaxModelsPerSubmission:-$(grep -o '"MaxModelsPerSubmission": *[0-9]*' "$settings" | grep -o '[0-9]*$')}"
  csv_bytes="${Portal__MaxCsvBytes:-$(grep -o '"MaxCsvBytes": *[0-9]*' "$settings" | grep -o '[0-9]*$')}"
  run_bytes="${TrainingRuns__MaxUploadBytes:-$(grep -o '"MaxUploadBytes": *[0-9]*' "$settings" | grep -o '[0-9]*$')}"
  local largest=$((model_bytes * models > csv_bytes ? model_bytes * models : csv_bytes))
  echo $(((largest + ${run_bytes:-0} + 1048576) / 1048576 + 1))
}

write_nginx_conf() {
  local conf="$dir/nginx"
  mkdir -p "$conf/tmp"
  local user_line=""
  if [ "$(id -u)" -eq 0 ]; then
    # The master runs as root; its workers as nobody, who must own the temp folders.
    user_line="user nobody $(id -gn nobody);"
    chown -R nobody "$conf/tmp"
  fi
  cat >"$conf/nginx.conf" <<EOF
# Generated by tools/cluster.sh; rewritten by each \`up\`.
$user_line
worker_processes auto;
pid $conf/nginx.pid;
error_log $conf/error.log warn;

events {
  worker_connections 4096;
}

http {
  log_format portal '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent \$request_time upstream=\$upstream_addr';
  access_log $conf/access.log portal buffer=64k flush=1s;
  client_body_temp_path $conf/tmp/body;
  proxy_temp_path $conf/tmp/proxy;
  fastcgi_temp_path $conf/tmp/fastcgi;
  uwsgi_temp_path $conf/tmp/uwsgi;
  scgi_temp_path $conf/tmp/scgi;

  # The largest upload the app accepts (UploadLimits: models x files per submission), streamed to the app as it comes.
  client_max_body_size $(max_body_mib)m;
  proxy_request_buffering off;

  # WebSockets for Blazor's circuits; an empty Connection otherwise, so upstream connections are kept alive.
  map \$http_upgrade \$connection_upgrade {
    default upgrade;
    '' '';
  }

  # Sticky sessions without nginx Plus: a browser's first page sets the cookie portal_node to a random value, and the
  # upstream is chosen by a consistent hash of it, so a Blazor circuit's page, negotiate and WebSocket requests reach
  # the same instance. A request without the cookie (the API's clients) is hashed by its own random id: spread.
  map \$cookie_portal_node \$portal_node {
    '' \$request_id;
    default \$cookie_portal_node;
  }
  map \$cookie_portal_node \$portal_node_cookie {
    '' "portal_node=\$request_id; Path=/; HttpOnly; SameSite=Lax";
    default '';
  }

  upstream portal_web {
    hash \$portal_node consistent;
    # A refused connection takes an instance out for 10 s; its requests go to the other (proxy_next_upstream).
    server 127.0.0.1:$web1_port max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$web2_port max_fails=1 fail_timeout=10s;
    keepalive 64;
  }

  server {
    listen 127.0.0.1:$balancer_port;

    proxy_http_version 1.1;
    proxy_set_header Upgrade \$http_upgrade;
    proxy_set_header Connection \$connection_upgrade;
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto \$scheme;
    # A circuit's WebSocket stays open as long as its page; an upload or a scoring request may take a while.
    proxy_read_timeout 1h;
    proxy_send_timeout 1h;
    proxy_connect_timeout 2s;
    # A dead instance: the request goes to the other one. A POST is only retried when it never reached the app
    # (nginx's rule for non-idempotent requests), so an accepted submission is never sent twice.
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 2;
    proxy_buffering off;

    location / {
      proxy_pass http://portal_web;
      add_header Set-Cookie \$portal_node_cookie always;
    }

    # The API sets no affinity cookie: its clients, even those that keep cookies, are spread request by request.
    location /api/ {
      proxy_pass http://portal_web;
    }
  }
}
EOF
}

publish() {
  if [ "${PORTAL_CLUSTER_BUILD:-1}" = 0 ]; then
    [ -f "$dir/app/web/Portal.Web.dll" ] && [ -f "$dir/app/worker/Portal.Worker.dll" ] \
      || { say "PORTAL_CLUSTER_BUILD=0 but $dir/app holds no published app"; return 1; }
    return 0
  fi
  local name
  for name in "${webs[@]}" "${workers[@]}"; do
    if running "$name" >/dev/null; then
      say "Not publishing: $name runs from $dir/app (down first to rebuild)."
      return 0
    fi
  done
  progress "publishing the web app and the worker (Release) to $dir/app"
  mkdir -p "$dir/logs"
  local project
  for project in Portal.Web:web Portal.Worker:worker; do
    # Hard links to the build's files where the folders share a file system (seconds, no space: 800 MB each with the
    # GPU runtime's libraries). A later build replaces its files rather than writing into them, so these stay intact.
    dotnet publish "$root/src/${project%%:*}" -c Release -o "$dir/app/${project##*:}" -nologo \
      -p:CreateHardLinksForPublishFilesIfPossible=true \
      >"$dir/logs/publish-${project##*:}.log" 2>&1 \
      || { tail -n 30 "$dir/logs/publish-${project##*:}.log" >&2; return 1; }
  done
}

# start NAME COMMAND... : runs COMMAND in a session of its own (so `down` ends its children too), logs to logs/NAME.log.
start() {
  local name="$1"
  shift
  setsid "$@" >"$dir/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$dir/run/$name.pid"
}

# The settings every Portal process of the cluster shares.
export_common_settings() {
  export Database__Provider=Postgres
  Database__ConnectionString="$(engines_postgres_connection "$pg_port" portal)"
  export Database__ConnectionString
  Events__Redis="$(engines_redis_connection "$redis_port")"
  export Events__Redis
  export Portal__FilesDirectory="$dir/files"
  export Portal__AdminEmail="${Portal__AdminEmail:-host@portal.local}"
  export Portal__AdminPassword="${Portal__AdminPassword:-Cluster-Host-1}"
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
}

start_web() {
  local name="$1" seed="$2"
  local port
  port=$(web_port "$name")
  running "$name" >/dev/null && return 0
  port_free "$port" || { say "Port $port ($name) is taken by another program."; return 1; }
  mkdir -p "$dir/$name"
  # Behind nginx on loopback: X-Forwarded-For/Proto are honoured (only the balancer can reach the instance).
  (
    export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_FORWARDEDHEADERS_ENABLED=true
    export Portal__DataDirectory="$dir/$name" Portal__SeedDemo="$seed" Jobs__RunWorker=false
    start "$name" dotnet "$dir/app/web/Portal.Web.dll"
  )
}

start_worker() {
  local name="$1"
  running "$name" >/dev/null && return 0
  mkdir -p "$dir/$name"
  (
    export Portal__DataDirectory="$dir/$name" Portal__SeedDemo=false
    start "$name" dotnet "$dir/app/worker/Portal.Worker.dll"
  )
}

# wait_for NAME PROBE... : until PROBE succeeds (120 s at most), or NAME's process ends.
wait_for() {
  local name="$1"
  shift
  local tries
  for tries in $(seq 1 600); do
    "$@" && return 0
    if ! running "$name" >/dev/null; then
      say "$name stopped while starting; the end of $dir/logs/$name.log:"
      tail -n 30 "$dir/logs/$name.log" >&2
      return 1
    fi
    sleep 0.2
  done
  say "$name did not become ready within 120 s; see $dir/logs/$name.log"
  return 1
}

healthy() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/healthz"; }
worker_started() { grep -q "Application started" "$dir/logs/$1.log" 2>/dev/null; }

start_balancer() {
  local pid
  if pid=$(running balancer); then
    /usr/sbin/nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" -s reload
    return 0
  fi
  port_free "$balancer_port" || { say "Port $balancer_port (balancer) is taken by another program."; return 1; }
  /usr/sbin/nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" -t -q
  /usr/sbin/nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log"
  local tries
  for tries in $(seq 1 50); do
    [ -s "$dir/nginx/nginx.pid" ] && break
    sleep 0.1
  done
  cp "$dir/nginx/nginx.pid" "$dir/run/balancer.pid"
}

up() {
  local name
  load_settings
  mkdir -p "$dir/run" "$dir/logs" "$dir/files"
  command -v dotnet >/dev/null 2>&1 || { say "The .NET 10 SDK is required (https://dot.net)."; exit 1; }
  engines_install postgresql redis-server nginx curl
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$dir"; then
    say "PostgreSQL runs as the user postgres, who cannot reach $dir: choose a folder whose parents others may enter."
    exit 1
  fi
  save_settings
  publish
  progress "starting PostgreSQL and Redis"
  engines_start_postgres "$dir" "$pg_port"
  engines_start_redis "$dir" "$redis_port"
  export_common_settings
  write_nginx_conf
  # web1 first, alone: it applies the migrations, makes the host account and seeds the demo into an empty database,
  # so that no two processes do either at once. Then the rest together.
  progress "starting web1 (migrations, host account, demo)"
  start_web web1 "${PORTAL_CLUSTER_SEED_DEMO:-true}"
  wait_for web1 healthy "$web1_port"
  progress "starting web2, the workers (${workers[*]}), the balancer"
  start_web web2 false
  for name in "${workers[@]}"; do
    start_worker "$name"
  done
  start_balancer
  wait_for web2 healthy "$web2_port"
  for name in "${workers[@]}"; do
    wait_for "$name" worker_started "$name"
  done
  wait_for balancer healthy "$balancer_port"
  progress "ready"
  say "Host account: $Portal__AdminEmail / $Portal__AdminPassword (made when the database was empty). Logs: $dir/logs"
  echo "balancer http://127.0.0.1:$balancer_port/"
  echo "web1 http://127.0.0.1:$web1_port/"
  echo "web2 http://127.0.0.1:$web2_port/"
  echo "postgres $Database__ConnectionString"
  echo "redis $Events__Redis"
}

# stop NAME : TERM to NAME's process group (its sandboxed runners too), KILL after 15 s.
stop() {
  local name="$1" pid tries
  if pid=$(running "$name"); then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for tries in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$dir/run/$name.pid"
}

# stop_balancer : nginx's graceful quit (open connections finish), KILL after 5 s.
stop_balancer() {
  local pid tries
  if pid=$(running balancer); then
    /usr/sbin/nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" -s quit 2>/dev/null || kill -TERM "$pid"
    for tries in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/run/balancer.pid"
}

down() {
  load_settings saved
  stop_balancer
  local pidfile
  for pidfile in "$dir"/run/*.pid; do
    [ -e "$pidfile" ] || continue
    stop "$(basename "$pidfile" .pid)" &
  done
  wait
  engines_stop_redis "$dir"
  engines_stop_postgres "$dir"
}

status() {
  load_settings saved
  local all=0 pid name
  line() { if [ -n "$2" ]; then echo "$1 running $3 (pid $2)"; else echo "$1 stopped $3"; all=1; fi; }
  pid=$(head -n 1 "$dir/postgres/data/postmaster.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || pid=""
  line postgres "$pid" "$(engines_postgres_connection "$pg_port" portal)"
  pid=$(cat "$dir/redis/redis.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || pid=""
  line redis "$pid" "$(engines_redis_connection "$redis_port")"
  line balancer "$(running balancer || true)" "http://127.0.0.1:$balancer_port/"
  for name in "${webs[@]}"; do
    line "$name" "$(running "$name" || true)" "http://127.0.0.1:$(web_port "$name")/"
  done
  for name in "${workers[@]}"; do
    line "$name" "$(running "$name" || true)" "job worker"
  done
  return $all
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  stop)
    shift
    load_settings saved
    for name in "$@"; do
      if [ "$name" = balancer ]; then stop_balancer; else stop "$name"; fi
    done
    ;;
  *)
    say "usage: bash tools/cluster.sh up|down|status|stop NAME...   (settings: the comment at the top of tools/cluster.sh)"
    exit 2
    ;;
esac
