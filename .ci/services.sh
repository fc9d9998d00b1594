# shellcheck shell=bash
# Helpers for .ci/run: throw-away PostgreSQL and Redis servers on loopback.
#
# Everything lives in one temporary directory, $WFP_CI_TMP/wfp-ci.XXXXXX (default /tmp), that
# records the pid of the run that owns it. A later run removes such directories whose owner is
# gone, after stopping any server still running from them (a run killed with SIGKILL).

section() { printf '\n======== %s ========\n' "$*"; }
info() { printf -- '--- %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

CI_TMP_ROOT=${WFP_CI_TMP:-/tmp}
CI_TMP=""
PGBIN=""
PG_DIR=""
PGDATA=""
PG_PORT=""
PG_USER="wfp_ci"
PG_DB="wfp_ci"
PG_PASSWORD=""
REDIS_DIR=""
REDIS_PORT=""
REDIS_PID=""
PG_PORT_RANGE=(25432 25531)
REDIS_PORT_RANGE=(26379 26478)

is_root() { [[ $(id -u) == 0 ]]; }

# ---- temporary directory --------------------------------------------------------------------

services_make_tmp() {
    CI_TMP=$(mktemp -d "$CI_TMP_ROOT/wfp-ci.XXXXXX")
    echo "$$" >"$CI_TMP/owner.pid"
    chmod 755 "$CI_TMP" # the postgres user has to reach its data directory below it
    info "temporary directory $CI_TMP"
}

services_cleanup() {
    if [[ -n $CI_TMP && -d $CI_TMP ]]; then
        rm -rf "$CI_TMP"
        info "removed $CI_TMP"
    fi
}

# pid_is PID NAME: the process PID is alive and its command name starts with NAME.
pid_is() {
    [[ $1 =~ ^[0-9]+$ ]] && [[ -r /proc/$1/comm ]] && [[ $(cat "/proc/$1/comm" 2>/dev/null) == "$2"* ]]
}

# stop_pid PID NAME SIGNAL: send SIGNAL, wait up to 20 s, then SIGKILL.
stop_pid() {
    local pid=$1 name=$2 sig=$3 i
    pid_is "$pid" "$name" || return 0
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        pid_is "$pid" "$name" || return 0
        sleep 0.2
    done
    warn "$name (pid $pid) did not stop on SIG$sig: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
}

# Directories left by earlier runs whose owner is gone: stop their servers, remove them.
services_cleanup_stale() {
    local dir owner pid
    for dir in "$CI_TMP_ROOT"/wfp-ci.*; do
        [[ -d $dir ]] || continue
        owner=$(cat "$dir/owner.pid" 2>/dev/null || true)
        if [[ -n $owner ]] && [[ -r /proc/$owner/cmdline ]] && tr '\0' ' ' <"/proc/$owner/cmdline" | grep -q 'ci/run'; then
            info "leaving $dir alone: its run (pid $owner) is still going"
            continue
        fi
        if [[ -z $owner ]] && [[ -z $(find "$dir" -maxdepth 0 -mmin +10) ]]; then
            continue # just created by a run that has not written its pid yet
        fi
        info "removing stale $dir from an earlier run"
        pid=$(head -n 1 "$dir/pg/data/postmaster.pid" 2>/dev/null || true)
        stop_pid "$pid" postgres INT # fast shutdown
        pid=$(cat "$dir/redis/redis.pid" 2>/dev/null || true)
        stop_pid "$pid" redis-server TERM
        rm -rf "$dir"
    done
}

# ---- packages -------------------------------------------------------------------------------

# apt (and unattended upgrades, or an install started in the background) hold fcntl locks on
# these files; wait for them instead of failing.
wait_for_apt_locks() {
    local waited=0
    while ! python3 - /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock \
        /var/cache/apt/archives/lock <<'PY'; do
import fcntl, os, sys
for path in sys.argv[1:]:
    if not os.path.exists(path):
        continue
    with open(path, "a") as f:
        try:
            fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            sys.exit(1)
        fcntl.lockf(f, fcntl.LOCK_UN)
PY
        ((waited % 30 == 0)) && info "waiting for another apt/dpkg to finish (${waited}s)"
        ((waited < 1200)) || die "apt/dpkg stayed locked for 20 minutes"
        sleep 5
        waited=$((waited + 5))
    done
}

apt_install() {
    is_root || die "cannot install $* without root: install them first"
    local log="$CI_TMP/apt.log" made_policy=""
    wait_for_apt_locks
    info "apt-get update"
    apt-get -qq -o DPkg::Lock::Timeout=1200 update >>"$log" 2>&1 ||
        { tail -n 30 "$log"; die "apt-get update failed"; }
    # Do not let the packages start their own default servers (5432, 6379) on this machine.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    info "apt-get install $*"
    if ! apt-get -qq -y -o DPkg::Lock::Timeout=1200 -o Dpkg::Use-Pty=0 install --no-install-recommends "$@" \
        >>"$log" 2>&1; then
        [[ -z $made_policy ]] || rm -f /usr/sbin/policy-rc.d
        tail -n 40 "$log"
        die "apt-get install $* failed"
    fi
    [[ -z $made_policy ]] || rm -f /usr/sbin/policy-rc.d
}

find_pgbin() {
    local dir
    PGBIN=""
    # Debian's own binaries, highest major version; not whatever initdb/pg_ctl is on PATH.
    # shellcheck disable=SC2012 # paths like /usr/lib/postgresql/15/bin
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
        if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres && -x $dir/psql && -x $dir/pg_isready ]]; then
            PGBIN=$dir
        fi
    done
    [[ -n $PGBIN ]]
}

