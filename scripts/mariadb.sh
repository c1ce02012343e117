# shellcheck shell=bash
# A private MariaDB server on loopback for the data-source tests (a shop database of the kind
# dsr-desk collects from), beside the private PostgreSQL of scripts/pg.sh. Source it after pg.sh,
# then call `mariadb_up NAME PORT`; it exports MARIADB_URL_BASE (mysql://dsr:password@127.0.0.1:PORT)
# and MARIADB_STARTED=1 when it started the server. Installed with apt when missing (as root); as
# root the server runs as the unprivileged user of pg.sh.

mariadb_find_bin() {
  if [ -x /usr/sbin/mariadbd ] && command -v mariadb-install-db >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing MariaDB: apt-get install mariadb-server" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >&2 || return 1
    return 0
  fi
  echo "MariaDB not found; install it (as root): apt-get install mariadb-server" >&2
  return 1
}

# mariadb_up NAME PORT
mariadb_up() {
  local name=$1 port=$2
  mariadb_find_bin || return 1
  pg_ensure_owner
  local root="$PROJECT_DIR/.dsr"
  local base
  base=$(dsr_server_dir "$name")
  local data="$base/data" sock="$base/run/mariadb.sock" log="$base/server.log" pwfile="$root/$name.password"
  mkdir -p "$base/run"
  local user
  user=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    user=$PG_USER_NAME
    chown -R "$PG_USER_NAME" "$base" && chmod 700 "$base"
  fi
  if [ ! -s "$pwfile" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pwfile")
  fi
  local password
  password=$(cat "$pwfile")
  if [ ! -d "$data/mysql" ]; then
    echo "Creating a private MariaDB server in $data" >&2
    pg_as_owner mariadb-install-db --no-defaults --datadir="$data" --user="$user" \
      --auth-root-authentication-method=socket --skip-test-db >"$base/install.log" 2>&1 || {
      cat "$base/install.log" >&2; return 1; }
  fi
  MARIADB_STARTED=0
  if ! pg_as_owner mariadb-admin --no-defaults --socket="$sock" -u "$user" ping >/dev/null 2>&1; then
    pg_as_owner /usr/sbin/mariadbd --no-defaults --datadir="$data" --socket="$sock" --port="$port" \
      --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$base/run/mariadb.pid" \
      --log-error="$log" --innodb-flush-log-at-trx-commit=0 --skip-log-bin >/dev/null 2>&1 &
    local i
    for i in $(seq 1 60); do
      pg_as_owner mariadb-admin --no-defaults --socket="$sock" -u "$user" ping >/dev/null 2>&1 && break
      sleep 0.5
    done
    pg_as_owner mariadb-admin --no-defaults --socket="$sock" -u "$user" ping >/dev/null 2>&1 || {
      tail -n 20 "$log" >&2; return 1; }
    MARIADB_STARTED=1
  fi
  # The tests' user: may create and drop their own databases. The server's OS user signs in over
  # the socket (unix_socket authentication, as mariadb-install-db sets it up).
  pg_as_owner mariadb --no-defaults --socket="$sock" -u "$user" -e \
    "CREATE USER IF NOT EXISTS 'dsr'@'127.0.0.1' IDENTIFIED BY '$password';
     ALTER USER 'dsr'@'127.0.0.1' IDENTIFIED BY '$password';
     GRANT ALL PRIVILEGES ON *.* TO 'dsr'@'127.0.0.1';" || return 1
  MARIADB_SOCK=$sock
  MARIADB_OWNER=$user
  MARIADB_URL_BASE="mysql://dsr:$password@127.0.0.1:$port"
  export MARIADB_URL_BASE MARIADB_STARTED MARIADB_SOCK MARIADB_OWNER
}

mariadb_down() {
  pg_as_owner mariadb-admin --no-defaults --socket="$MARIADB_SOCK" -u "$MARIADB_OWNER" shutdown >/dev/null 2>&1 || true
}
