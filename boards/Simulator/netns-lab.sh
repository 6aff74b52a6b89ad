#!/usr/bin/env bash
# netns-lab.sh: the NanoIP firmware on the virtual board, on a private network with a DHCP and
# DNS server and a TCP listener, with its serial console in your terminal. No root needed.
#
# What it does: `unshare -rn` gives this script a user and network namespace of its own (you are
# root inside it, nowhere else; your machine's network is untouched). Inside it makes a TAP
# interface nanotap0 with 198.18.0.1/24 (198.18.0.0/15 is the RFC 2544 benchmark range), starts
#   - dnsmasq: DHCP 198.18.0.50-198.18.0.99/24, 2-minute leases, router and DNS 198.18.0.1;
#     DNS names peer.lan -> 198.18.0.1, board-test.lan -> 198.18.0.7, anything else *.lan NXDOMAIN
#   - nc -lk 198.18.0.1 7000: a TCP listener; what it receives is printed as "[nc] ..."
# then runs the Simulator with `--tap nanotap0 --dhcp` and the console on your terminal. When the
# Simulator ends (Ctrl-C), the script stops dnsmasq and nc and the namespace goes with them.
#
# Fresh Debian/Ubuntu machine:
#   1. .NET 10 SDK: https://dotnet.microsoft.com/download/dotnet/10.0 (or the distribution's
#      dotnet-sdk-10.0 package), so that `dotnet --version` prints 10.x.
#   2. sudo apt-get install dnsmasq-base iproute2 netcat-openbsd iputils-ping util-linux
#      (dnsmasq-base is the dnsmasq program without the system service; nothing runs on your host.)
#   3. Unprivileged user namespaces must be allowed: `unshare -rn true` must succeed. On Ubuntu
#      24.04 and later AppArmor forbids them by default; allow them for this session with
#      sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0
#   4. From the repository root: boards/Simulator/netns-lab.sh
#
# What you see: the build, then
#   lab: dnsmasq on nanotap0 198.18.0.1 (DHCP .50-.99, DNS peer.lan board-test.lan), nc on 198.18.0.1:7000
#   NanoIP on virtual ESP32 + ENC28J60 model
#   eth0: ether 02:4e:49:50:00:01  link up  mtu 1500
#   ...
#   nanoip>
# The board starts without an address and asks dnsmasq for one; about 5 s later (dnsmasq checks
# a new address for 3 s, the board probes it for 2 s) `dhcp` shows the lease.
#
# Commands to try at the nanoip> prompt (`help` lists them all, CMD --help explains one):
#   dhcp                               the lease: address from .50-.99, gateway, DNS, T1/T2
#   ifconfig                           the interface with its counters
#   ping -c 3 198.18.0.1               Linux answers
#   resolve peer.lan                   dnsmasq answers; resolve -c shows the cache with TTLs
#   resolve nope.lan                   NXDOMAIN
#   tcp open peer.lan 7000 hello       connect by name; "[nc] hello" appears from the listener
#   tcp send again                     another line to nc
#   netstat                            the connection ESTAB, like ss -tan
#   tcp close                          close it (the board sends FIN; netstat shows the close)
#   dhcp renew / dhcp release          renew now / give the lease back (then dhcp start)
#   arp, stats, enc, mem               ARP cache, netstat -s style counters, the chip, memory
# Ctrl-C ends the Simulator (in a terminal it is a signal, so it also ends a running ping: use
# ping -c N). Another terminal can join the namespace to try Linux tools against the board:
#   nsenter --target <PID printed at start> --user --net --preserve-credentials
#   then e.g. ping 198.18.0.5x, or (with `-- --services all` given to this script) curl http://198.18.0.5x/
#
# Options: NANOIP_LAB_PORT=N (nc's port, default 7000); arguments after -- go to the Simulator
# (e.g. -- --services all, -- --run-ms 60000); NANOIP_SIMULATOR=PATH runs that Simulator (a .dll
# through ${DOTNET:-dotnet}, or an executable) instead of building boards/Simulator first.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tap=nanotap0
port="${NANOIP_LAB_PORT:-7000}"

