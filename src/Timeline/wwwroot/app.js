// Timeline's page: charts of each series as of a date, the estimates table, the timeline, and
// live updates over Server-Sent Events. Everything comes from the service's own API.
import { byId as $, fmtDate, fmtNumber, esc, safeHref, describe, big, api, report } from "./page.js";

const WAR_START = "2022-02-24";
const DAY = 86400000;
const state = { asOf: null, series: [], selected: new Set(), charts: new Map(), histories: new Map() };

const today = () => new Date().toISOString().slice(0, 10);
const toDays = (iso) => Math.round(Date.parse(iso + "T00:00:00Z") / DAY);
const fromDays = (days) => new Date(days * DAY).toISOString().slice(0, 10);

// A series' whole history, page after page.
async function seriesHistory(id) {
  const entries = [];
  let url = `/api/estimates/${encodeURIComponent(id)}/history`;
  for (;;) {
    const page = await api(url);
    entries.push(...page.entries);
    if (!page.nextCursor) return entries;
    url = `/api/estimates/${encodeURIComponent(id)}/history?cursor=${encodeURIComponent(page.nextCursor)}`;
  }
}

// Every series' estimates, page after page; the cursor keeps every page at the first one's basis.
async function estimates(query) {
  const url = `/api/estimates?${query}${query ? "&" : ""}limit=500`;
  const first = await api(url);
  const series = [...first.series];
  for (let cursor = first.nextCursor; cursor;) {
    const page = await api(`${url}&cursor=${encodeURIComponent(cursor)}`);
    series.push(...page.series);
    cursor = page.nextCursor;
  }
  return { ...first, series, nextCursor: null };
}

// ---- as-of control, kept in the URL so a view can be shared and cited ----

function initAsOf() {
  const slider = $("asof-slider"), input = $("asof-date");
  slider.min = toDays(WAR_START);
  slider.max = toDays(today());
  input.max = today();
  const fromUrl = new URLSearchParams(location.search).get("asOf");
  setAsOf(fromUrl && /^\d{4}-\d{2}-\d{2}$/.test(fromUrl) ? fromUrl : today(), false);
  slider.addEventListener("input", () => setAsOf(fromDays(Number(slider.value)), true));
  input.addEventListener("change", () => { if (input.value) setAsOf(input.value, true); });
  $("asof-today").addEventListener("click", () => setAsOf(today(), true));
}

let redrawTimer = null;
function setAsOf(iso, push) {
  state.asOf = iso;
  $("asof-date").value = iso;
  $("asof-slider").value = toDays(iso);
  if (push) {
    const url = new URL(location.href);
    url.searchParams.set("asOf", iso);
    history.replaceState(null, "", url);
  }
  clearTimeout(redrawTimer);
  redrawTimer = setTimeout(() => refresh(false).catch(report), push ? 120 : 0);
}

// ---- data ----

async function refresh(reloadHistories) {
  const asOf = state.asOf;
  const [now, then] = await Promise.all([estimates(""), estimates(`asOf=${asOf}`)]);
  if (asOf !== state.asOf) return; // a newer date was chosen meanwhile
  state.series = now.series;
  if (reloadHistories) state.histories.clear();
  await Promise.all(state.series.map(async (s) => {
    if (!state.histories.has(s.id)) state.histories.set(s.id, await seriesHistory(s.id));
  }));
  renderPicker();
  renderCharts();
  renderTable(then);
  await renderTimeline();
}

// ---- series picker and charts ----

function renderPicker() {
  const picker = $("series-picker");
  for (const s of state.series) {
    if (picker.querySelector(`input[value="${CSS.escape(s.id)}"]`)) continue;
    state.selected.add(s.id);
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" value="${esc(s.id)}" checked> <span class="party-${esc(s.party)}">${esc(s.label)}</span>`;
    label.querySelector("input").addEventListener("change", (e) => {
      if (e.target.checked) state.selected.add(s.id); else state.selected.delete(s.id);
      renderCharts();
    });
    picker.appendChild(label);
  }
}

