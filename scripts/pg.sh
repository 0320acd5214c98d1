# shellcheck shell=bash
# A private PostgreSQL server for ./grainmarket: find or install the server binaries, initdb a data folder,
# start it on 127.0.0.1 at a free port, wait until it is ready, create the database, and stop it again.
# Sourced after scripts/common.sh. When run as root, the server runs as the unprivileged `postgres` user.
#
# Typical use:  pg_private_start persistent "$GM_STATE_DIR/pg" GRAINMARKET_DB   ...   pg_stop
# after which PG_CONN holds the Npgsql connection string.
#
# Every connection authenticates with a password (scram-sha-256, local socket and TCP alike). Two roles:
#   postgres     the superuser; only these scripts use it (creating the role and the database). Its password is in
#                BASE/superuser-password.
#   grainmarket  the application's role: LOGIN, CREATEDB (the chaos run and tests make databases of their own),
#                NOSUPERUSER, NOCREATEROLE; owns the database grainmarket. Its password is in BASE/app-password and
#                goes into PG_CONN.
# Both files are mode 600, made once from /dev/urandom and kept with the data, so a persistent server keeps them.

PG_DB_USER=grainmarket
PG_DB_NAME=grainmarket
PG_SUPERUSER=postgres
PG_DB_PASSWORD=""
PG_SUPERUSER_PASSWORD=""
# 1 while a data folder made before password authentication (trust, grainmarket the superuser) awaits pg_migrate_roles.
PG_LEGACY=0

PG_BIN=""
PG_MAJOR=""
PG_OS_USER=""
PG_BASE=""
PG_DATA=""
PG_SOCK=""
PG_LOG=""
PG_PORT=""
# shellcheck disable=SC2034 # read by the scripts that source this file
PG_CONN=""
PG_STARTED=0
# Set to 0 for a throwaway server whose speed matters more than crash safety (tests); benchmarks keep 1.
PG_DURABLE=${PG_DURABLE:-1}

# pg_find_bin [PREFERRED_MAJOR] — sets PG_BIN and PG_MAJOR to a directory holding initdb, pg_ctl and postgres.
pg_find_bin() {
    local preferred=${1:-} dir
    local -a candidates=()
    [[ -n $preferred ]] && candidates+=("/usr/lib/postgresql/$preferred/bin")
    if command -v pg_config >/dev/null 2>&1; then
        candidates+=("$(pg_config --bindir 2>/dev/null || true)")
    fi
    while IFS= read -r dir; do
        candidates+=("$dir")
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -t/ -k5,5 -V -r)
    if command -v initdb >/dev/null 2>&1; then
        candidates+=("$(dirname "$(command -v initdb)")")
    fi
    for dir in "${candidates[@]}"; do
        if [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]]; then
            PG_BIN=$dir
            PG_MAJOR=$("$dir/postgres" --version | sed -nE 's/.*\) ([0-9]+).*/\1/p')
            return 0
        fi
    done
    return 1
}

# pg_ensure_installed VARNAME [PREFERRED_MAJOR] — finds the server binaries, installing Debian's package when
# possible; VARNAME names the variable that would let the user bring their own server instead.
pg_ensure_installed() {
    local var=$1 preferred=${2:-}
    pg_find_bin "$preferred" && return 0
    if is_root && command -v apt-get >/dev/null 2>&1; then
        say "PostgreSQL server binaries not found; installing package postgresql with apt-get…"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q </dev/null || die "apt-get update failed: install package postgresql by hand or set $var"
        # Install postgresql-common first and switch off its default cluster, so that the package does not
        # start a system-wide server of its own on port 5432.
        apt-get install -y -q postgresql-common </dev/null ||
            die "apt-get install postgresql-common failed: install package postgresql by hand or set $var"
        if [[ -f /etc/postgresql-common/createcluster.conf ]]; then
            sed -ri 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' \
                /etc/postgresql-common/createcluster.conf
        fi
        apt-get install -y -q postgresql </dev/null ||
            die "apt-get install postgresql failed: install package postgresql by hand or set $var"
        pg_find_bin "$preferred" && return 0
    fi
    die "PostgreSQL server binaries not found: install package postgresql or set $var"
}

