"""Times the usage reads of a running Keygate over HTTP (bench/usage-history.sh): after WARMUP
unmeasured calls, REPS measured calls of each, reporting median and max wall time per answer
(request sent to last byte read, one keep-alive connection). Also checks through the API that a
day's roll-up of the hot key equals the count of its raw records for that day.

While it measures, a background thread sends TRICKLE demo/echo calls per second through the gateway
with a key of its own (the plaintext stays in this process), so usage batches commit every second
as on a live gateway, and waits PAUSE seconds (default 1.1) before every call, so each call comes
after at least one commit. H2 answers a repeated query from its cached result while no table it
reads has changed; without the writes and the pause the figures would flatter the database.

A read that is slow gets fewer calls: once BUDGET seconds (default 30) went into one read, warm-up
included, it stops after its next measured call; the n column says how many were measured.

usage: timing.py <base-url> <admin-password> <ids.json> <now-epoch-seconds> <warmup> <reps>"""
import base64, http.client, json, os, re, statistics, sys, threading, time, urllib.parse
from datetime import datetime, timedelta, timezone

base, password, ids_file, now_s, warmup, reps = sys.argv[1:7]
warmup, reps = int(warmup), int(reps)
url = urllib.parse.urlsplit(base)
ids = json.load(open(ids_file))
hot = ids["keys"][0]
now = datetime.fromtimestamp(int(now_s), timezone.utc)
auth = {"Authorization": "Basic " + base64.b64encode(("admin:" + password).encode()).decode()}


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Client:
    def __init__(self):
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=900)
        self.cookie = None

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if body is not None:
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        try:
            self.conn.request(method, path, body=body, headers=h)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # the server closed an idle keep-alive connection: open a new one (a loopback connect)
            self.conn.close()
            self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=900)
            self.conn.request(method, path, body=body, headers=h)
            response = self.conn.getresponse()
        data = response.read()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, response, data


def api(path, **params):
    return "/api/v1" + path + "?" + urllib.parse.urlencode(params)


api_client = Client()


def get_json(path):
    status, _, data = api_client.request("GET", path, headers=auth)
    if status != 200:
        sys.exit("GET %s answered %d: %s" % (path, status, data[:300]))
    return json.loads(data)


# The admin pages: log in through the form like a browser (non-ajax submit of the login form).
page_client = Client()
for attempt in range(60):  # the pages may open a moment after /ping answers
    status, _, data = page_client.request("GET", "/login.xhtml")
    found = re.search(rb'name="jakarta\.faces\.ViewState"[^>]*value="([^"]+)"', data)
    if found:
        break
    time.sleep(1)
else:
    sys.exit("GET /login.xhtml answered %d without a login form" % status)
view_state = found.group(1).decode()
form = urllib.parse.urlencode({"login": "login", "login:username": "admin", "login:password": password,
                               "login:from": "", "login:submit": "", "jakarta.faces.ViewState": view_state})
status, response, data = page_client.request("POST", "/login.xhtml", body=form)
if status not in (302, 303):
    sys.exit("login answered %d, not a redirect" % status)
status, _, data = page_client.request("GET", "/admin/index.xhtml")
if status != 200 or b"login:username" in data:
    sys.exit("the dashboard did not open after the login (HTTP %d)" % status)

# The live trickle: a key in the hot key's team, demo/echo calls at TRICKLE per second.
trickle = float(os.environ.get("TRICKLE", "10"))
conn = api_client
team = get_json("/api/v1/keys/" + hot)["team_id"]
body = json.dumps({"team_id": team, "name": "bench-live", "allowed_models": ["demo/*"], "rpm_limit": 100000})
status, _, data = conn.request("POST", "/api/v1/keys", body=body, headers=dict(auth, **{"Content-Type": "application/json"}))
if status != 201 and status != 200:
    sys.exit("creating the live key answered %d" % status)
live_key = json.loads(data)["key"]
stop = threading.Event()
sent = {"ok": 0, "other": 0}


