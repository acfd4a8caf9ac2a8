#!/usr/bin/env bash
# Callflow Asterisk sandbox: a real Asterisk 22 (Debian sid package) running in a
# chroot under .cache/, configured from asterisk-conf/, for `npm start` and the tests.
#
#   bash scripts/asterisk-sandbox.sh install   build the chroot once (root, Debian)
#   bash scripts/asterisk-sandbox.sh start     install if needed, configure, start, wait for ARI
#   bash scripts/asterisk-sandbox.sh stop      stop Asterisk and unmount
#   bash scripts/asterisk-sandbox.sh status    print running / not running (exit 0 / 3)
#   bash scripts/asterisk-sandbox.sh cli 'core show channels'   run an Asterisk CLI command
#
# Credentials: ARI_PASSWORD and SIP_PHONE_PASSWORD from the environment, otherwise
# generated once and kept in .cache/sandbox.env (mode 600) together with ARI_URL and
# ARI_USERNAME; the product and the tests read that file. Passwords are never printed.
#
# Knobs (environment), all optional:
#   SANDBOX_INSTANCE     instance name (default "default"); other names get their own
#                        config/state dirs, pid and log files (ports must differ too)
#   SANDBOX_HTTP_PORT    ARI/HTTP port (default 8088)
#   SANDBOX_SIP_PORT     SIP UDP port (default 5060)
#   SANDBOX_RTP_START / SANDBOX_RTP_END   RTP range (default 10000-10999)
#   SANDBOX_ROOT         chroot directory (default <repo>/.cache/asterisk-root)
#   SANDBOX_START_TIMEOUT seconds to wait for ARI (default 60)
#   DEBIAN_MIRROR        mirror for debootstrap (default http://deb.debian.org/debian)
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONF_SRC="$REPO_DIR/asterisk-conf"
CACHE_DIR="$REPO_DIR/.cache"
ROOT_DIR="${SANDBOX_ROOT:-$CACHE_DIR/asterisk-root}"
SUITE="sid"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
ROOT_PACKAGES="asterisk,asterisk-core-sounds-en-gsm,asterisk-moh-opsound-gsm"
ROOT_MARKER="$ROOT_DIR/.callflow-sandbox-complete"

INSTANCE="${SANDBOX_INSTANCE:-default}"
if [[ ! "$INSTANCE" =~ ^[a-z0-9][a-z0-9-]*$ ]]; then
  echo "asterisk-sandbox: SANDBOX_INSTANCE must match [a-z0-9][a-z0-9-]*" >&2
  exit 1
fi
if [[ "$INSTANCE" == "default" ]]; then SUFFIX=""; else SUFFIX="-$INSTANCE"; fi
HTTP_PORT="${SANDBOX_HTTP_PORT:-8088}"
SIP_PORT="${SANDBOX_SIP_PORT:-5060}"
RTP_START="${SANDBOX_RTP_START:-10000}"
RTP_END="${SANDBOX_RTP_END:-10999}"
START_TIMEOUT="${SANDBOX_START_TIMEOUT:-60}"

# Paths inside the chroot (one set per instance).
ETC_IN="/etc/callflow-asterisk$SUFFIX"
VARLIB_IN="/var/lib/callflow-asterisk$SUFFIX"
SPOOL_IN="/var/spool/callflow-asterisk$SUFFIX"
LOG_IN="/var/log/callflow-asterisk$SUFFIX"
RUN_IN="/run/callflow-asterisk$SUFFIX"
ASTERISK_CONF_IN="$ETC_IN/asterisk.conf"

# Files on the host.
ENV_FILE="$CACHE_DIR/sandbox$SUFFIX.env"
PID_FILE="$CACHE_DIR/asterisk$SUFFIX.pid"
LOG_FILE="$CACHE_DIR/asterisk$SUFFIX.log"
LOCK_FILE="$CACHE_DIR/asterisk-sandbox.lock"

ARI_USERNAME="callflow"
ARI_URL_DEFAULT="http://127.0.0.1:$HTTP_PORT"

die() {
  echo "asterisk-sandbox: $*" >&2
  exit 1
}
log() { echo "asterisk-sandbox: $*" >&2; }

require_root_debian() {
  if [[ "$(id -u)" != "0" || ! -f /etc/debian_version ]]; then
    die "the sandbox needs root on Debian; set ARI_URL to use your own Asterisk"
  fi
}

