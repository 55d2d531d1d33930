#!/usr/bin/env bash
# The test network: WebRTC ignores loopback, so media tests run inside a network namespace
# with a veth pair whose both ends stay inside it (198.18.0.0/15, the benchmarking range).
# Nothing inside can reach anything outside: the namespace has no route out.
#   scripts/testnet.sh up          create it (idempotent)
#   scripts/testnet.sh exec CMD..  run CMD inside, with WT_TEST_IP set to the LiveKit address
#   scripts/testnet.sh down        remove it
set -euo pipefail
ns=${WT_NETNS:-wt-test}
server_ip=198.18.0.1
peer_ip=198.18.0.2

sudo_() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

up() {
  if ! sudo_ ip netns list | grep -qw "$ns"; then
    sudo_ ip netns add "$ns"
  fi
  sudo_ ip -n "$ns" link set lo up
  if ! sudo_ ip -n "$ns" link show wt-a >/dev/null 2>&1; then
    sudo_ ip -n "$ns" link add wt-a type veth peer name wt-b
    sudo_ ip -n "$ns" addr add "$server_ip/24" dev wt-a
    sudo_ ip -n "$ns" addr add "$peer_ip/24" dev wt-b
  fi
  sudo_ ip -n "$ns" link set wt-a up
  sudo_ ip -n "$ns" link set wt-b up
}

case "${1:-}" in
  up) up ;;
  down) sudo_ ip netns del "$ns" 2>/dev/null || true ;;
  exec)
    shift
    up
    # Run as the calling user inside the namespace so build outputs keep their owner.
    if [[ $(id -u) -eq 0 ]]; then
      exec ip netns exec "$ns" env WT_TEST_IP="$server_ip" "$@"
    else
      exec sudo ip netns exec "$ns" sudo -u "$(id -un)" env "PATH=$PATH" "HOME=$HOME" WT_TEST_IP="$server_ip" "$@"
    fi
    ;;
  *) echo "usage: $0 up|down|exec CMD..." >&2; exit 2 ;;
esac