def live():
    c = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    call = json.dumps({"model": "demo/echo", "messages": [{"role": "user", "content": "benchmark trickle"}],
                       "max_tokens": 16})
    next_at = time.monotonic()
    while not stop.is_set():
        c.request("POST", "/v1/chat/completions", body=call,
                  headers={"Authorization": "Bearer " + live_key, "Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        sent["ok" if r.status == 200 else "other"] += 1
        next_at += 1 / trickle
        stop.wait(max(0.0, next_at - time.monotonic()))


if trickle > 0:
    threading.Thread(target=live, daemon=True).start()

day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
queries = [
    ("hot key, 30-day daily chart (aggregates by model)", api_client, auth,
     api("/usage/aggregates", group_by="model", granularity="day", key_id=hot, **{"from": iso(now - timedelta(days=30)), "to": iso(now)})),
    ("hot key, 48-h hourly chart (aggregates by model)", api_client, auth,
     api("/usage/aggregates", group_by="model", granularity="hour", key_id=hot, **{"from": iso(now - timedelta(hours=48)), "to": iso(now)})),
    ("dashboard page GET /admin/index.xhtml (logged in)", page_client, {}, "/admin/index.xhtml"),
    ("all teams, today by hour (aggregates by team)", api_client, auth,
     api("/usage/aggregates", group_by="team", granularity="hour", **{"from": iso(day_start), "to": iso(now)})),
    ("all keys, today (aggregates by key, day)", api_client, auth,
     api("/usage/aggregates", group_by="key", granularity="day", **{"from": iso(day_start), "to": iso(now)})),
    ("all keys, 30 days (aggregates by key, day)", api_client, auth,
     api("/usage/aggregates", group_by="key", granularity="day", **{"from": iso(now - timedelta(days=30)), "to": iso(now)})),
    ("hot key, raw records, 24-h window, page 1 of 50", api_client, auth,
     api("/usage/records", key_id=hot, size=50, **{"from": iso(now - timedelta(hours=24)), "to": iso(now)})),
    ("hot key, raw records, 24-h window, CSV export", api_client, auth,
     api("/usage/records", key_id=hot, format="csv", **{"from": iso(now - timedelta(hours=24)), "to": iso(now)})),
    ("hot key, raw records, no window, page 1 of 50", api_client, auth, api("/usage/records", key_id=hot, size=50)),
]

budget = float(os.environ.get("BUDGET", "30"))
pause = float(os.environ.get("PAUSE", "1.1")) if trickle > 0 else 0.0
print("%-52s %9s %9s %4s %9s %s" % ("query", "median", "max", "n", "bytes", "rows"))
for name, client, headers, path in queries:
    times = []
    size = 0
    spent = 0.0
    calls = 0
    while len(times) < reps:
        time.sleep(pause)
        warm = calls < warmup and spent <= budget
        t0 = time.perf_counter()
        status, response, data = client.request("GET", path, headers=headers)
        elapsed = time.perf_counter() - t0
        spent += elapsed
        calls += 1
        if status != 200:
            sys.exit("%s: HTTP %d %s" % (name, status, data[:300]))
        if not warm:
            times.append(elapsed)
        size = len(data)
        if spent > budget and times:
            break
    if path.startswith("/admin"):
        rows = "-"
    elif b"format=csv" in path.encode():
        rows = str(data.count(b"\n") - 1)
    else:
        body = json.loads(data)
        rows = str(len(body)) if isinstance(body, list) else "%d of %d" % (len(body["items"]), body["total"]) \
            if "total" in body else str(len(body.get("items", body)))
    print("%-52s %7.0fms %7.0fms %4d %9d %s" % (name, statistics.median(times) * 1000, max(times) * 1000, len(times),
                                                size, rows), flush=True)

stop.set()
print("live trickle during the measurements: %d gateway calls answered 200, %d otherwise" % (sent["ok"], sent["other"]))

# The roll-up of a whole UTC day equals the number of the key's raw records that day (through the API).
day = day_start - timedelta(days=1)
window = {"from": iso(day), "to": iso(day + timedelta(days=1))}
rollup = get_json(api("/usage/aggregates", group_by="key", granularity="day", key_id=hot, **window))
rolled = sum(b["requests"] for b in (rollup if isinstance(rollup, list) else rollup["items"]))
raw = get_json(api("/usage/records", key_id=hot, size=1, **window))["total"]
print("check: hot key on %s: roll-up requests %d, raw records %d -> %s"
      % (day.date(), rolled, raw, "equal" if rolled == raw else "DIFFERENT"))
if rolled != raw:
    sys.exit(1)