find_redis() { [[ -x /usr/bin/redis-server && -x /usr/bin/redis-cli ]]; }

services_install() {
    local pkgs=()
    find_pgbin || pkgs+=(postgresql)
    find_redis || pkgs+=(redis-server)
    if ((${#pkgs[@]})); then
        apt_install "${pkgs[@]}"
        find_pgbin || die "no PostgreSQL binaries under /usr/lib/postgresql/*/bin after installing postgresql"
        find_redis || die "no /usr/bin/redis-server after installing redis-server"
    else
        info "PostgreSQL and Redis are already installed"
    fi
    info "PostgreSQL: $("$PGBIN/postgres" --version) ($PGBIN)"
    info "Redis: $(/usr/bin/redis-server --version)"
}

# ---- ports ----------------------------------------------------------------------------------

# pick_port LOW HIGH: a port in [LOW, HIGH] that can be bound on 127.0.0.1 now, trying them from a
# random one on (two runs at once are unlikely to collide; a start that loses a race retries).
pick_port() {
    python3 - "$1" "$2" <<'PY'
import random, socket, sys
low, high = int(sys.argv[1]), int(sys.argv[2])
ports = list(range(low, high + 1))
start = random.randrange(len(ports))
for port in ports[start:] + ports[:start]:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    sys.exit(0)
sys.exit(1)
PY
}

# ---- PostgreSQL -----------------------------------------------------------------------------

# as_pg CMD...: run as the postgres user when root (PostgreSQL refuses to run as root).
as_pg() {
    if is_root; then
        (cd "$PG_DIR" && runuser -u postgres -- "$@")
    else
        (cd "$PG_DIR" && "$@")
    fi
}

pg_server_pid() { head -n 1 "$PGDATA/postmaster.pid" 2>/dev/null || true; }

services_start_postgres() {
    local attempt
    PG_DIR="$CI_TMP/pg"
    PGDATA="$PG_DIR/data"
    mkdir -p "$PG_DIR"
    chmod 700 "$PG_DIR"
    if is_root; then
        id postgres >/dev/null 2>&1 || die "there is no postgres user (it comes with the postgresql package)"
        chown postgres: "$PG_DIR"
    fi
    PG_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')

    info "initdb $PGDATA"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --no-locale --auth-local=trust \
        --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 ||
        { cat "$PG_DIR/initdb.log"; die "initdb failed"; }
    # Loopback TCP only; the socket goes into our private directory. fsync off: throw-away data.
    cat >>"$PGDATA/postgresql.conf" <<EOF

# --- wfplatform CI ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
log_connections = on
max_connections = 100
EOF

    for attempt in 1 2 3 4 5; do
        PG_PORT=$(pick_port "${PG_PORT_RANGE[@]}") || die "no free port for PostgreSQL in ${PG_PORT_RANGE[*]}"
        info "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        rm -f "$PG_DIR/server.log"
        if as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PG_DIR/server.log" -o "-p $PG_PORT" -w -t 60 start \
            >"$PG_DIR/pg_ctl.log" 2>&1; then
            break
        fi
        if grep -q 'could not bind\|Address already in use' "$PG_DIR/server.log" 2>/dev/null && ((attempt < 5)); then
            warn "port $PG_PORT was taken meanwhile; trying another"
            continue
        fi
        cat "$PG_DIR/pg_ctl.log"
        tail -n 30 "$PG_DIR/server.log" 2>/dev/null || true
        die "PostgreSQL did not start"
    done

    local i
    for ((i = 0; i < 60; i++)); do
        "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
        sleep 1
    done
    "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" || die "PostgreSQL is not accepting connections on 127.0.0.1:$PG_PORT"

    # The test role needs CREATEDB: pytest-django creates (and drops) test_$PG_DB.
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres \
        -v user="$PG_USER" -v db="$PG_DB" -v password="$PG_PASSWORD" <<'SQL'
CREATE ROLE :"user" LOGIN CREATEDB PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"user";
SQL
    # Log in the way the tests will: TCP, password.
    local version
    version=$(PGPASSWORD=$PG_PASSWORD "$PGBIN/psql" -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" \
        -U "$PG_USER" -d "$PG_DB" -c 'SELECT version()') || die "cannot log in to PostgreSQL as $PG_USER"
    info "PostgreSQL up (pid $(pg_server_pid)): $version"
    info "role $PG_USER (LOGIN CREATEDB, password), database $PG_DB"
}

# ---- Redis ----------------------------------------------------------------------------------

services_start_redis() {
    local attempt i
    REDIS_DIR="$CI_TMP/redis"
    mkdir -p "$REDIS_DIR"
    for attempt in 1 2 3 4 5; do
        REDIS_PORT=$(pick_port "${REDIS_PORT_RANGE[@]}") || die "no free port for Redis in ${REDIS_PORT_RANGE[*]}"
        info "starting Redis on 127.0.0.1:$REDIS_PORT"
        rm -f "$REDIS_DIR/redis.log"
        # In the background (not --daemonize): we know its pid for certain.
        /usr/bin/redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
            --daemonize no --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" \
            --logfile "$REDIS_DIR/redis.log" >/dev/null 2>&1 &
        REDIS_PID=$!
        for ((i = 0; i < 100; i++)); do
            kill -0 "$REDIS_PID" 2>/dev/null || break
            [[ $(/usr/bin/redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]] && break
            sleep 0.2
        done
        if kill -0 "$REDIS_PID" 2>/dev/null; then
            break
        fi
        wait "$REDIS_PID" 2>/dev/null || true
        REDIS_PID=""
        if grep -q 'Address already in use' "$REDIS_DIR/redis.log" 2>/dev/null && ((attempt < 5)); then
            warn "port $REDIS_PORT was taken meanwhile; trying another"
            continue
        fi
        tail -n 30 "$REDIS_DIR/redis.log" 2>/dev/null || true
        die "Redis did not start"
    done
    [[ $(/usr/bin/redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]] ||
        die "Redis is not answering on 127.0.0.1:$REDIS_PORT"
    # Make sure the server answering is ours.
    local served_pid version
    served_pid=$(/usr/bin/redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info server | tr -d '\r' |
        sed -n 's/^process_id://p')
    [[ $served_pid == "$REDIS_PID" ]] || die "the Redis on port $REDIS_PORT is pid $served_pid, not ours ($REDIS_PID)"
    version=$(/usr/bin/redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info server | tr -d '\r' |
        sed -n 's/^redis_version://p')
    info "Redis up (pid $REDIS_PID): version $version"
}

# ---- checks ---------------------------------------------------------------------------------

# The test settings, with DATABASE_URL/REDIS_URL exported, really point at our servers.
services_check_settings() {
    WFP_CI_PG_PORT=$PG_PORT WFP_CI_REDIS_PORT=$REDIS_PORT DJANGO_SETTINGS_MODULE=wfplatform.settings_test \
        .venv/bin/python - <<'PY'
import os
import sys

import django

django.setup()
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django_q.brokers import get_broker

problems = []
connection.ensure_connection()
with connection.cursor() as cursor:
    cursor.execute("SELECT version(), current_database(), current_user")
    version, database, user = cursor.fetchone()
db = settings.DATABASES["default"]
print(f"django.db.connection.vendor = {connection.vendor}")
print(f"database: {version.split(',')[0]}; {user}@{db['HOST']}:{db['PORT']}/{database}")
if connection.vendor != "postgresql":
    problems.append(f"database vendor is {connection.vendor}, not postgresql")
if str(db.get("PORT")) != os.environ["WFP_CI_PG_PORT"]:
    problems.append(f"database port is {db.get('PORT')}, not {os.environ['WFP_CI_PG_PORT']}")
connection.close()

backend = settings.CACHES["default"]["BACKEND"]
print(f"cache: {backend} at {settings.CACHES['default'].get('LOCATION')}")
if backend != "django.core.cache.backends.redis.RedisCache":
    problems.append(f"cache backend is {backend}")
cache.set("wfp-ci-probe", "ok", 30)
if cache.get("wfp-ci-probe") != "ok":
    problems.append("a value set in the cache did not come back")
cache.delete("wfp-ci-probe")

broker = get_broker()
print(f"job broker: {type(broker).__module__}.{type(broker).__name__} ({settings.Q_CLUSTER.get('redis')})")
if "redis" not in settings.Q_CLUSTER or not broker.ping():
    problems.append("the django-q broker is not Redis")
print(f"channel layer: {settings.CHANNEL_LAYERS['default']['BACKEND']}")
if f":{os.environ['WFP_CI_REDIS_PORT']}/" not in str(settings.Q_CLUSTER.get("redis")):
    problems.append("the Redis URL in the settings is not our server's")

for problem in problems:
    print(f"ERROR: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
}

# redis_counters: "CONNECTIONS COMMANDS" so far (one INFO call; it counts its own connection,
# not its own command).
redis_counters() {
    /usr/bin/redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info stats | tr -d '\r' |
        awk -F: '$1 == "total_connections_received" {c = $2} $1 == "total_commands_processed" {m = $2}
                 END {print c, m}'
}

# Before the run: a baseline of the Redis counters, so the report counts the suite's use only.
services_mark_usage() {
    read -r REDIS_CONNECTIONS_BEFORE REDIS_COMMANDS_BEFORE < <(redis_counters)
}

# After the run: evidence that the suite used the servers.
services_report_usage() {
    local connections redis_connections redis_commands
    connections=$(grep -c "connection authorized: user=$PG_USER database=test_$PG_DB" "$PG_DIR/server.log" || true)
    info "PostgreSQL: $connections connection(s) of $PG_USER to the test database test_$PG_DB during the run"
    read -r redis_connections redis_commands < <(redis_counters)
    # Less this INFO call's connection, and the baseline INFO command.
    redis_connections=$((redis_connections - REDIS_CONNECTIONS_BEFORE - 1))
    redis_commands=$((redis_commands - REDIS_COMMANDS_BEFORE - 1))
    info "Redis: $redis_connections connection(s), $redis_commands command(s) during the run"
    if ((connections == 0)); then
        warn "the suite never connected to test_$PG_DB"
    fi
    if ((redis_commands <= 0)); then
        warn "the suite never used Redis"
    fi
}

# ---- teardown -------------------------------------------------------------------------------

services_stop() {
    local pid
    if [[ -n $REDIS_PID ]]; then
        if kill -0 "$REDIS_PID" 2>/dev/null; then
            /usr/bin/redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
            stop_pid "$REDIS_PID" redis-server TERM
            wait "$REDIS_PID" 2>/dev/null || true
            info "Redis stopped"
        fi
        REDIS_PID=""
    fi
    if [[ -n $PGDATA && -f $PGDATA/postmaster.pid ]]; then
        pid=$(pg_server_pid)
        if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
            as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        fi
        stop_pid "$pid" postgres QUIT
        info "PostgreSQL stopped"
    fi
}
