#!/usr/bin/env python3
"""A client of `bin/playbook serve` (docs/server.md) using only the Python standard library.

    python3 playbook_client.py --url http://127.0.0.1:8181/ --playbook acme \
        --as-of 2026-11-20 ../../deals/deals.json

Prints, for each deal, its gaps (severity, rule, message) and its actions (priority, due, title);
then each deal that could not be evaluated. Exits 0 when every deal was evaluated, 1 when the
server answered an error or some deals failed, 2 when the command line is wrong.
"""

import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

SCHEMA_VERSION = 1


class PlaybookError(Exception):
    """An error the server answered: its HTTP status, code, message and located problems."""

    def __init__(self, status, code, message, problems):
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.problems = problems


class PlaybookClient:
    """Calls the JSON API of a playbook server."""

    def __init__(self, url, timeout=30.0):
        self.url = url if url.endswith("/") else url + "/"
        self.timeout = timeout

    def playbooks(self):
        """The playbooks served: a list of {id, title, revision, version, stages, rules, ...}."""
        return self._call("GET", "v1/playbooks")["playbooks"]

    def evaluate(self, playbook, deals, as_of=None, locale=None):
        """Evaluates a list of deals (dicts as in a deal file): {evaluations, errors}."""
        query = {k: v for k, v in (("as_of", as_of), ("locale", locale)) if v}
        path = f"v1/playbooks/{urllib.parse.quote(playbook, safe='')}/evaluate"
        return self._call("POST", path, query, json.dumps(deals).encode("utf-8"))

    def validate(self, yaml_text, file_name="playbook.yaml"):
        """The problems of a playbook's YAML: a list of {code, file, line, column, message}."""
        return self._call("POST", "v1/validate", {"file": file_name}, yaml_text.encode("utf-8"))[
            "problems"
        ]

    def _call(self, method, path, query=None, body=None):
        url = self.url + path + ("?" + urllib.parse.urlencode(query) if query else "")
        request = urllib.request.Request(url, data=body, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                document = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            try:
                document = json.loads(e.read().decode("utf-8"))
                error = document["error"]
            except (ValueError, KeyError):
                raise PlaybookError(e.code, "http-error", e.reason, []) from None
            raise PlaybookError(
                error["status"], error["code"], error["message"], document.get("problems", [])
            ) from None
        version = document.get("schema_version")
        if version is not None and version != SCHEMA_VERSION:
            raise PlaybookError(0, "schema-version", f"the server speaks schema {version}", [])
        return document


def main(argv=None):
    parser = argparse.ArgumentParser(description="Evaluates a deal file on a playbook server.")
    parser.add_argument("--url", default="http://127.0.0.1:8181/")
    parser.add_argument("--playbook", required=True)
    parser.add_argument("--as-of")
    parser.add_argument("--locale")
    parser.add_argument("deals", help="a JSON file holding one deal or a list of deals")
    args = parser.parse_args(argv)

    try:
        with open(args.deals, encoding="utf-8") as f:
            deals = json.load(f)
    except (OSError, ValueError) as e:
        print(f"cannot read {args.deals}: {e}", file=sys.stderr)
        return 2
    if isinstance(deals, dict):
        deals = [deals]

    client = PlaybookClient(args.url)
    try:
        result = client.evaluate(args.playbook, deals, args.as_of, args.locale)
    except PlaybookError as e:
        print(f"error: {e}", file=sys.stderr)
        for p in e.problems:
            print(f"  {p['file']}:{p['line']}:{p['column']}: {p['code']}: {p['message']}", file=sys.stderr)
        return 1
    except urllib.error.URLError as e:
        print(f"cannot reach {args.url}: {e.reason}", file=sys.stderr)
        return 1

    for evaluation in result["evaluations"]:
        print(f"{evaluation['deal_id']}")
        for gap in evaluation["gaps"]:
            print(f"  gap {gap['severity']} {gap['rule']}: {gap['message']}")
        for action in evaluation["actions"]:
            print(f"  action {action['priority']} due {action['due']}: {action['title']}")
    for error in result["errors"]:
        print(f"failed {error['deal_id']}: {error['code']}: {error['message']}")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
