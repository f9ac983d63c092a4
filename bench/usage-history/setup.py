"""Creates the benchmark's teams and keys through the management API (bench/usage-history.sh):
bench-team-<n> with a top-up, bench-key-<k> in team k % teams;
writes their ids to a JSON file. Plaintext keys are discarded."""
import base64, json, sys, urllib.request

base, password, teams, keys, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
auth = "Basic " + base64.b64encode(("admin:" + password).encode()).decode()


def post(path, body):
    request = urllib.request.Request(base + "/api/v1" + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": auth, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


team_ids, key_ids = [], []
for n in range(teams):
    team = post("/teams", {"name": "bench-team-%d" % n})
    post("/teams/%s/ledger" % team["id"], {"amount": 10000000, "note": "benchmark credit"})
    team_ids.append(team["id"])
for k in range(keys):
    created = post("/keys", {"team_id": team_ids[k % teams], "name": "bench-key-%d" % k, "group": "bench",
                             "allowed_models": ["openai/*", "anthropic/*", "mistral/*", "demo/*"], "rpm_limit": 100000})
    created.pop("key", None)  # the plaintext: never kept or printed
    key_ids.append(created["id"])
with open(out, "w") as f:
    json.dump({"teams": team_ids, "keys": key_ids}, f)
print("created %d teams and %d keys" % (teams, keys))