const PALETTES = {
  ukraine: ["#0057b7", "#3b82c4", "#1e3a8a", "#60a5fa", "#0e7490"],
  russia: ["#c8102e", "#e4572e", "#7f1d1d", "#f97316", "#9d174d"],
  other: ["#475569", "#7c3aed", "#059669", "#b45309", "#334155"],
};

// One step line per source: each point is the source's figure right after a change, up to asOf.
function datasetsFor(series) {
  const entries = (state.histories.get(series.id) ?? []).filter((e) => e.statedOn <= state.asOf);
  const bySource = new Map();
  for (const e of entries) {
    if (!bySource.has(e.statedBy)) bySource.set(e.statedBy, []);
    bySource.get(e.statedBy).push(e);
  }
  const palette = PALETTES[series.party] ?? PALETTES.other;
  const datasets = [];
  let i = 0;
  for (const [source, list] of bySource) {
    const color = palette[i++ % palette.length];
    const points = list.map((e) => ({ x: toDays(e.statedOn), after: e.after, entry: e }));
    const value = (p) => p.after ? (p.after.value ?? p.after.low ?? null) : null;
    const isRange = points.some((p) => p.after && p.after.low !== undefined && p.after.low !== null);
    const style = (p) => p.after?.qualifier === "at-least" ? "triangle" : p.after?.qualifier === "at-most" ? "rectRot" : "circle";
    // The source's figure holds until its next change: carry the last one on to the as-of date.
    const last = points[points.length - 1];
    if (last.after && last.x < toDays(state.asOf)) points.push({ x: toDays(state.asOf), after: last.after, entry: last.entry, carried: true });
    datasets.push({
      label: source, source, borderColor: color, backgroundColor: color, stepped: "before", spanGaps: false,
      pointStyle: points.map(style), pointRadius: points.map((p) => p.carried ? 0 : p.after?.qualifier === "at-least" ? 7 : 4),
      pointHoverRadius: points.map((p) => p.carried ? 0 : 8), pointHitRadius: points.map((p) => p.carried ? 0 : 6),
      data: points.map((p) => ({ x: p.x, y: value(p), meta: p })),
    });
    if (isRange) {
      // The high end of ranges, filled down to the low end: a band.
      datasets.push({
        label: `${source} (range)`, source, borderColor: color, backgroundColor: color + "33", stepped: "before", pointRadius: 0,
        fill: "-1", data: points.map((p) => ({ x: p.x, y: p.after ? (p.after.high ?? p.after.value ?? null) : null, meta: p })),
      });
    }
  }
  return datasets;
}

function renderCharts() {
  const box = $("charts");
  const visible = state.series.filter((s) => state.selected.has(s.id));
  for (const [id, chart] of state.charts) {
    if (!visible.some((s) => s.id === id)) { chart.destroy(); state.charts.delete(id); box.querySelector(`[data-series="${CSS.escape(id)}"]`)?.remove(); }
  }
  for (const s of visible) {
    let card = box.querySelector(`[data-series="${CSS.escape(s.id)}"]`);
    if (!card) {
      card = document.createElement("article");
      card.className = `chart-card ${s.party}`;
      card.dataset.series = s.id;
      card.innerHTML = `<h3 class="party-${esc(s.party)}">${esc(s.label)}</h3><p class="empty" hidden></p><div class="chart-box"><canvas role="img" aria-label="${esc(s.label)}: figures by source over time"></canvas></div>`;
      box.appendChild(card);
    }
    const datasets = datasetsFor(s);
    const empty = card.querySelector(".empty");
    const numeric = datasets.some((d) => d.data.some((p) => p.y !== null));
    const words = datasets.flatMap((d) => d.data.map((p) => p.meta.after?.qualitative)).filter(Boolean);
    empty.hidden = numeric;
    card.querySelector(".chart-box").hidden = !numeric;
    empty.textContent = datasets.length === 0
      ? `Nothing had been said about this as of ${fmtDate(state.asOf)}.`
      : `No number was given, only words: ${[...new Set(words)].map((w) => `“${w}”`).join(", ")}.`;
    const existing = state.charts.get(s.id);
    const xMax = toDays(state.asOf);
    if (existing) {
      existing.data.datasets = datasets;
      existing.options.scales.x.max = xMax;
      existing.update("none");
      continue;
    }
    state.charts.set(s.id, new Chart(card.querySelector("canvas"), chartOptions(s, datasets, xMax)));
  }
}

