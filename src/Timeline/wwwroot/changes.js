// "What changed": the series whose estimate moved between two dates (kept in the URL), before →
// after, and the statements that moved it, from GET /api/changes. Values are encoded with esc();
// links go only to http(s) addresses (safeHref).
import { byId, fmtDate, fmtNumber, esc, safeHref, describe, api, report } from "./page.js";

const weekAgo = () => new Date(Date.now() - 7 * 86400000).toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function percent(relative) {
  return relative === null || relative === undefined ? "" : ` (${relative > 0 ? "+" : ""}${(relative * 100).toFixed(1)} %)`;
}

// "+3,000 (+7.0 %)" for a value; "low +5,000, high +2,000" for a range; "" where words only.
function delta(change) {
  if (!change) return "";
  const d = (x) => `${x.absolute > 0 ? "+" : ""}${fmtNumber(x.absolute)}${percent(x.relative)}`;
  if (change.value) return d(change.value);
  return `low ${d(change.low)}, high ${d(change.high)}`;
}

function direction(change) {
  const x = change?.value ?? change?.high;
  return !x || x.absolute === 0 ? "" : x.absolute > 0 ? "up" : "down";
}

function sourceLink(s) {
  const href = safeHref(s.source.url);
  return href ? `<a href="${esc(href)}" rel="noopener noreferrer" target="_blank">${esc(s.source.title)}</a>` : esc(s.source.title);
}

// Dates a reader chose go into the URL, so the view can be shared; the defaults stay out of it.
async function load(chosen = false) {
  const from = byId("changes-from").value, to = byId("changes-to").value;
  if (!DATE.test(from) || !DATE.test(to)) return;
  if (chosen) {
    const url = new URL(location.href);
    url.searchParams.set("changesFrom", from);
    url.searchParams.set("changesTo", to);
    history.replaceState(null, "", url);
  }
  if (from > to) { byId("changes-summary").textContent = "The first date must be on or before the second."; byId("changes").replaceChildren(); return; }
  const answer = await api(`/api/changes?from=${from}&to=${to}`);
  if (byId("changes-from").value !== from || byId("changes-to").value !== to) return; // newer dates chosen meanwhile
  byId("changes-summary").textContent = answer.series.length === 0
    ? `No estimate moved between ${fmtDate(from)} and ${fmtDate(to)} (basis ${answer.basis}).`
    : `${answer.series.length} series moved between ${fmtDate(from)} and ${fmtDate(to)} (basis ${answer.basis}).`;
  byId("changes").innerHTML = answer.series.map((s) => `
    <li data-series="${esc(s.id)}">
      <div><strong class="party-${esc(s.party)}">${esc(s.label)}</strong></div>
      <div>${s.before ? esc(describe(s.before.latest)) : "nothing"} → <strong>${s.after ? esc(describe(s.after.latest)) : "nothing"}</strong>
        <span class="delta ${direction(s.latest)}">${esc(delta(s.latest))}</span></div>
      <ol class="moves">${s.statements.map((m) => `
        <li data-statement="${esc(m.statementId)}"><span class="muted">${esc(fmtDate(m.statedOn))}</span> · ${esc(m.statedBy)}: ${esc(m.explanation)}
          <blockquote>“${esc(m.quote)}”</blockquote><div class="meta">${sourceLink(m)}</div></li>`).join("")}
      </ol>
      ${s.more ? `<div class="meta">More statements moved it: <a href="${esc(s.more)}">see its history</a></div>` : ""}
    </li>`).join("");
}

const params = new URLSearchParams(location.search);
byId("changes-from").value = DATE.test(params.get("changesFrom") ?? "") ? params.get("changesFrom") : weekAgo();
byId("changes-to").value = DATE.test(params.get("changesTo") ?? "") ? params.get("changesTo") : new Date().toISOString().slice(0, 10);
for (const id of ["changes-from", "changes-to"]) byId(id).addEventListener("change", () => load(true).catch(report));
load().catch(report);
// Live: what is recorded may move the answer; the page's own stream says when.
window.addEventListener("timeline:changed", () => load().catch(report));
