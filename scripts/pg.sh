# shellcheck shell=bash
# Shared by scripts/dev and scripts/test: a private PostgreSQL cluster on loopback, built from the
# machine's PostgreSQL server binaries. Source it, then call `pg_up NAME PORT [fsync]`; it exports
# PG_URL_BASE (postgres://user:password@127.0.0.1:PORT) and PG_STARTED=1 when it started the server.
# As root it runs the server as the unprivileged user `dsr-pg`, because initdb refuses root.

PG_USER_NAME=dsr-pg

pg_find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && PG_BIN="$dir"
  done
  if [ -z "${PG_BIN:-}" ] && command -v initdb >/dev/null 2>&1; then
    PG_BIN=$(dirname "$(command -v initdb)")
  fi
  if [ -z "${PG_BIN:-}" ]; then
    echo "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PATH)." >&2
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing them: apt-get install postgresql-15" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2 || return 1
      pg_find_bin
      return
    fi
    echo "Install them (as root): apt-get install postgresql-15" >&2
    return 1
  fi
}

# Runs a command as the cluster's owner: ourselves, or dsr-pg when we are root.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$PG_USER_NAME" -- "$@"
  else
    "$@"
  fi
}

pg_ensure_owner() {
  [ "$(id -u)" -eq 0 ] || return 0
  if ! id "$PG_USER_NAME" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER_NAME"
  fi
}

# dsr_server_dir NAME: the folder of a private server: .dsr/NAME, or, as root when the server user
# cannot reach the checkout (e.g. one under /root), a folder under /var/lib/dsr-desk.
dsr_server_dir() {
  local root="$PROJECT_DIR/.dsr"
  mkdir -p "$root"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u "$PG_USER_NAME" -- test -x "$root"; then
    echo "/var/lib/dsr-desk/$(printf '%s' "$PROJECT_DIR" | sha256sum | cut -c1-12)-$1"
  else
    echo "$root/$1"
  fi
}

# pg_up NAME PORT [fsync on|off]
# pg_stat_statements is loaded so that tests can count the statements a page runs (and people can
# see what is slow); it keeps 50,000 entries, because every test database has its own and an
# entry evicted under a full parallel run would make a count come out short.
pg_up() {
  local name=$1 port=$2 fsync=${3:-on}
  pg_find_bin || return 1
  pg_ensure_owner
  local root="$PROJECT_DIR/.dsr"
  local base
  base=$(dsr_server_dir "$name")
  local data="$base/data" sock="$base/run" log="$base/server.log" pwfile="$root/$name.password"
  mkdir -p "$base/run"
  [ "$(id -u)" -eq 0 ] && chown -R "$PG_USER_NAME" "$base" && chmod 700 "$base"
  if [ ! -s "$pwfile" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pwfile")
  fi
  local password
  password=$(cat "$pwfile")
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "Creating a private PostgreSQL cluster in $data" >&2
    local tmp_pw
    tmp_pw=$(mktemp)
    printf '%s\n' "$password" > "$tmp_pw"
    [ "$(id -u)" -eq 0 ] && chown "$PG_USER_NAME" "$tmp_pw"
    pg_as_owner "$PG_BIN/initdb" -D "$data" -U dsr --pwfile="$tmp_pw" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 || {
      rm -f "$tmp_pw"; cat "$base/initdb.log" >&2; return 1; }
    rm -f "$tmp_pw"
  fi
  PG_STARTED=0
  if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=$fsync -c max_connections=300 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.max=50000" >/dev/null || {
      tail -n 20 "$log" >&2; return 1; }
    PG_STARTED=1
  fi
  PG_DATA=$data
  PG_URL_BASE="postgres://dsr:$password@127.0.0.1:$port"
  export PG_URL_BASE PG_STARTED PG_DATA PG_BIN
}

pg_down() {
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_ensure_db URL_BASE DBNAME: creates the database if missing.
pg_ensure_db() {
  local base=$1 db=$2
  local exists
  exists=$(psql_url "$base/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")
  [ "$exists" = 1 ] || psql_url "$base/postgres" -qc "CREATE DATABASE \"$db\"" >/dev/null
}

psql_url() {
  local url=$1; shift
  "${PG_BIN:-/usr/bin}/psql" "$url" -v ON_ERROR_STOP=1 "$@"
}

# pg_restart: a fast restart (`pg_ctl restart -m fast`: open sessions are ended, as in a failover
# or a minor upgrade) of the cluster pg_up found, with the options and log file it started it with.
pg_restart() {
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$(dirname "$PG_DATA")/server.log" -m fast -w -t 60 \
    restart >/dev/null
}
