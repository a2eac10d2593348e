// "Review": the queue of candidates waiting across articles (GET /api/review), each quote marked in
// its paragraph with its fields beside it to edit in place; accept or dismiss by button or from the
// keyboard (j/k to move, a to accept, d to dismiss, Escape to leave a field); new articles and the
// count of what waits arrive live (/api/review/live). Every value is put in the page as DOM text.
import { byId, el, select, problemText, editsOf, fieldsOf, VOCABULARY } from "./page.js";

const queue = () => byId("review-queue");
let nextCursor = null;
let live = null;

const status = (text) => { byId("review-status").textContent = text; };
const keyOf = (item) => `${item.articleId}/${item.index}`;
const isHttp = (url) => typeof url === "string" && /^https?:\/\//i.test(url);

function showCount(counts) {
  if (!counts) return;
  byId("review-count").textContent = `${counts.pending.toLocaleString("en")} waiting`;
  byId("review-decided").textContent = `${counts.recorded.toLocaleString("en")} recorded, ${counts.dismissed.toLocaleString("en")} dismissed`;
}

// The paragraph as text, the quote marked where the listing says it stands.
function paragraphOf(p) {
  return el("p", { class: "paragraph" }, p.text.slice(0, p.quoteStart), el("mark", { textContent: p.text.slice(p.quoteStart, p.quoteEnd) }), p.text.slice(p.quoteEnd));
}

function card(item) {
  const c = item.candidate;
  const source = item.source;
  const title = isHttp(source.url) ? el("a", { href: source.url, rel: "noopener noreferrer", target: "_blank", textContent: source.title }) : el("span", { textContent: source.title });
  const already = c.recordedAs ? "recorded from this article before the desk: accepting notes it" : c.duplicateOf ? "already recorded from elsewhere: accepting adds this article" : "";
  const node = el("li", { class: "review-item", tabIndex: -1, data: { article: item.articleId, index: item.index, kind: c.kind } },
    el("div", { class: "head" }, el("span", { class: "badge", textContent: c.kind.replace("-", " ") }), title,
      el("span", { class: "muted", textContent: ` · ${source.publisher ? `${source.publisher} · ` : ""}candidate ${item.index + 1} · confidence ${Math.round(c.confidence * 100)} %` })),
    paragraphOf(item.paragraph),
    el("div", { class: "grid" }, ...fieldsOf(c)),
    el("div", { class: "actions" },
      el("button", { type: "button", class: "accept", textContent: "Accept (a)" }),
      select("reason", "not-a-figure", VOCABULARY.reason, "dismiss as"),
      el("label", {}, "note", el("input", { name: "note", maxLength: 1000 })),
      el("button", { type: "button", class: "dismiss", textContent: "Dismiss (d)" })),
    el("span", { class: "outcome", role: "status", textContent: already }));
  node._item = item;
  node.querySelector(".accept").addEventListener("click", () => decide(node, "accept"));
  node.querySelector(".dismiss").addEventListener("click", () => decide(node, "dismiss"));
  node.addEventListener("focusin", () => select_(node, false));
  return node;
}

const cards = () => [...queue().querySelectorAll("li.review-item")];
const selected = () => queue().querySelector("li.review-item.selected");

function select_(node, focus = true) {
  if (!node) return;
  cards().forEach((n) => n.classList.toggle("selected", n === node));
  if (focus) { node.focus({ preventScroll: true }); node.scrollIntoView({ block: "nearest" }); }
}

function move(step) {
  const all = cards();
  if (all.length === 0) return;
  const at = all.indexOf(selected());
  select_(all[Math.min(all.length - 1, Math.max(0, at < 0 ? 0 : at + step))]);
}

const value = (node, name) => node.querySelector(`.grid [name="${name}"]`)?.value.trim();

