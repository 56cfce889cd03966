"use strict";
// The playground: edits a playbook, shows its problems as you type (POST /v1/validate) and
// evaluates a deal with it (POST /v1/playground/evaluate) and runs rule tests against it
// (POST /v1/playground/tests). No network beyond this server.
(function () {
  const TEXT = {
    en: { title: "Playbook playground", language: "Language", playbook: "Playbook (YAML)",
          deal: "Deal (JSON)", asOf: "As of", evaluate: "Evaluate", gaps: "Gaps", actions: "Actions",
          scorecards: "Scorecards", explanation: "Explanation", ok: "No problems",
          evaluated: "Evaluated", fired: "fired", notFired: "did not fire", due: "due",
          fix: "Fix the problems in the playbook first", tests: "Rule tests (YAML)",
          runTests: "Run tests", pass: "PASS", fail: "FAIL", skip: "SKIP",
          summary: (p, f, s) => p + " passed, " + f + " failed, " + s + " skipped" },
    "zh-CN": { title: "规则手册试验场", language: "语言", playbook: "规则手册（YAML）",
          deal: "商机（JSON）", asOf: "评估日期", evaluate: "评估", gaps: "差距", actions: "行动",
          scorecards: "评分卡", explanation: "解释", ok: "没有问题", evaluated: "已评估",
          fired: "已触发", notFired: "未触发", due: "截止", fix: "请先修正规则手册中的问题",
          tests: "规则测试（YAML）", runTests: "运行测试", pass: "通过", fail: "失败", skip: "跳过",
          summary: (p, f, s) => "通过 " + p + "，失败 " + f + "，跳过 " + s }
  };
  const SAMPLE_PLAYBOOK = [
    "playbook: playground",
    "title: Playground",
    "stages: [discovery, proposal, negotiation]",
    "rules:",
    "  - id: playground.eb",
    "    title: Economic buyer identified before proposal",
    "    when: stage >= proposal and none(contacts, role == economic_buyer)",
    "    gap:",
    "      severity: high",
    "      message:",
    "        en: \"{deal.name} has no economic buyer\"",
    "        zh-CN: \"{deal.name} 没有经济决策人\"",
    "    action: { title: Ask the champion for an introduction, priority: 90, due: 2d }",
    ""
  ].join("\n");
  const SAMPLE_TESTS = [
    "as_of: 2026-11-20",
    "cases:",
    "  - name: no economic buyer at proposal",
    "    deal: { stage: proposal }",
    "    fires: [playground.eb]",
    "  - name: economic buyer known",
    "    deal:",
    "      stage: proposal",
    "      contacts: [{ id: c-1, name: Ana Diaz, roles: [economic_buyer] }]",
    "    not_fires: [playground.eb]",
    ""
  ].join("\n");
  const SAMPLE_DEAL = JSON.stringify(
    { id: "D-1", name: "Northwind", stage: "proposal",
      contacts: [{ id: "c-1", name: "Ben Ode", roles: ["champion"] }] }, null, 2);

  const $ = (id) => document.getElementById(id);
  const locale = () => $("locale").value;
  const t = (key) => (TEXT[locale()] || TEXT.en)[key];

  function item(list, text, cls) {
    const li = document.createElement("li");
    li.textContent = text;
    if (cls) li.className = cls;
    list.appendChild(li);
    return li;
  }

  function clear(...ids) { ids.forEach((id) => { $(id).textContent = ""; }); }

  function showProblems(problems) {
    clear("problems");
    problems.forEach((p) => {
      const li = item($("problems"), p.file + ":" + p.line + ":" + p.column + ": " + p.code + ": " + p.message);
      li.dataset.line = p.line;
      li.dataset.column = p.column;
      li.addEventListener("click", () => select(p.line, p.column));
    });
    $("problems").dataset.count = String(problems.length);
  }

  // Puts the caret at line:column of the playbook, where a problem points.
  function select(line, column) {
    const lines = $("playbook").value.split("\n");
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
    at += Math.max(0, column - 1);
    $("playbook").focus();
    $("playbook").setSelectionRange(at, at);
  }

  async function post(path, body) {
    const response = await fetch(path, { method: "POST", body: body,
      headers: { "Content-Type": "application/json; charset=utf-8" } });
    return { status: response.status, json: await response.json() };
  }

  let pending = 0;
  async function validate() {
    const mine = ++pending;
    const r = await post("/v1/validate?file=playground.yaml", $("playbook").value);
    if (mine !== pending) return; // a later edit is on its way
    showProblems(r.status === 200 ? r.json.problems : []);
    $("status").textContent = r.status === 200 && r.json.problems.length === 0 ? t("ok") : "";
  }

  async function evaluate() {
    clear("gaps", "actions", "scorecards", "explanations");
    $("status").className = "";
    let deal;
    try {
      deal = JSON.parse($("deal").value);
    } catch (e) {
      $("status").className = "failed";
      $("status").textContent = "deal: " + e.message;
      return;
    }
    const query = "?as_of=" + encodeURIComponent($("as-of").value) + "&locale=" + encodeURIComponent(locale());
    const r = await post("/v1/playground/evaluate" + query,
      JSON.stringify({ playbook: $("playbook").value, deal: deal }));
    if (r.status !== 200) {
      $("status").className = "failed";
      $("status").textContent = r.json.error.code + ": " + r.json.error.message;
      showProblems(r.json.problems || []);
      return;
    }
    showProblems(r.json.problems);
    if (!r.json.evaluation) {
      $("status").className = "failed";
      $("status").textContent = t("fix");
      return;
    }
    const e = r.json.evaluation;
    $("status").textContent = t("evaluated") + ": " + e.deal_id;
    e.gaps.forEach((g) => item($("gaps"), g.severity + " " + g.rule + ": " + g.message, "severity-" + g.severity));
    e.actions.forEach((a) => item($("actions"), a.priority + " " + a.title + " (" + t("due") + " " + a.due + ")"));
    e.scorecards.forEach((s) => item($("scorecards"), s.title + ": " + s.percent + "%"));
    r.json.explanations.explanations.forEach((x) => {
      const li = item($("explanations"), x.rule + " " + (x.fired ? t("fired") : t("notFired")) + ": " + x.condition,
        x.fired ? "fired" : "");
      const parts = document.createElement("ul");
      x.parts.forEach((p) => item(parts, p.text + ": " + p.value + (p.detail ? " (" + p.detail + ")" : "")));
      li.appendChild(parts);
    });
  }

  async function runTests() {
    clear("test-results");
    $("tests-status").className = "";
    const r = await post("/v1/playground/tests",
      JSON.stringify({ playbook: $("playbook").value, tests: { "playground.test.yaml": $("tests").value } }));
    if (r.status !== 200) {
      $("tests-status").className = "failed";
      $("tests-status").textContent = r.json.error.code + ": " + r.json.error.message;
      showProblems(r.json.problems || []);
      return;
    }
    const labels = { passed: t("pass"), failed: t("fail"), skipped: t("skip") };
    r.json.files.forEach((f) => {
      f.problems.forEach((p) => item($("test-results"), p.rendered, "failed"));
      f.cases.forEach((c) => {
        const li = item($("test-results"), labels[c.status] + " " + c.at + ": " + c.name, c.status);
        if (c.failures.length) {
          const reasons = document.createElement("ul");
          c.failures.forEach((x) => item(reasons, x));
          li.appendChild(reasons);
        }
      });
    });
    const n = r.json.totals;
    $("tests-status").className = n.failed || n.problems ? "failed" : "";
    $("tests-status").textContent = t("summary")(n.passed, n.failed, n.skipped);
  }

  function translate() {
    document.documentElement.lang = locale();
    document.querySelectorAll("[data-text]").forEach((el) => { el.textContent = t(el.dataset.text); });
  }

  let timer = null;
  $("playbook").value = SAMPLE_PLAYBOOK;
  $("deal").value = SAMPLE_DEAL;
  $("tests").value = SAMPLE_TESTS;
  $("run-tests").addEventListener("click", runTests);
  $("playbook").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(validate, 250); });
  $("evaluate").addEventListener("click", evaluate);
  $("locale").addEventListener("change", () => { translate(); validate(); });
  translate();
  validate();
})();