function chartOptions(series, datasets, xMax) {
  return {
    type: "line",
    data: { datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
      interaction: { mode: "nearest", intersect: true },
      scales: {
        x: { type: "linear", max: xMax, grace: "5%", title: { display: true, text: "Date stated" }, ticks: { callback: (v) => fmtDate(fromDays(v)), maxTicksLimit: 6 } },
        y: { beginAtZero: true, title: { display: true, text: `People (${series.measure.replaceAll("-", " ")})` }, ticks: { callback: (v) => fmtNumber(v) } },
      },
      plugins: {
        legend: { labels: { filter: (item) => !item.text.endsWith("(range)") } },
        tooltip: {
          callbacks: {
            title: (items) => fmtDate(fromDays(items[0].raw.x)),
            label: (item) => {
              const { entry, after } = item.raw.meta;
              const what = entry.change === "retracted" ? "retracted" : entry.change === "corrected" ? `corrected to ${describe(entry, true)}` : describe(entry, true);
              return `${entry.statedBy}: ${what}${after && entry.change === "retracted" ? ` (now ${describe(after, true)})` : ""}`;
            },
            afterLabel: (item) => {
              const after = item.raw.meta.after;
              return after ? [`“${after.quote}”`, `— ${after.source.title}${after.source.url ? ` (${after.source.url})` : ""}`] : [];
            },
          },
        },
      },
      onClick: (_, elements, chart) => {
        const el = elements[0];
        if (!el) return;
        const meta = chart.data.datasets[el.datasetIndex].data[el.index].meta;
        // Only an http(s) source opens (safeHref); anything else opens the statement itself.
        const url = safeHref(meta.after?.source?.url) ?? `/api/statements/${meta.entry.statementId}`;
        window.open(url, "_blank", "noopener");
      },
    },
  };
}

// ---- the estimates table ----

function renderTable(answer) {
  $("table-asof").textContent = fmtDate(answer.asOf);
  $("basis").textContent = `basis ${answer.basis}`;
  $("basis").title = "Cite this with the date to reproduce the figures exactly: ?asOf=…&knownAt=basis";
  const body = $("estimates").querySelector("tbody");
  body.innerHTML = answer.series.length === 0
    ? `<tr><td colspan="4" class="muted">Nothing had been said as of ${esc(fmtDate(answer.asOf))}.</td></tr>`
    : answer.series.map((s) => `
      <tr data-series="${esc(s.id)}">
        <th scope="row" class="party-${esc(s.party)}">${esc(s.label)}</th>
        <td class="latest">${esc(describe(s.latest))}<div class="muted">${esc(s.latest.statedBy)}, ${esc(fmtDate(s.latest.statedOn))}</div></td>
        <td><ul>${s.bySource.map((e) => `<li>${esc(e.statedBy)}: <span class="figure">${esc(describe(e))}</span> <span class="muted">(${esc(fmtDate(e.statedOn))})</span></li>`).join("")}</ul></td>
        <td>${s.range ? esc(s.range.low === s.range.high ? big(s.range.low) : `${big(s.range.low)}–${big(s.range.high)}`) : "—"}</td>
      </tr>`).join("");
}

// ---- the timeline ----