with_lock() {
  mkdir -p "$CACHE_DIR"
  exec 9>"$LOCK_FILE"
  flock -w 120 9 || die "could not take the lock $LOCK_FILE"
}

# ---------------------------------------------------------------- install ---

host_packages() {
  local missing=()
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v flock >/dev/null 2>&1 || missing+=(util-linux)
  if [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]]; then :; else missing+=(debian-archive-keyring); fi
  if ((${#missing[@]})); then
    log "installing host packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

root_is_complete() {
  [[ -f "$ROOT_MARKER" && "$(cat "$ROOT_MARKER")" == "$ROOT_PACKAGES" && -x "$ROOT_DIR/usr/sbin/asterisk" ]]
}

# Unmount everything below a directory (deepest first). Safe when nothing is mounted.
unmount_below() {
  local dir="$1" mp
  [[ -d "$dir" ]] || return 0
  dir="$(cd "$dir" && pwd -P)"
  # /proc/self/mounts escapes spaces as \040; our paths have none.
  while read -r mp; do
    umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || log "could not unmount $mp"
  done < <(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r)
}

verify_root() {
  # Checked inside the root: some paths there are absolute symlinks (alternatives).
  local r="$1" f
  for f in /usr/sbin/asterisk /usr/share/asterisk/sounds/en/hello-world.gsm; do
    chroot "$r" test -e "$f" || { log "missing in the root: $f"; return 1; }
  done
  compgen -G "$r/usr/share/asterisk/moh/*.gsm" >/dev/null || { log "no MOH files in /usr/share/asterisk/moh"; return 1; }
  find "$r/usr/lib" -path '*asterisk/modules/res_ari.so' | grep -q . || { log "res_ari.so not found"; return 1; }
}

do_install() {
  require_root_debian
  host_packages
  if root_is_complete; then
    return 0
  fi
  local tmp="$ROOT_DIR.partial"
  if [[ -e "$ROOT_DIR" ]]; then
    log "the root at $ROOT_DIR is incomplete or outdated; rebuilding it"
    [[ -z "$(running_pids)" ]] || die "Asterisk is running from the old root; run 'stop' first"
    unmount_below "$ROOT_DIR"
    rm -rf --one-file-system "$ROOT_DIR"
  fi
  if [[ -e "$tmp" ]]; then
    unmount_below "$tmp"
    rm -rf --one-file-system "$tmp"
  fi
  log "building a Debian $SUITE root with Asterisk in $ROOT_DIR (about a minute)"
  local start=$SECONDS
  if ! debootstrap --variant=minbase --include="$ROOT_PACKAGES" "$SUITE" "$tmp" "$MIRROR" \
    >"$CACHE_DIR/debootstrap.log" 2>&1; then
    unmount_below "$tmp"
    tail -n 20 "$CACHE_DIR/debootstrap.log" >&2 || true
    die "debootstrap failed (full log: $CACHE_DIR/debootstrap.log)"
  fi
  # debootstrap can leave its own /proc mount behind on failure paths; make sure.
  unmount_below "$tmp"
  verify_root "$tmp" || die "the built root is missing files (see $CACHE_DIR/debootstrap.log)"
  rm -f "$tmp"/var/cache/apt/archives/*.deb
  echo "$ROOT_PACKAGES" >"$tmp/.callflow-sandbox-complete"
  mv "$tmp" "$ROOT_DIR"
  log "root built in $((SECONDS - start)) s: $(chroot "$ROOT_DIR" /usr/sbin/asterisk -V 2>/dev/null || echo '?')"
}

# ------------------------------------------------------------ credentials ---

random_secret() {
  # 24 alphanumeric characters (no `tr </dev/urandom | head`: SIGPIPE + pipefail).
  local s
  s="$(head -c 48 /dev/urandom | base64 -w0 | LC_ALL=C tr -dc 'A-Za-z0-9')"
  echo "${s:0:24}"
}

# Loads ARI_PASSWORD / SIP_PHONE_PASSWORD: environment first, then the env file,
# else generated; then (re)writes the env file so every later reader sees the same.
load_credentials() {
  local file_ari="" file_sip="" line
  if [[ -f "$ENV_FILE" ]]; then
    while IFS= read -r line; do
      case "$line" in
        ARI_PASSWORD=*) file_ari="${line#ARI_PASSWORD=}" ;;
        SIP_PHONE_PASSWORD=*) file_sip="${line#SIP_PHONE_PASSWORD=}" ;;
      esac
    done <"$ENV_FILE"
  fi
  ARI_PASSWORD="${ARI_PASSWORD:-${file_ari:-$(random_secret)}}"
  SIP_PHONE_PASSWORD="${SIP_PHONE_PASSWORD:-${file_sip:-$(random_secret)}}"
  local name value
  for name in ARI_PASSWORD SIP_PHONE_PASSWORD; do
    value="${!name}"
    # ';' starts a comment in Asterisk config files; whitespace/quotes break them too.
    if [[ ! "$value" =~ ^[A-Za-z0-9._~!%^*()+=,:/?-]+$ ]]; then
      die "$name may only contain letters, digits and ._~!%^*()+=,:/?- (it goes into Asterisk config files)"
    fi
  done
  mkdir -p "$CACHE_DIR"
  local tmp="$ENV_FILE.tmp.$$"
  (
    umask 077
    {
      echo "# Written by scripts/asterisk-sandbox.sh (instance $INSTANCE). Do not commit."
      echo "ARI_URL=$ARI_URL_DEFAULT"
      echo "ARI_USERNAME=$ARI_USERNAME"
      echo "ARI_PASSWORD=$ARI_PASSWORD"
      echo "SIP_PHONE_PASSWORD=$SIP_PHONE_PASSWORD"
      echo "SIP_PORT=$SIP_PORT"
      # Where the API finds Asterisk's stock sounds and their texts (for search, length and preview).
      echo "CALLFLOW_ASTERISK_ROOT=$ROOT_DIR"
      echo "CALLFLOW_ASTERISK_SOUNDS_DIR=$ROOT_DIR/usr/share/asterisk/sounds"
    } >"$tmp"
  )
  mv "$tmp" "$ENV_FILE"
}

# ----------------------------------------------------------------- config ---

fill_template() {
  # fill_template <src> <dst>: replaces @ARI_PASSWORD@ and @SIP_PHONE_PASSWORD@.
  local content
  content="$(cat "$1")"
  content="${content//@ARI_PASSWORD@/"$ARI_PASSWORD"}"
  content="${content//@SIP_PHONE_PASSWORD@/"$SIP_PHONE_PASSWORD"}"
  (umask 077 && printf '%s\n' "$content" >"$2")
}

write_config() {
  local etc="$ROOT_DIR$ETC_IN" moddir datadir f
  # Take module/data dirs from the Debian package's own asterisk.conf.
  moddir="$(awk -F'=>' '/^astmoddir/ { gsub(/[ \t]/, "", $2); print $2 }' "$ROOT_DIR/etc/asterisk/asterisk.conf")"
  datadir="$(awk -F'=>' '/^astdatadir/ { gsub(/[ \t]/, "", $2); print $2 }' "$ROOT_DIR/etc/asterisk/asterisk.conf")"
  [[ -n "$moddir" ]] || moddir="$(cd "$ROOT_DIR" && dirname "/$(find usr/lib -path '*asterisk/modules/res_ari.so' | head -n 1)")"
  [[ -n "$datadir" ]] || datadir="/usr/share/asterisk"

  rm -rf "$etc"
  mkdir -p "$etc" "$ROOT_DIR$VARLIB_IN/keys" "$ROOT_DIR$SPOOL_IN/recording" "$ROOT_DIR$SPOOL_IN/tmp" \
    "$ROOT_DIR$LOG_IN" "$ROOT_DIR$RUN_IN"
  for f in "$CONF_SRC"/*.conf; do
    cp "$f" "$etc/"
  done
  for f in "$CONF_SRC"/*.conf.template; do
    fill_template "$f" "$etc/$(basename "$f" .template)"
  done

  # Per-instance ports (the committed files carry the defaults).
  sed -i -E "s/^bindport = .*/bindport = $HTTP_PORT/" "$etc/http.conf"
  sed -i -E "s/^bind = 127\.0\.0\.1:5060$/bind = 127.0.0.1:$SIP_PORT/" "$etc/pjsip.conf"

  # Test-only endpoints and contexts (the unauthenticated `sipp` caller, the dial-test callees):
  # the sandbox adds them to its own copy; the files a production install copies never name them.
  cp "$CONF_SRC/sandbox/pjsip.test-endpoints.conf" "$CONF_SRC/sandbox/extensions.test-contexts.conf" "$etc/"
  printf '\n#include "pjsip.test-endpoints.conf"\n' >>"$etc/pjsip.conf"
  printf '\n#include "extensions.test-contexts.conf"\n' >>"$etc/extensions.conf"
  sed -i -E "s/^rtpstart = .*/rtpstart = $RTP_START/; s/^rtpend = .*/rtpend = $RTP_END/" "$etc/rtp.conf"

  cat >"$ASTERISK_CONF_PATH_HOST" <<EOF
; Generated by scripts/asterisk-sandbox.sh for instance "$INSTANCE".
[directories]
astetcdir => $ETC_IN
astmoddir => $moddir
astvarlibdir => $VARLIB_IN
astdbdir => $VARLIB_IN
astkeydir => $VARLIB_IN
astdatadir => $datadir
astagidir => $datadir/agi-bin
astspooldir => $SPOOL_IN
astrundir => $RUN_IN
astlogdir => $LOG_IN
astsbindir => /usr/sbin

[options]
verbose = 3
debug = 0
timestamp = yes
defaultlanguage = en
documentation_language = en_US
systemname = callflow-sandbox$SUFFIX
EOF
}

# ---------------------------------------------------------------- process ---

ASTERISK_CONF_PATH_HOST="$ROOT_DIR$ASTERISK_CONF_IN"

pid_is_ours() {
  # pid_is_ours <pid>: an asterisk process chrooted in our root with our config.
  local pid="$1" root_link
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
  root_link="$(readlink "/proc/$pid/root" 2>/dev/null)" || return 1
  [[ "$root_link" == "$(cd "$ROOT_DIR" 2>/dev/null && pwd -P)" ]] || return 1
  # The daemon runs with -f; `asterisk -rx` clients (also -C) are not it.
  local cmd
  cmd=" $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) "
  [[ "$cmd" == *" -f "* && "$cmd" == *" -C $ASTERISK_CONF_IN "* ]] || return 1
}

# PIDs of this instance's Asterisk (pid file first, then a scan for strays).
running_pids() {
  local pid p found=()
  if [[ -f "$PID_FILE" ]]; then
    pid="$(cat "$PID_FILE")"
    pid_is_ours "$pid" && found+=("$pid")
  fi
  [[ -d "$ROOT_DIR" ]] || { echo "${found[*]}"; return 0; }
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [[ " ${found[*]} " == *" $p "* ]] && continue
    [[ "$(readlink "/proc/$p/exe" 2>/dev/null)" == */asterisk* ]] || continue
    pid_is_ours "$p" && found+=("$p")
  done
  echo "${found[*]}"
}

# Any process at all (any instance) still living in the root?
root_in_use() {
  local p real
  real="$(cd "$ROOT_DIR" 2>/dev/null && pwd -P)" || return 1
  for p in /proc/[0-9]*; do
    [[ "$(readlink "$p/root" 2>/dev/null)" == "$real" ]] && return 0
  done
  return 1
}

ari_status() {
  # Prints the HTTP status of GET /ari/asterisk/info with the credentials (000 = no answer).
  # Credentials via a config on stdin, not argv (which `ps` shows).
  printf 'user = "%s:%s"\n' "$ARI_USERNAME" "$ARI_PASSWORD" |
    curl -s -K - -o /dev/null -w '%{http_code}' --max-time 3 \
      "http://127.0.0.1:$HTTP_PORT/ari/asterisk/info" 2>/dev/null || true
}

port_in_use() {
  # port_in_use tcp|udp <port>
  local flag="-t"
  [[ "$1" == udp ]] && flag="-u"
  ss -H -l -n "$flag" "sport = :$2" 2>/dev/null | grep -q .
}

mount_root() {
  local d
  for d in proc dev; do
    mkdir -p "$ROOT_DIR/$d"
    mountpoint -q "$ROOT_DIR/$d" || mount --bind "/$d" "$ROOT_DIR/$d"
  done
}

unmount_root() {
  if root_in_use; then
    log "other processes still use $ROOT_DIR; leaving /proc and /dev mounted"
    return 0
  fi
  unmount_below "$ROOT_DIR"
}

do_start() {
  require_root_debian
  with_lock
  load_credentials
  local pids status
  pids="$(running_pids)"
  if [[ -n "$pids" ]]; then
    status="$(ari_status)"
    if [[ "$status" == 200 ]]; then
      log "already running (pid $pids), ARI at $ARI_URL_DEFAULT"
      return 0
    fi
    if [[ "$status" == 000 ]]; then
      # Perhaps still starting: give it the normal start time.
      wait_for_ari "${pids%% *}" && { log "running (pid $pids), ARI at $ARI_URL_DEFAULT"; return 0; }
    fi
    log "running but ARI answers $status (credentials or config changed?); restarting"
    stop_locked
  fi

  do_install
  port_in_use tcp "$HTTP_PORT" && die "TCP port $HTTP_PORT is already in use (another Asterisk?); stop it or set ARI_URL to use it"
  port_in_use udp "$SIP_PORT" && die "UDP port $SIP_PORT is already in use; stop whatever is listening there"

  write_config
  mount_root
  : >"$LOG_FILE"
  # setsid: a Ctrl-C in the terminal that ran `npm start` must not kill Asterisk
  # behind our back (stop/unmount is this script's job).
  setsid chroot "$ROOT_DIR" /usr/sbin/asterisk -f -n -C "$ASTERISK_CONF_IN" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  if ! wait_for_ari "$pid"; then
    tail -n 15 "$LOG_FILE" >&2 || true
    stop_locked
    die "Asterisk did not answer on $ARI_URL_DEFAULT/ari/asterisk/info within ${START_TIMEOUT}s (log: $LOG_FILE)"
  fi
  log "started (pid $pid), ARI at $ARI_URL_DEFAULT, SIP udp 127.0.0.1:$SIP_PORT, credentials in $ENV_FILE"
}

wait_for_ari() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT)) status
  while ((SECONDS < deadline)); do
    if [[ ! -d "/proc/$pid" ]]; then
      log "Asterisk exited during start-up"
      return 1
    fi
    status="$(ari_status)"
    if [[ "$status" == 200 ]]; then return 0; fi
    if [[ "$status" == 401 ]]; then
      log "ARI refused the credentials (401)"
      return 1
    fi
    sleep 0.3
  done
  return 1
}