async function decide(node, how) {
  if (!node || node.classList.contains("done")) return;
  const key = byId("review-key").value.trim();
  if (!key) { status("A write key is needed to accept or dismiss."); byId("review-key").focus(); return; }
  const item = node._item;
  const base = `/api/articles/${encodeURIComponent(item.articleId)}/candidates/${encodeURIComponent(item.index)}`;
  const body = how === "accept" ? editsOf((name) => value(node, name), item.candidate)
    : { reason: node.querySelector("[name=reason]").value, ...(node.querySelector("[name=note]").value.trim() ? { note: node.querySelector("[name=note]").value.trim() } : {}) };
  const outcome = node.querySelector(".outcome");
  outcome.className = "outcome";
  outcome.textContent = how === "accept" ? "recording…" : "dismissing…";
  const response = await fetch(`${base}/${how === "accept" ? "record" : "dismiss"}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    outcome.className = "outcome error";
    outcome.textContent = problemText(answer, response.status);
    return;
  }
  outcome.className = "outcome ok";
  outcome.textContent = how === "accept" ? (answer.duplicate ? "recorded (already known)" : "recorded") : `dismissed: ${answer.reason}`;
  node.classList.add("done");
  node.querySelectorAll("input, select, button").forEach((n) => { n.disabled = true; });
  const rest = cards().filter((n) => !n.classList.contains("done"));
  select_(rest.find((n) => cards().indexOf(n) > cards().indexOf(node)) ?? rest[0] ?? node);
}

async function load(reset) {
  if (cards().length === 0) reset = false;
  const url = new URL("/api/review", location.origin);
  url.searchParams.set("state", "pending");
  url.searchParams.set("limit", "20");
  if (!reset && nextCursor) url.searchParams.set("cursor", nextCursor);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) { status(`Could not read the queue (${response.status}).`); return; }
  const page = await response.json();
  showCount(page.counts);
  const known = new Set(cards().map((n) => keyOf(n._item)));
  const fresh = page.items.filter((i) => !known.has(keyOf(i))).map(card);
  if (reset) {
    // Newer articles go above what is on screen, so nothing the reviewer is editing is rebuilt.
    queue().prepend(...fresh);
  } else {
    queue().append(...fresh);
    nextCursor = page.nextCursor ?? null;
  }
  byId("review-more").hidden = !nextCursor;
  byId("review-empty").hidden = cards().length > 0;
  if (!selected()) select_(cards().find((n) => !n.classList.contains("done")), false);
}

function connect() {
  if (live) return;
  live = new EventSource("/api/review/live");
  live.addEventListener("counts", (e) => showCount(JSON.parse(e.data)));
  live.addEventListener("article", (e) => {
    const a = JSON.parse(e.data);
    byId("review-arrived").textContent = `New: ${a.source.title} (${a.candidates} candidate${a.candidates === 1 ? "" : "s"})`;
    if (a.candidates > 0) load(true).catch((error) => status(`Could not read the queue: ${error.message}`));
  });
}

function onKey(e) {
  if (!byId("review").open || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) {
    // Escape leaves the field for the card, so the keys move and decide again.
    if (e.key === "Escape" && t.closest("#review-queue")) { e.preventDefault(); select_(t.closest("li.review-item")); }
    return;
  }
  const actions = { j: () => move(1), k: () => move(-1), a: () => decide(selected(), "accept"), d: () => decide(selected(), "dismiss") };
  if (!actions[e.key]) return;
  e.preventDefault();
  Promise.resolve(actions[e.key]()).catch((error) => status(`Could not send: ${error.message}`));
}

byId("review").addEventListener("toggle", () => {
  if (!byId("review").open) return;
  connect();
  if (cards().length === 0) load(false).catch((error) => status(`Could not read the queue: ${error.message}`));
});
// The count shows before the view is opened; the live stream starts only when it is.
fetch("/api/review?limit=1", { headers: { Accept: "application/json" } })
  .then((r) => (r.ok ? r.json() : null)).then((page) => showCount(page?.counts)).catch(() => {});
byId("review-more").addEventListener("click", () => load(false).catch((error) => status(`Could not read the queue: ${error.message}`)));
document.addEventListener("keydown", onKey);
