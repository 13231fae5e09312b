#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so that keytar
# talks to a real Secret Service whose data lives in a throwaway directory and vanishes afterwards.
# Only the secrets are throwaway: the settings folder (XDG_CONFIG_HOME) stays the user's, so that
# `configure` in one run is still there for `status` in the next. Several commands sharing one
# keychain: `scripts/with-keyring.sh bash` (an interactive shell) or `scripts/with-keyring.sh bash script.sh`.
# On macOS and Windows the OS keychain is always there: the command runs as it is.
set -euo pipefail

if [[ "$(uname -s)" != "Linux" || "${CHORUS_KEYRING_READY:-}" == "1" ]]; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "with-keyring: '$tool' est introuvable. Installez : apt-get install dbus gnome-keyring libsecret-1-0" >&2
    exit 127
  fi
done

scratch=$(mktemp -d -t chorus-keyring-XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"

# gnome-keyring keeps its keyrings under XDG_DATA_HOME and its sockets under XDG_RUNTIME_DIR.
export XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
# Test runs (npm test) keep nothing at all: the settings folder too, where Chromium would leave its
# crash reports folder, and the temporary folder, where tsx, Node's compile cache and Playwright
# keep caches that would outlive the run.
if [[ "${CHORUS_KEYRING_THROWAWAY_CONFIG:-}" == "1" ]]; then
  mkdir -p "$scratch/config" "$scratch/tmp"
  export XDG_CONFIG_HOME="$scratch/config" TMPDIR="$scratch/tmp"
fi

# The inner shell starts the keyring with a throwaway password on its stdin (that creates and unlocks the
# login collection), exports the control socket it prints, then replaces itself with the command.
dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf "throwaway\n" | gnome-keyring-daemon --unlock --components=secrets)"
  # Tests that stop the keychain mid-run need to know which daemon is theirs.
  CHORUS_KEYRING_PID="$(pgrep -n -x gnome-keyring-d || true)"
  export GNOME_KEYRING_CONTROL CHORUS_KEYRING_PID CHORUS_KEYRING_READY=1
  exec "$@"
' with-keyring "$@"