need() {
    if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$1" ] && [ ! -x "/sbin/$1" ]; then
        echo "netns-lab: needs $1 (Debian package $2)" >&2
        exit 2
    fi
}

if [ "${1:-}" != "--inside" ]; then
    need unshare util-linux
    need ip iproute2
    need dnsmasq dnsmasq-base
    need nc netcat-openbsd
    if [ -z "${NANOIP_SIMULATOR:-}" ]; then
        need dotnet "the .NET 10 SDK"
        echo "lab: building the Simulator" >&2
        if ! build_log="$(dotnet build "$repo/boards/Simulator/Simulator.csproj" -v q -nologo -tl:off 2>&1)"; then
            echo "$build_log" >&2
            exit 1
        fi
        export NANOIP_SIMULATOR="$repo/boards/Simulator/bin/Simulator/Debug/net10.0/NanoIP.Simulator.dll"
    fi
    if ! unshare -rn true 2>/dev/null; then
        echo "netns-lab: 'unshare -rn' is not allowed here: unprivileged user namespaces are off (see the header of $0)" >&2
        exit 2
    fi
    # Same PID from here on: unshare execs bash, which runs the part below.
    exec unshare -rn bash "$0" --inside "$@"
fi
shift
if [ "${1:-}" = "--" ]; then shift; fi

PATH="$PATH:/usr/sbin:/sbin"
work="$(mktemp -d "${TMPDIR:-/tmp}/nanoip-lab.XXXXXX")"
pids=()

cleanup() {
    trap - EXIT INT TERM
    local p
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$p" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ip link set lo up
ip tuntap add dev "$tap" mode tap
ip addr add 198.18.0.1/24 dev "$tap"
ip link set "$tap" up

# --user=root: dnsmasq would switch to 'nobody', which does not exist in a namespace that maps only you.
dnsmasq --no-daemon --conf-file=/dev/null --interface="$tap" --bind-interfaces \
    --dhcp-range=198.18.0.50,198.18.0.99,255.255.255.0,2m \
    --dhcp-leasefile="$work/leases" --pid-file="$work/dnsmasq.pid" \
    --port=53 --no-resolv --no-hosts --local=/lan/ \
    --address=/board-test.lan/198.18.0.7 --host-record=peer.lan,198.18.0.1,30 \
    --user=root --log-dhcp --log-queries --log-facility="$work/dnsmasq.log" 2>"$work/dnsmasq.err" &
pids+=($!)

# The listener prints what it receives; stdin is /dev/null, so it sends nothing back.
nc -lk 198.18.0.1 "$port" </dev/null > >(sed -u 's/^/[nc] /') &
pids+=($!)

for _ in $(seq 1 50); do
    grep -q "DHCP, sockets bound" "$work/dnsmasq.log" 2>/dev/null && break
    sleep 0.1
done
if ! grep -q "DHCP, sockets bound" "$work/dnsmasq.log" 2>/dev/null; then
    echo "netns-lab: dnsmasq did not start:" >&2
    cat "$work/dnsmasq.err" "$work/dnsmasq.log" >&2 2>/dev/null || true
    exit 1
fi
echo "lab: dnsmasq on $tap 198.18.0.1 (DHCP .50-.99, DNS peer.lan board-test.lan), nc on 198.18.0.1:$port; namespace PID $$, dnsmasq log $work/dnsmasq.log" >&2

# In the background with the terminal as explicit stdin, so a signal to this script ends the wait at once.
case "$NANOIP_SIMULATOR" in
    *.dll) "${DOTNET:-dotnet}" "$NANOIP_SIMULATOR" --tap "$tap" --dhcp "$@" <&0 & ;;
    *) "$NANOIP_SIMULATOR" --tap "$tap" --dhcp "$@" <&0 & ;;
esac
sim=$!
pids=("$sim" "${pids[@]}")
status=0
wait "$sim" || status=$?
exit "$status"
