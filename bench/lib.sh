# Helpers the benchmark scripts share; sourced, not run: . "$(dirname "$0")/lib.sh"

# A free TCP port on loopback (the kernel's choice, released at once for the server to take).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A field of the JSON on stdin, as a Python subscript: field '["id"]'.
field() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

# CPU time of process PID so far (user + system), in clock ticks.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
