"""Tests of playbook_client.py against a running server: PLAYBOOK_URL names it.

Run by dev.playbook.server.PythonClientTest, which starts the server on 127.0.0.1 with
examples/playbooks/acme and runs `python3 -m unittest test_playbook_client` in this folder.
"""

import io
import json
import os
import unittest
from contextlib import redirect_stderr, redirect_stdout

import playbook_client
from playbook_client import PlaybookClient, PlaybookError

URL = os.environ.get("PLAYBOOK_URL", "http://127.0.0.1:8181/")
DEALS = os.path.join(os.path.dirname(__file__), "..", "..", "deals", "deals.json")


class PlaybookClientTest(unittest.TestCase):
    def setUp(self):
        self.client = PlaybookClient(URL, timeout=20)

    def test_playbooks_listsAcme(self):
        ids = [p["id"] for p in self.client.playbooks()]
        self.assertEqual(["acme"], ids)

    def test_evaluate_exampleDeals_givesGapsWithLowerCaseSeverities(self):
        with open(DEALS, encoding="utf-8") as f:
            deals = json.load(f)
        result = self.client.evaluate("acme", deals, as_of="2026-11-20")
        self.assertEqual(len(deals), len(result["evaluations"]))
        self.assertEqual([], result["errors"])
        severities = {g["severity"] for e in result["evaluations"] for g in e["gaps"]}
        self.assertTrue(severities)
        self.assertTrue(severities <= {"critical", "high", "medium", "low", "info"})

    def test_evaluate_unknownPlaybook_raisesTheServersError(self):
        with self.assertRaises(PlaybookError) as caught:
            self.client.evaluate("nope", [], as_of="2026-11-20")
        self.assertEqual(404, caught.exception.status)
        self.assertEqual("unknown-playbook", caught.exception.code)
        self.assertEqual(
            "no playbook 'nope' is served; GET /v1/playbooks lists them", caught.exception.message
        )

    def test_validate_brokenPlaybook_givesLocatedProblems(self):
        problems = self.client.validate("playbook: x\nstages: [a]\nrulez: []\n", "x.yaml")
        self.assertTrue(problems)
        self.assertEqual(("x.yaml", 3, 1), (problems[0]["file"], problems[0]["line"], problems[0]["column"]))

    def test_main_unknownStage_printsTheFailureAndExits1(self):
        path = os.path.join(self.tmp(), "deal.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"id": "X-1", "name": "X", "stage": "dreaming"}, f)
        out = io.StringIO()
        with redirect_stdout(out):
            code = playbook_client.main(["--url", URL, "--playbook", "acme", "--as-of", "2026-11-20", path])
        self.assertEqual(1, code)
        self.assertTrue(out.getvalue().startswith("failed X-1: unknown-stage: "), out.getvalue())

    def test_main_unreadableDealFile_exits2(self):
        err = io.StringIO()
        with redirect_stderr(err):
            code = playbook_client.main(["--url", URL, "--playbook", "acme", "/nonexistent/deals.json"])
        self.assertEqual(2, code)
        self.assertTrue(err.getvalue().startswith("cannot read /nonexistent/deals.json: "))

    def tmp(self):
        import tempfile

        d = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(d, ignore_errors=True))
        return d


if __name__ == "__main__":
    unittest.main()