let timelineItems = [];
async function renderTimeline() {
  const page = await api(`/api/timeline?to=${state.asOf}&limit=500`);
  timelineItems = page.items;
  fillFilter("f-party", [...new Set(timelineItems.flatMap((s) => s.parties))].sort());
  fillFilter("f-source", [...new Set(timelineItems.map((s) => s.statedBy))].sort());
  drawTimeline();
}

function fillFilter(id, values) {
  const select = $(id);
  const known = new Set([...select.options].map((o) => o.value));
  for (const v of values) if (!known.has(v)) select.add(new Option(v, v));
}

function drawTimeline() {
  const kind = $("f-kind").value, party = $("f-party").value, source = $("f-source").value;
  const items = timelineItems.filter((s) => (!kind || s.kind === kind) && (!party || s.parties.includes(party)) && (!source || s.statedBy === source));
  $("timeline").innerHTML = items.map((s) => {
    const retracted = s.revisions.some((r) => r.change === "retracted" && r.statedOn <= state.asOf);
    return `<li data-statement="${esc(s.id)}" class="${retracted ? "is-retracted" : ""}">
      <div class="meta"><span class="badge">${esc(s.kind.replace("-", " "))}</span>${esc(fmtDate(s.statedOn))} · ${esc(s.statedBy)}${retracted ? " · retracted" : ""}</div>
      <div class="${retracted ? "retracted" : ""}">${summary(s)}</div>
      <blockquote>“${esc(s.quote)}”</blockquote>
      <div class="meta">${safeHref(s.source.url) ? `<a href="${esc(safeHref(s.source.url))}" rel="noopener noreferrer" target="_blank">${esc(s.source.title)}</a>` : esc(s.source.title)}${s.source.publisher ? `, ${esc(s.source.publisher)}` : ""}</div>
    </li>`;
  }).join("") || `<li class="muted">No statements match.</li>`;
}

function summary(s) {
  if (s.kind === "figure") {
    const f = s.figure;
    const period = f.period.to ? `${fmtDate(f.period.from)} – ${fmtDate(f.period.to)}` : `since ${fmtDate(f.period.from)}`;
    return `<strong class="party-${esc(f.party)}">${esc(f.party)}</strong> ${esc(f.group)} ${esc(f.measure.replaceAll("-", " "))}: <strong>${esc(describe(f))}</strong> <span class="muted">(${esc(period)}, ${esc(f.attribution.replace("-", " "))})</span>`;
  }
  if (s.kind === "negotiation-day") {
    const n = s.negotiation;
    return `<strong>${esc(n.talks)}</strong>, ${esc(n.venue)}${n.day ? `, day ${n.day}` : ""}` +
      (n.assessments.length ? `<br>${n.assessments.map((a) => `${esc(a.by)}: “${esc(a.said)}”`).join("; ")}` : "") +
      (n.openIssues.length ? `<br><span class="muted">Open issues:</span> ${n.openIssues.map(esc).join("; ")}` : "");
  }
  return `<strong class="party-${esc(s.position.party)}">${esc(s.position.party)}</strong>: ${esc(s.position.summary)}`;
}

// ---- live: new statements appear without reloading; EventSource resumes with Last-Event-ID ----

function connectLive() {
  const live = $("live"), text = $("live-text");
  const source = new EventSource("/api/subscribe");
  let pending = null;
  const changed = () => {
    clearTimeout(pending);
    pending = setTimeout(() => { refresh(true).catch(report); window.dispatchEvent(new Event("timeline:changed")); }, 150);
  };
  source.onopen = () => { live.className = "live connected"; text.textContent = "live"; };
  source.onerror = () => { live.className = "live reconnecting"; text.textContent = "reconnecting…"; };
  for (const type of ["figure-reported", "negotiation-day-held", "position-stated", "statement-corrected", "statement-retracted", "statement-republished"])
    source.addEventListener(type, changed);
}

["f-kind", "f-party", "f-source"].forEach((id) => $(id).addEventListener("change", drawTimeline));
initAsOf();
connectLive();