stop_locked() {
  local pids pid deadline
  pids="$(running_pids)"
  if [[ -n "$pids" ]]; then
    timeout 10 chroot "$ROOT_DIR" /usr/sbin/asterisk -C "$ASTERISK_CONF_IN" -rx 'core stop now' \
      >/dev/null 2>&1 9>&- || true
    deadline=$((SECONDS + 10))
    while ((SECONDS < deadline)) && [[ -n "$(running_pids)" ]]; do sleep 0.2; done
    for pid in $(running_pids); do kill -TERM "$pid" 2>/dev/null || true; done
    deadline=$((SECONDS + 5))
    while ((SECONDS < deadline)) && [[ -n "$(running_pids)" ]]; do sleep 0.2; done
    for pid in $(running_pids); do kill -KILL "$pid" 2>/dev/null || true; done
    deadline=$((SECONDS + 5))
    while ((SECONDS < deadline)) && [[ -n "$(running_pids)" ]]; do sleep 0.1; done
    [[ -z "$(running_pids)" ]] || die "could not stop Asterisk (pid $(running_pids))"
    log "stopped"
  fi
  rm -f "$PID_FILE"
  [[ -d "$ROOT_DIR" ]] && unmount_root
  return 0
}

do_stop() {
  require_root_debian
  with_lock
  stop_locked
}

do_status() {
  local pids
  pids="$(running_pids 2>/dev/null || true)"
  if [[ -n "$pids" ]]; then
    echo "running (pid $pids, ARI $ARI_URL_DEFAULT, SIP udp 127.0.0.1:$SIP_PORT)"
    return 0
  fi
  echo "not running"
  return 3
}

do_cli() {
  require_root_debian
  [[ -n "$(running_pids)" ]] || die "not running"
  chroot "$ROOT_DIR" /usr/sbin/asterisk -C "$ASTERISK_CONF_IN" -rx "$*"
}

case "${1:-}" in
  install)
    require_root_debian
    with_lock
    do_install
    ;;
  start) do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  cli)
    shift
    do_cli "$@"
    ;;
  *)
    echo "usage: $0 {install|start|stop|status|cli <command>}" >&2
    exit 2
    ;;
esac
