# shellcheck shell=bash
# Shared helpers for ./grainmarket: messages, .NET environment, ports, HTTP probes and child processes.
# Sourced, never executed; expects `set -euo pipefail` and the repository root as the working directory.

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

GM_ROOT=$(pwd -P)
# shellcheck disable=SC2034 # used by the scripts that source this file
GM_STATE_DIR="$GM_ROOT/.grainmarket"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'grainmarket: warning: %s\n' "$*" >&2; }
die() {
    printf 'grainmarket: error: %s\n' "$*" >&2
    exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

is_uint() { [[ ${1:-} =~ ^[0-9]+$ ]]; }

require_dotnet() {
    command -v dotnet >/dev/null 2>&1 ||
        die "the dotnet command was not found: install the .NET 10 SDK and make sure 'dotnet' is on PATH"
}

# Extra build flags: on CI no compiler/MSBuild server may outlive the run.
dotnet_build_flags() {
    if [[ -n ${CI:-} && ${CI:-} != false ]]; then
        printf '%s\n' --disable-build-servers
    fi
}

# dotnet_build LABEL LOGFILE ARGS... — runs `dotnet build ARGS`, shows its output and keeps a copy in LOGFILE.
# On failure it repeats the error lines so they are the last thing on screen, and returns non-zero.
dotnet_build() {
    local label=$1 log=$2
    shift 2
    local -a flags
    mapfile -t flags < <(dotnet_build_flags)
    say "building $label…"
    mkdir -p "$(dirname "$log")"
    local rc=0
    dotnet build "$@" "${flags[@]}" -nologo 2>&1 | tee "$log" || rc=$?
    if ((rc != 0)); then
        printf '\ngrainmarket: error: build of %s failed (exit %d); errors:\n' "$label" "$rc" >&2
        grep -E ': error [A-Z]+[0-9]*|error MSB|error NU|error :' "$log" | sed 's/^ *//' | sort -u >&2 || true
        printf 'grainmarket: fix the errors above and run again (full log: %s)\n' "${log#"$GM_ROOT"/}" >&2
        return "$rc"
    fi
}

# port_in_use PORT — true when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port [START] [COUNT] — prints the first port from START on that nothing listens on (random START if omitted).
free_port() {
    local start=${1:-$((20000 + RANDOM % 20000))} count=${2:-200} p
    for ((p = start; p < start + count && p < 65536; p++)); do
        if ! port_in_use "$p"; then
            printf '%s\n' "$p"
            return 0
        fi
    done
    return 1
}

require_free_http_port() {
    local port=$1 var=$2
    if ! is_uint "$port" || ((port < 1 || port > 65535)); then
        die "$var=$port is not a TCP port number"
    fi
    if port_in_use "$port"; then
        die "port $port on 127.0.0.1 is already in use: stop whatever listens there, or choose another port with $var=<port>"
    fi
}

# http_status URL — prints the HTTP status code of GET URL (000 when nothing answers). URL must be http://127.0.0.1:PORT/PATH.
http_status() {
    local url=$1
    if command -v curl >/dev/null 2>&1; then
        curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$url" 2>/dev/null || true
        return 0
    fi
    local rest=${url#http://} hostport path line
    hostport=${rest%%/*}
    path=/${rest#*/}
    (
        exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}" || exit 0
        printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
        IFS=' ' read -r -t 3 _ line _ <&3 || true
        printf '%s' "${line:-000}"
    ) 2>/dev/null || printf '000'
}

# wait_http_ok URL TIMEOUT_SECONDS PID NAME — waits until URL answers 200; fails early when PID exits.
wait_http_ok() {
    local url=$1 timeout=$2 pid=$3 name=$4 deadline code
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        code=$(http_status "$url")
        [[ $code == 200 ]] && return 0
        if ! alive "$pid"; then
            printf 'grainmarket: error: %s (pid %s) exited before %s answered; see its output above\n' "$name" "$pid" "$url" >&2
            return 1
        fi
        sleep 0.5
    done
    printf 'grainmarket: error: %s did not answer 200 on %s within %ss (last status %s); see its output above\n' \
        "$name" "$url" "$timeout" "${code:-000}" >&2
    return 1
}

# alive PID — true while PID runs (an exited child that was not yet reaped is a zombie and counts as gone).
alive() {
    local stat
    kill -0 "$1" 2>/dev/null || return 1
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

# stop_pid PID NAME [GRACE_SECONDS] — SIGTERM, wait up to GRACE seconds, then SIGKILL; reaps the child.
stop_pid() {
    local pid=$1 name=$2 grace=${3:-30} deadline
    [[ -n $pid ]] || return 0
    if alive "$pid"; then
        say "stopping $name (pid $pid)…"
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + grace))
        while alive "$pid" && ((SECONDS < deadline)); do
            sleep 0.2
        done
        if alive "$pid"; then
            warn "$name (pid $pid) did not stop within ${grace}s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
}
