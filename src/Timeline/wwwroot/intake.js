// "Add from an article": archive a pasted article, mark each candidate's quote in the archived
// text, let a person correct the fields, and record the accepted ones. Everything shown is built
// as DOM text (never parsed as HTML): an article is hostile input like any other.
import { byId, el, problemText, editsOf, fieldsOf } from "./page.js";

let article = null;

function status(text) { byId("intake-status").textContent = text; }

// Pasted HTML (a saved page, a copied source) goes as html and is reduced to the article's text by the service.
const looksLikeHtml = (text) => /^\s*<(!doctype|html|head|body|article|div|p|section|main)\b/i.test(text);

async function send(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${byId("intake-key").value.trim()}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, answer };
}

async function find(event) {
  event.preventDefault();
  const text = byId("intake-text").value;
  if (!text.trim()) return status("Paste the article first.");
  if (!byId("intake-title").value.trim()) return status("Give the article's title.");
  if (!byId("intake-key").value.trim()) return status("A write key is needed to archive and record.");
  const source = { title: byId("intake-title").value.trim() };
  if (byId("intake-url").value.trim()) source.url = byId("intake-url").value.trim();
  if (byId("intake-publisher").value.trim()) source.publisher = byId("intake-publisher").value.trim();
  if (byId("intake-published").value) source.publishedOn = byId("intake-published").value;
  status("Archiving…");
  const { ok, status: code, answer } = await send("/api/articles", looksLikeHtml(text) ? { html: text, source } : { text, source });
  if (!ok) return status(problemText(answer, code));
  const { answer: stored } = await getArticle(answer.id);
  article = stored;
  status(`${answer.duplicate ? "Already archived" : "Archived"}: ${stored.candidates.length} statement${stored.candidates.length === 1 ? "" : "s"} found.`);
  render();
}

async function getArticle(id) {
  const response = await fetch(`/api/articles/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
  return { answer: await response.json() };
}

// The archived text with each candidate's quote marked; where quotes overlap, the later one is marked from where the earlier ends.
function renderArticle() {
  const box = byId("intake-article");
  box.replaceChildren();
  const text = article.text;
  let at = 0;
  for (const c of [...article.candidates].sort((a, b) => a.start - b.start)) {
    const start = Math.max(c.start, at);
    if (start >= c.end) continue;
    if (start > at) box.append(text.slice(at, start));
    const mark = el("mark", { data: { index: c.index }, title: `${c.kind}: ${c.statedBy}` }, text.slice(start, c.end));
    mark.addEventListener("click", () => focusCandidate(c.index, true));
    box.append(mark);
    at = c.end;
  }
  box.append(text.slice(at));
  // The extractor's limits stopped it before the end: say so where the reviewer reads.
  if (article.truncated) box.prepend(el("p", { class: "muted", role: "note", id: "intake-truncated",
    textContent: "This article was read only in part (it was too long or too dense to read whole within the limits): the text after the last mark has no candidates." }));
}

function focusCandidate(index, scroll = false) {
  document.querySelectorAll("#intake-review .active").forEach((n) => n.classList.remove("active"));
  const card = byId("intake-candidates").querySelector(`li[data-index="${index}"]`);
  byId("intake-article").querySelector(`mark[data-index="${index}"]`)?.classList.add("active");
  card?.classList.add("active");
  if (scroll) card?.scrollIntoView({ block: "nearest" });
}

function renderCandidates() {
  const list = byId("intake-candidates");
  list.replaceChildren(...article.candidates.map((c) => {
    const recorded = c.recordedAs !== undefined && c.recordedAs !== null;
    const outcome = el("span", { class: `outcome${recorded ? " ok" : ""}`, role: "status" },
      recorded ? "recorded" : c.duplicateOf ? "already recorded from elsewhere; recording adds this article" : "");
    // A figure below the confidence the corpus says keeps 95 % of the right ones starts unticked: shown, not assumed.
    const doubtful = c.kind === "figure" && c.confidence < (article.threshold ?? 0);
    const accept = el("input", { type: "checkbox", class: "accept", checked: !recorded && !doubtful, "aria-label": `Accept statement ${c.index + 1}` });
    const negotiationNote = c.kind === "negotiation-day"
      ? el("p", { class: "muted", textContent: `Parties: ${c.negotiation.parties.join(", ")}. ${c.negotiation.assessments.map((a) => `${a.by}: “${a.said}”`).join("; ")}` +
          (c.negotiation.openIssues.length ? ` Open issues: ${c.negotiation.openIssues.join("; ")}.` : "") })
      : null;
    const card = el("li", { data: { index: c.index, kind: c.kind } },
      el("label", { class: "head" }, accept, " ", el("span", { class: "badge", textContent: c.kind.replace("-", " ") }),
        el("span", { class: "muted", textContent: `confidence ${Math.round(c.confidence * 100)} %${doubtful ? " (below the page's threshold: check before accepting)" : ""}` })),
      el("blockquote", { textContent: `“${c.quote}”` }),
      el("div", { class: "grid" }, ...fieldsOf(c, { words: true })),
      negotiationNote,
      outcome);
    card.addEventListener("focusin", () => focusCandidate(c.index));
    return card;
  }));
}

function render() {
  byId("intake-review").hidden = false;
  renderArticle();
  renderCandidates();
}

const value = (card, name) => card.querySelector(`[name="${name}"]`)?.value.trim();

async function recordAccepted() {
  if (!article) return;
  if (!byId("intake-key").value.trim()) return status("A write key is needed to record.");
  const cards = [...byId("intake-candidates").querySelectorAll("li")].filter((card) => card.querySelector(".accept").checked);
  if (cards.length === 0) return status("Nothing is accepted: check the statements to record.");
  let recorded = 0, refused = 0;
  for (const card of cards) {
    const c = article.candidates[Number(card.dataset.index)];
    const outcome = card.querySelector(".outcome");
    const { ok, status: code, answer } = await send(`/api/articles/${encodeURIComponent(article.id)}/candidates/${c.index}/record`, editsOf((name) => value(card, name), c));
    outcome.className = `outcome ${ok ? "ok" : "error"}`;
    outcome.textContent = ok ? (answer.duplicate ? "already recorded" : "recorded") : problemText(answer, code);
    if (ok) { recorded++; card.querySelector(".accept").checked = false; } else refused++;
  }
  status(`${recorded} recorded${refused ? `, ${refused} refused (see the marked statements)` : ""}.`);
}

byId("intake-form").addEventListener("submit", (e) => find(e).catch((error) => status(`Could not archive: ${error.message}`)));
byId("intake-record").addEventListener("click", () => recordAccepted().catch((error) => status(`Could not record: ${error.message}`)));
