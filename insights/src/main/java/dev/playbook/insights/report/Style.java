package dev.playbook.insights.report;

/** The page's inline style sheet and its one script. */
final class Style {

  private Style() {}

  static final String CSS =
      """
      :root { --ink:#1f2933; --muted:#5f6b7a; --line:#dde2e8; --soft:#f4f6f9; --blue:#2f6db5; }
      * { box-sizing: border-box; }
      body { margin:0; background:#fff; color:var(--ink);
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 40px; }
      header h1 { font-size: 26px; margin: 0 0 4px; }
      .meta { color: var(--muted); margin: 0 0 8px; }
      h2 { font-size: 19px; margin: 34px 0 4px; padding-top: 12px; border-top: 1px solid var(--line); }
      h3 { font-size: 14px; margin: 0 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
      p.how { color: var(--muted); margin: 0 0 12px; max-width: 860px; }
      .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(118px, 1fr)); gap: 10px; margin: 10px 0 14px; }
      .card { background: var(--soft); border-radius: 8px; padding: 10px 14px; }
      .card-label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
      .card-value { font-size: 28px; font-weight: 650; font-variant-numeric: tabular-nums; }
      .card-note { font-size: 12px; color: var(--muted); }
      .row { display: flex; flex-wrap: wrap; gap: 28px; }
      .sev { display: inline-block; margin: 0 6px 6px 0; padding: 3px 10px; border-radius: 12px; font-weight: 600;
        font-size: 13px; }
      .sev .num { margin-left: 2px; }
      .sev-critical { background: #7f1d1d; color: #fff; } .sev-high { background: #d73027; color: #fff; }
      .sev-medium { background: #fdae61; } .sev-low { background: #fee08b; } .sev-info { background: #e4e9f0; }
      .input p { margin: 0; }
      .chart-box { overflow-x: auto; }
      svg.chart { display: block; max-width: 100%; height: auto; }
      svg text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
      svg text.label { font-size: 12.5px; } svg text.axis { font-size: 11.5px; fill: var(--muted); }
      svg text.note { font-size: 12.5px; fill: var(--muted); } svg text.value { font-weight: 650; }
      svg text.on-bar { fill: #fff; } svg text.warn { font-size: 11.5px; fill: #b45309; font-weight: 600; }
      svg text.cellv { font-size: 11.5px; font-variant-numeric: tabular-nums; }
      svg text.cellv tspan { fill: inherit; }
      svg .grid { stroke: #e6eaef; } svg .baseline { stroke: #9aa5b1; } svg .zero { stroke: #9aa5b1; stroke-dasharray: 2 2; }
      table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
      th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
      th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fff; position: sticky; top: 0; }
      th.n, td.n { text-align: right; white-space: nowrap; }
      th.sevh { text-transform: capitalize; }
      table.sortable th:not([data-type="none"]) { cursor: pointer; user-select: none; }
      table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
      table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
      tbody tr:hover { background: #f8fafc; }
      tr.small td { color: #6b7785; }
      .rule-title { font-weight: 600; } .rule-id { font-size: 11.5px; color: var(--muted); }
      .lift { font-weight: 650; }
      table.backtest td:first-child { min-width: 260px; }
      .rate { font-weight: 600; } .sub { font-size: 12px; color: var(--muted); }
      .ci-text { font-size: 12px; color: var(--muted); }
      svg.ci { display: block; margin-left: auto; }
      td.meter { background: linear-gradient(to left, #d6e4f5 var(--p, 0%), transparent var(--p, 0%)); }
      td.meter.flag { background: linear-gradient(to left, #f9d3cf var(--p, 0%), transparent var(--p, 0%)); }
      .badge { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #fef3c7;
        color: #92400e; font-weight: 600; white-space: nowrap; }
      .reading { font-size: 12.5px; white-space: nowrap; } .reading.loss { color: #b91c1c; font-weight: 600; }
      .reading.win { color: #15803d; font-weight: 600; } .reading.none { color: var(--muted); }
      .scale { font-size: 12px; color: var(--muted); max-width: 860px; }
      details { margin: 8px 0; } summary { cursor: pointer; color: var(--muted); }
      ul.quiet { columns: 2; font-size: 12.5px; color: var(--muted); } ul.quiet li { break-inside: avoid; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 18px 28px; }
      .panel h3 { margin-top: 6px; }
      table.compact td, table.compact th { padding: 4px 6px; }
      table.compact td:first-child { white-space: nowrap; }
      .scroll { overflow-x: auto; }
      .empty { color: var(--muted); font-style: italic; }
      .unreadable { color: var(--muted); background: #f3f4f6; padding: 8px 12px; border-left: 3px solid #9ca3af; }
      section.banner { background: #fffbeb; border: 1px solid #f59e0b; padding: 8px 16px; }
      section.banner li { margin: 4px 0; overflow-wrap: anywhere; }
      td.unreadable-cell { color: #9ca3af; background: #f3f4f6; cursor: help; }
      span.id { cursor: help; border-bottom: 1px dotted var(--muted); }
      ul.problems { padding-left: 18px; } ul.problems li { margin: 2px 0; }
      code { font: 12.5px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
      footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
      @media print {
        @page { size: A4 landscape; margin: 12mm; }
        body { font-size: 10.5pt; }
        main { max-width: none; padding: 0; }
        .chart-section, .card, .panel, tr { break-inside: avoid; }
        h2 { break-after: avoid; }
        th { position: static; }
        table.sortable th { cursor: auto; }
        tbody tr:hover { background: none; }
        .sev, .card, td.meter, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      }
      """;

  /** Makes the tables with class {@code sortable} sort by a column when its header is clicked. */
  static final String SCRIPT =
      """
      (function () {
        function value(cell) {
          var v = cell.getAttribute('data-sort');
          if (v === null) { return cell.textContent.trim().toLowerCase(); }
          return v === '' ? null : parseFloat(v);
        }
        document.querySelectorAll('table.sortable').forEach(function (table) {
          table.querySelectorAll('thead th').forEach(function (th, col) {
            if (th.getAttribute('data-type') === 'none') { return; }
            th.addEventListener('click', function () {
              var down = th.getAttribute('aria-sort') !== 'descending';
              table.querySelectorAll('thead th').forEach(function (h) { h.removeAttribute('aria-sort'); });
              th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = value(a.cells[col]), y = value(b.cells[col]);
                if (x === y) { return 0; }
                if (x === null) { return 1; }
                if (y === null) { return -1; }
                var c = x < y ? -1 : 1;
                return down ? -c : c;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });
      })();
      """;
}
