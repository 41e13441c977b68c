// The live view: polls api/events with the filters, renders the table, the statistics and the
// chart, and opens one exchange's ECS document. Only textContent is ever set from event data,
// so nothing a client sent can run here.
"use strict";
(function () {
  const POLL_MILLIS = 1000;
  const $ = (id) => document.getElementById(id);
  const form = $("filters");
  let version = null;
  let timer = null;
  let inFlight = false;
  let first = true;
  window.httpAudit = { renders: 0 };

  function query() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim() !== "") params.set(name, String(value).trim());
    }
    return params.toString();
  }

  function millis(nanos) {
    if (nanos === undefined || nanos === null) return "–";
    const ms = nanos / 1e6;
    return (ms < 10 ? ms.toFixed(1) : Math.round(ms).toString()) + " ms";
  }

  // ECS timestamps are UTC ("2026-12-01T14:45:49.607762Z"): shown as the log has them, to the millisecond
  function time(timestamp) {
    return typeof timestamp === "string" && timestamp.length >= 23 ? timestamp.substring(11, 23) : String(timestamp);
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text === undefined || text === null ? "" : String(text);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function statusClass(status) {
    return "s" + String(status).charAt(0);
  }

  function renderRows(events) {
    const body = document.createDocumentFragment();
    for (const event of events) {
      const tr = document.createElement("tr");
      tr.dataset.id = event["event.id"];
      tr.dataset.status = event["http.response.status_code"];
      cell(tr, time(event["@timestamp"]));
      cell(tr, event["http.request.method"]);
      cell(tr, event["url.path"], "path").title = event["http.route"] || event["url.path"];
      cell(tr, event["http.response.status_code"], statusClass(event["http.response.status_code"]));
      cell(tr, millis(event["event.duration"]));
      cell(tr, event["user.name"]);
      cell(tr, event["http.request.id"]);
      body.appendChild(tr);
    }
    const tbody = $("events").tBodies[0];
    tbody.replaceChildren(body);
  }

  function renderStats(data) {
    const stats = data.stats;
    $("stat-count").textContent = stats.count;
    $("stat-failures").textContent = stats.count ? (100 * stats.failures / stats.count).toFixed(1) + " %" : "–";
    $("stat-p50").textContent = millis(stats.p50);
    $("stat-p95").textContent = millis(stats.p95);
    $("stat-p99").textContent = millis(stats.p99);
    const routes = document.createDocumentFragment();
    for (const route of stats.routes) {
      const tr = document.createElement("tr");
      cell(tr, route.route);
      cell(tr, route.count);
      cell(tr, route.failures, route.failures ? "s5" : "");
      cell(tr, millis(route.p50));
      cell(tr, millis(route.p95));
      cell(tr, millis(route.p99));
      routes.appendChild(tr);
    }
    $("routes").tBodies[0].replaceChildren(routes);
    drawChart(stats.chart);
    const buffer = data.buffer, counters = data.counters;
    $("state").textContent = data.matched + " of " + buffer.events + " buffered events (max " + buffer.maxEvents
      + ", " + Math.round(buffer.bytes / 1024) + " of " + Math.round(buffer.maxBytes / 1024) + " KiB)"
      + " · written " + counters.written + ", dropped " + counters.dropped + ", failed " + counters.failed
      + (data.queued !== undefined ? ", queued " + data.queued : "");
  }

  function drawChart(buckets) {
    const canvas = $("chart");
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || canvas.width, height = canvas.clientHeight || canvas.height;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    if (!buckets.length) return;
    const max = Math.max(1, ...buckets.map((b) => b.requests));
    const style = getComputedStyle(document.documentElement);
    const step = width / buckets.length, bottom = height - 14;
    buckets.forEach((b, i) => {
      const h = (bottom - 4) * b.requests / max, f = (bottom - 4) * b.failures / max;
      g.fillStyle = style.getPropertyValue("--accent").trim();
      g.fillRect(i * step + 1, bottom - h, step - 2, h);
      g.fillStyle = style.getPropertyValue("--bad").trim();
      g.fillRect(i * step + 1, bottom - f, step - 2, f);
    });
    g.fillStyle = style.getPropertyValue("--muted").trim();
    g.font = "10px sans-serif";
    g.fillText(time(buckets[0].start), 2, height - 2);
    const last = time(buckets[buckets.length - 1].start);
    g.fillText(last, width - g.measureText(last).width - 2, height - 2);
    g.fillText(String(max), 2, 10);
  }

  function showError(message) {
    const error = $("error");
    error.hidden = !message;
    error.textContent = message || "";
  }

  async function load() {
    if (inFlight) return;
    inFlight = true;
    const started = performance.now();
    try {
      const q = query();
      $("export-ndjson").href = "api/export.ndjson?" + q;
      $("export-csv").href = "api/export.csv?" + q;
      const response = await fetch("api/events?" + q, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const data = await response.json();
      if (!response.ok) {
        showError(data.error || response.statusText);
        return;
      }
      showError("");
      const fetched = performance.now();
      const next = [q, data.matched, data.buffer.evicted, data.buffer.events, data.events.length ? data.events[0]["event.id"] : ""].join("|");
      if (next === version) return;
      version = next;
      renderRows(data.events);
      renderStats(data);
      window.httpAudit.renders++;
      if (first) {
        first = false;
        // measured for docs/live-view.md: fetch and parse, then building the DOM, then layout
        const rendered = performance.now();
        document.body.offsetHeight; // forces the layout of the new rows
        window.httpAudit.firstRender = { rows: data.events.length, fetchMs: fetched - started,
          renderMs: rendered - fetched, layoutMs: performance.now() - rendered, totalMs: performance.now() - started };
      }
    } catch (e) {
      showError("cannot reach the live view: " + e.message);
    } finally {
      inFlight = false;
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if ($("live").checked) await load();
      schedule();
    }, POLL_MILLIS);
  }

  function section(parent, title, content) {
    const h = document.createElement("h3");
    h.textContent = title;
    parent.appendChild(h);
    parent.appendChild(content);
  }

  function headersTable(headers) {
    const table = document.createElement("table");
    for (const [name, value] of Object.entries(headers || {})) {
      if (value === undefined || value === null) continue;
      const tr = document.createElement("tr");
      cell(tr, name);
      cell(tr, Array.isArray(value) ? value.join(", ") : value);
      table.appendChild(tr);
    }
    return table;
  }

  function bodyBlock(body) {
    const pre = document.createElement("pre");
    if (!body || body.content === undefined) {
      pre.textContent = body ? "(" + (body.bytes || 0) + " bytes, content not recorded)" : "(no body)";
      return pre;
    }
    let text = body.content;
    try { text = JSON.stringify(JSON.parse(text), null, 2); } catch (ignored) { /* not JSON: as sent */ }
    pre.textContent = text + (body.truncated ? "\n… (truncated)" : "");
    return pre;
  }

  async function detail(id) {
    const response = await fetch("api/events/" + encodeURIComponent(id), { credentials: "same-origin" });
    const doc = await response.json();
    const dialog = $("detail");
    const body = $("detail-body");
    body.replaceChildren();
    if (!response.ok) {
      $("detail-title").textContent = doc.error || response.statusText;
    } else {
      const http = doc.http || {};
      const request = http.request || {}, answer = http.response || {};
      $("detail-title").textContent = doc.message || id;
      const facts = headersTable({ "event.id": doc.event && doc.event.id, "@timestamp": doc["@timestamp"],
        "http.route": http.route, "user.name": doc.user && doc.user.name, "client.ip": doc.client && doc.client.ip,
        "http.request.id": request.id, "trace.id": doc.trace && doc.trace.id, "error": doc.error && doc.error.message });
      facts.id = "detail-facts";
      body.appendChild(facts);
      section(body, "Request headers", headersTable(request.headers));
      section(body, "Request body", bodyBlock(request.body));
      section(body, "Response headers", headersTable(answer.headers));
      section(body, "Response body", bodyBlock(answer.body));
      const raw = document.createElement("pre");
      raw.id = "detail-json";
      raw.textContent = JSON.stringify(doc, null, 2);
      section(body, "ECS document", raw);
    }
    if (!dialog.open) dialog.showModal();
  }

  $("events").addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-id]");
    if (row) detail(row.dataset.id).catch((err) => showError("cannot open the exchange: " + err.message));
  });
  let debounce = null;
  const refilter = () => { clearTimeout(debounce); debounce = setTimeout(() => { version = null; load(); }, 250); };
  form.addEventListener("input", refilter);
  form.addEventListener("reset", () => setTimeout(refilter));
  form.addEventListener("submit", (e) => { e.preventDefault(); refilter(); });
  load().then(schedule);
})();