# As root the server must not run as root (postgres refuses to), so every server-side command runs as `postgres`.
pg_choose_os_user() {
    PG_OS_USER=""
    is_root || return 0
    if ! id -u postgres >/dev/null 2>&1; then
        say "creating the system user postgres to run the private server…"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh postgres ||
            die "could not create the system user postgres: create it, or set GRAINMARKET_DB"
    fi
    PG_OS_USER=postgres
}

# pg_as CMD... — runs CMD as the server's OS user, from / so that an unreadable working directory does no harm.
pg_as() {
    if [[ -z $PG_OS_USER ]]; then
        (cd / && "$@")
    elif command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
        (cd / && su "$PG_OS_USER" -s /bin/sh -c "$(printf '%q ' "$@")")
    fi
}

pg_give() {
    [[ -n $PG_OS_USER ]] && chown -R "$PG_OS_USER:" "$@"
    return 0
}

# pg_setup BASE MODE — lays out BASE/{data,run,log} and runs initdb once. MODE is persistent or throwaway.
pg_setup() {
    PG_BASE=$1
    local mode=$2
    PG_DATA=$PG_BASE/data
    PG_SOCK=$PG_BASE/run
    PG_LOG=$PG_BASE/log/postgres.log
    mkdir -p "$PG_BASE" "$PG_SOCK" "$PG_BASE/log"
    # mktemp -d makes a folder only its creator may enter.
    [[ $mode == throwaway && -n $PG_OS_USER ]] && chown "$PG_OS_USER:" "$PG_BASE"
    pg_give "$PG_SOCK" "$PG_BASE/log"
    if ! pg_as test -w "$PG_SOCK"; then
        die "the user $PG_OS_USER cannot reach $PG_BASE (a parent directory is not searchable for it): make the parents searchable (chmod o+x), move the repository, or set GRAINMARKET_DB"
    fi
    if [[ -f $PG_DATA/PG_VERSION ]]; then
        pg_give "$PG_DATA"
        # Made by an earlier ./grainmarket that trusted every local connection: migrated once the server runs.
        grep -Eq '^[^#]*[[:space:]]trust([[:space:]]|$)' "$PG_DATA/pg_hba.conf" && PG_LEGACY=1
        pg_load_passwords
        return 0
    fi
    if [[ -d $PG_DATA ]] && [[ -n $(ls -A "$PG_DATA") ]]; then
        die "$PG_DATA exists but holds no PostgreSQL cluster: move it away or delete it, then run again"
    fi
    mkdir -p "$PG_DATA"
    chmod 700 "$PG_DATA"
    pg_give "$PG_DATA"
    say "initialising a PostgreSQL $PG_MAJOR data folder in $(pg_display "$PG_DATA")…"
    rm -f "$PG_BASE/superuser-password" "$PG_BASE/app-password"
    pg_load_passwords
    local -a nosync=()
    [[ $mode == throwaway ]] && nosync=(--no-sync)
    if ! pg_as "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_SUPERUSER" --pwfile="$PG_BASE/superuser-password" -E UTF8 --locale=C \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 "${nosync[@]}" >"$PG_BASE/log/initdb.log" 2>&1; then
        cat "$PG_BASE/log/initdb.log" >&2
        rm -rf "$PG_DATA"
        die "initdb failed (output above); fix the cause and run again"
    fi
    printf "\ninclude_if_exists = 'grainmarket.conf'\n" >>"$PG_DATA/postgresql.conf"
}

# pg_secret FILE — prints the password kept in FILE (mode 600), making it first from /dev/urandom. Letters and digits
# only, so that it needs no quoting in SQL or in a connection string.
pg_secret() {
    local file=$1
    if [[ ! -s $file ]]; then
        (umask 077 && head -c 24 /dev/urandom | base64 -w0 | tr -d '/+=' >"$file")
    fi
    cat "$file"
}

# Reads (or makes) both passwords. initdb, running as the server's OS user, reads the superuser's from its file.
pg_load_passwords() {
    PG_SUPERUSER_PASSWORD=$(pg_secret "$PG_BASE/superuser-password")
    PG_DB_PASSWORD=$(pg_secret "$PG_BASE/app-password")
    pg_give "$PG_BASE/superuser-password" "$PG_BASE/app-password"
}

# Password authentication for every connection; PG_LEGACY keeps the old trust until pg_migrate_roles is done.
pg_write_hba() {
    local method=scram-sha-256
    ((PG_LEGACY == 1)) && method=trust
    {
        printf '# written by ./grainmarket at every start: a password (scram-sha-256) for every connection\n'
        printf '# TYPE  DATABASE     USER  ADDRESS       METHOD\n'
        printf 'local   all          all                 %s\n' "$method"
        printf 'host    all          all   127.0.0.1/32  %s\n' "$method"
        printf 'local   replication  all                 %s\n' "$method"
        printf 'host    replication  all   127.0.0.1/32  %s\n' "$method"
    } >"$PG_DATA/pg_hba.conf"
    pg_give "$PG_DATA/pg_hba.conf"
    chmod 600 "$PG_DATA/pg_hba.conf"
}

pg_display() {
    local path=$1
    if [[ $path == "$GM_ROOT"/* ]]; then
        printf '%s' "${path#"$GM_ROOT"/}"
    else
        printf '%s' "$path"
    fi
}

# The settings that change from run to run live in their own file, included by postgresql.conf.
pg_write_conf() {
    local mode=$1 sockdirs=$PG_SOCK
    # A Unix socket path is limited to 107 bytes; clients here use TCP anyway.
    ((${#PG_SOCK} + 20 > 107)) && sockdirs=""
    {
        printf '# written by ./grainmarket at every start\n'
        printf "listen_addresses = '127.0.0.1'\n"
        printf 'port = %s\n' "$PG_PORT"
        printf "unix_socket_directories = '%s'\n" "$sockdirs"
        printf 'max_connections = 300\n'
        printf "password_encryption = 'scram-sha-256'\n"
        if [[ $mode == throwaway && $PG_DURABLE == 0 ]]; then
            # The test server is deleted after the run: crash safety buys nothing there.
            printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
        fi
    } >"$PG_DATA/grainmarket.conf"
    pg_give "$PG_DATA/grainmarket.conf"
    pg_write_hba
}

# A backend gives freed heap back to the kernel (brk) as soon as 128 kB lie free at its top, and on a virtual machine
# every such shrink flushes the TLB of each CPU. Grain states are JSON documents of up to tens of kB, so a backend
# writing them shrinks its heap after nearly every statement: measured on 2 cores, that was 9% of all CPU in the
# checkout benchmark, whose grain side gained 55% (367 → 569 orders/s) when backends keep up to 4 MB.
PG_MALLOC_TUNABLES=glibc.malloc.trim_threshold=4194304:glibc.malloc.mmap_threshold=4194304

pg_is_running() {
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# pg_start MODE — starts the server on a free port (the remembered one when it is still free) and waits for it.
pg_start() {
    local mode=$1 port_file=$PG_BASE/port offset
    if pg_is_running; then
        PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
        PG_STARTED=1
        warn "PostgreSQL was still running on $(pg_display "$PG_DATA") (port $PG_PORT), left over from an earlier run; using it and stopping it on exit"
        pg_wait_ready 30
        return 0
    fi
    local -a setsid_cmd=()
    # Its own session keeps the server out of the terminal's Ctrl-C, so the silo stops before the database.
    command -v setsid >/dev/null 2>&1 && setsid_cmd=(setsid -w)
    for _ in 1 2 3; do
        PG_PORT=""
        if [[ -f $port_file ]]; then
            PG_PORT=$(<"$port_file")
            if ! is_uint "$PG_PORT" || port_in_use "$PG_PORT"; then
                PG_PORT=""
            fi
        fi
        if [[ -z $PG_PORT ]]; then
            if [[ $mode == persistent ]]; then
                PG_PORT=$(free_port 5433 500) || die "no free TCP port found on 127.0.0.1 from 5433 on"
            else
                PG_PORT=$(free_port) || die "no free TCP port found on 127.0.0.1"
            fi
        fi
        printf '%s\n' "$PG_PORT" >"$port_file"
        pg_write_conf "$mode"
        say "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$PG_PORT (data: $(pg_display "$PG_BASE"))…"
        offset=0
        [[ -f $PG_LOG ]] && offset=$(stat -c %s "$PG_LOG")
        if pg_as "${setsid_cmd[@]}" env "GLIBC_TUNABLES=$PG_MALLOC_TUNABLES" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s start </dev/null; then
            PG_STARTED=1
            pg_wait_ready 30
            return 0
        fi
        if pg_is_running; then
            # pg_ctl gave up waiting but the server came up late: stop it rather than leak it.
            PG_STARTED=1
            pg_stop
        fi
        if tail -c +"$((offset + 1))" "$PG_LOG" 2>/dev/null | grep -q -E 'could not bind|Address already in use'; then
            warn "port $PG_PORT was taken meanwhile; trying another"
            rm -f "$port_file"
            continue
        fi
        tail -c +"$((offset + 1))" "$PG_LOG" 2>/dev/null | tail -n 20 >&2 || true
        die "PostgreSQL did not start (log above; full log: $(pg_display "$PG_LOG"))"
    done
    die "PostgreSQL could not get a free port after 3 attempts; run again"
}

# pg_wait_ready SECONDS — waits until the server accepts connections.
pg_wait_ready() {
    local timeout=$1 deadline isready=$PG_BIN/pg_isready
    [[ -x $isready ]] || isready=pg_isready
    deadline=$((SECONDS + timeout))
    until "$isready" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres; do
        ((SECONDS < deadline)) || die "PostgreSQL on 127.0.0.1:$PG_PORT was not ready within ${timeout}s (log: $(pg_display "$PG_LOG"))"
        sleep 0.3
    done
}

# pg_psql ARGS... — psql as the superuser over TCP. SQL goes in on stdin, so that no password shows in a process list.
pg_psql() {
    local psql=$PG_BIN/psql
    [[ -x $psql ]] || psql=psql
    PGPASSWORD=$PG_SUPERUSER_PASSWORD "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" "$@"
}

# pg_psql_as USER ARGS... — psql as USER; for pg_migrate_roles, while the server still trusts every connection.
pg_psql_as() {
    local user=$1 psql=$PG_BIN/psql
    shift
    [[ -x $psql ]] || psql=psql
    "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$user" "$@"
}

# SQL that hands every database but the system's, and every schema, relation and routine in them that the superuser
# owns, to the application's role. Run in each such database.
pg_reassign_sql() {
    local owner=$1
    printf '%s\n' 'DO $$' 'DECLARE r record; BEGIN' \
        "  FOR r IN SELECT nspname FROM pg_namespace WHERE nspowner = 10 AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP" \
        "    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r.nspname, '$owner');" \
        '  END LOOP;' \
        "  FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace" \
        "    WHERE c.relowner = 10 AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')" \
        "      AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))) LOOP" \
        "    EXECUTE format('ALTER TABLE %s OWNER TO %I', r.rel, '$owner');" \
        '  END LOOP;' \
        "  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace" \
        "    WHERE p.proowner = 10 AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' LOOP" \
        "    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.fn, '$owner');" \
        '  END LOOP;' \
        'END $$;'
}

# pg_migrate_roles — a data folder from before password authentication: initdb -U grainmarket --auth=trust made the
# application's role the bootstrap superuser. That role becomes `postgres` (renamed, so the system's objects keep their
# owner), a new non-superuser `grainmarket` gets the databases and what is in them, both roles get their passwords, and
# pg_hba.conf switches to scram-sha-256. Safe to run again after an interruption: each step checks first.
pg_migrate_roles() {
    say "moving $(pg_display "$PG_DATA") to password authentication: superuser $PG_SUPERUSER, application role $PG_DB_USER without superuser…"
    if [[ $(pg_psql_as "$PG_DB_USER" -d postgres -tAc "SELECT rolname FROM pg_roles WHERE oid = 10" 2>/dev/null || true) == "$PG_DB_USER" ]]; then
        pg_psql_as "$PG_DB_USER" -d postgres -c "CREATE ROLE gm_migration SUPERUSER LOGIN" >/dev/null
        pg_psql_as gm_migration -d postgres -c "ALTER ROLE \"$PG_DB_USER\" RENAME TO \"$PG_SUPERUSER\"" >/dev/null
    fi
    pg_psql_as "$PG_SUPERUSER" -d postgres <<SQL
DROP ROLE IF EXISTS gm_migration;
ALTER ROLE "$PG_SUPERUSER" PASSWORD '$PG_SUPERUSER_PASSWORD';
SQL
    pg_app_role_sql | pg_psql_as "$PG_SUPERUSER" -d postgres
    local db
    while IFS= read -r db; do
        pg_psql_as "$PG_SUPERUSER" -d postgres -c "ALTER DATABASE \"$db\" OWNER TO \"$PG_DB_USER\"" >/dev/null
        pg_reassign_sql "$PG_DB_USER" | pg_psql_as "$PG_SUPERUSER" -d "$db" >/dev/null
    done < <(pg_psql_as "$PG_SUPERUSER" -d postgres -tAc "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1') ORDER BY datname")
    PG_LEGACY=0
    pg_write_hba
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" reload -s </dev/null
    # A reload is asynchronous: wait until a connection without the password is refused.
    local deadline=$((SECONDS + 30))
    while PGPASSWORD="" pg_psql_as "$PG_DB_USER" -w -d postgres -c "SELECT 1" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "PostgreSQL still accepts connections without a password after reloading pg_hba.conf (log: $(pg_display "$PG_LOG"))"
        sleep 0.2
    done
}

# SQL that makes the application's role unless it exists and (again) sets its attributes and password.
pg_app_role_sql() {
    cat <<SQL
SELECT format('CREATE ROLE %I', '$PG_DB_USER') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_DB_USER')
\\gexec
ALTER ROLE "$PG_DB_USER" LOGIN NOSUPERUSER NOCREATEROLE CREATEDB NOREPLICATION NOBYPASSRLS PASSWORD '$PG_DB_PASSWORD';
SQL
}

# pg_create_db NAME — makes the application's role (or puts back its attributes and password) and the database it owns.
pg_create_db() {
    local name=$1
    pg_app_role_sql | pg_psql -d postgres
    if [[ $(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'") != 1 ]]; then
        say "creating database $name…"
        pg_psql -d postgres -c "CREATE DATABASE \"$name\" OWNER \"$PG_DB_USER\"" >/dev/null
    fi
    # shellcheck disable=SC2034
    PG_CONN="Host=127.0.0.1;Port=$PG_PORT;Database=$name;Username=$PG_DB_USER;Password=$PG_DB_PASSWORD"
}

# pg_stop — stops the server this script started (fast mode: open sessions are cut, data is kept). Idempotent.
pg_stop() {
    ((PG_STARTED == 1)) || return 0
    PG_STARTED=0
    say "stopping PostgreSQL (127.0.0.1:$PG_PORT)…"
    if pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast -w -t 60 -s </dev/null && ! pg_is_running; then
        return 0
    fi
    pg_is_running || return 0
    warn "PostgreSQL did not stop in fast mode; stopping it in immediate mode"
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m immediate -w -t 30 -s </dev/null || true
    if pg_is_running; then
        local pid
        pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
        if is_uint "$pid"; then
            warn "killing PostgreSQL (pid $pid)"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

# pg_private_start MODE BASE VARNAME — MODE persistent keeps data in BASE across runs; throwaway expects a fresh
# BASE that the caller deletes afterwards. Leaves the connection string in PG_CONN.
pg_private_start() {
    local mode=$1 base=$2 var=$3 existing=""
    [[ -f $base/data/PG_VERSION ]] && existing=$(<"$base/data/PG_VERSION")
    pg_ensure_installed "$var" "$existing"
    if [[ -n $existing && $existing != "$PG_MAJOR" ]]; then
        die "$(pg_display "$base/data") was created by PostgreSQL $existing, but only PostgreSQL $PG_MAJOR is installed: install PostgreSQL $existing, or delete $(pg_display "$base") to start with an empty database"
    fi
    pg_choose_os_user
    pg_setup "$base" "$mode"
    pg_start "$mode"
    ((PG_LEGACY == 1)) && pg_migrate_roles
    pg_create_db "$PG_DB_NAME"
}

# pg_throwaway_dir — prints a fresh temporary folder the server's OS user can use.
pg_throwaway_dir() {
    local dir
    if is_root; then
        # TMPDIR may point below /root, which postgres cannot enter.
        dir=$(mktemp -d /tmp/grainmarket-pg.XXXXXX)
    else
        dir=$(mktemp -d "${TMPDIR:-/tmp}/grainmarket-pg.XXXXXX")
    fi
    printf '%s\n' "$dir"
}
