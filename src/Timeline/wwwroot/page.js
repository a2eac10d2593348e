// What the page's scripts share: element building, escaping, formatting and the field vocabularies.
// Values that reach the page go in as DOM text (el) or through esc(); links only to http(s) (safeHref).

export const byId = (id) => document.getElementById(id);
export const fmtDate = (iso) => new Date(iso + "T00:00:00Z").toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
export const fmtNumber = (n) => n.toLocaleString("en-GB");

// The choices the service accepts for a figure's fields (and a dismissal's reason).
export const VOCABULARY = {
  group: ["military", "civilian", "all"],
  measure: ["killed", "wounded", "killed-or-wounded", "missing", "captured", "deaths"],
  qualifier: ["", "exact", "approximately", "at-least", "at-most"],
  attribution: ["own-side", "adversary", "third-party"],
  reason: ["not-a-figure", "wrong-article", "duplicate", "other"],
};

const QUALIFIER_WORDS = { "exact": "", "approximately": "about ", "at-least": "at least ", "at-most": "at most " };
const QUALIFIER_MARKS = { "exact": "", "approximately": "≈ ", "at-least": "≥ ", "at-most": "≤ " };

// Safe in text and in quoted attributes alike: every character that could end either is encoded.
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Only http(s) links, re-serialised by the URL parser; anything else is shown as text.
export function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

// An element with its properties (class, data-*, DOM properties, else attributes) and children as text or nodes.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "data") Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

export function input(name, value, props = {}) {
  return el("label", {}, name, el("input", { name, value: value ?? "", ...props }));
}

export function select(name, value, options, label = name) {
  const s = el("select", { name }, ...options.map((o) => el("option", { value: o, textContent: o || "—" })));
  s.value = value ?? "";
  return el("label", {}, label, s);
}

// A problem's field errors as lines of text, or its title.
export function problemText(answer, status) {
  const errors = Object.entries(answer.errors ?? {}).map(([field, messages]) => `${field}: ${[].concat(messages).join("; ")}`);
  return errors.length ? errors.join("\n") : (answer.detail ?? answer.title ?? `refused (${status})`);
}

// "at least 1.1 million", "about 55,000", "400,000–440,000", or the words given.
export function describe(f, marks = false) {
  const words = marks ? QUALIFIER_MARKS : QUALIFIER_WORDS;
  if (f.value !== undefined && f.value !== null) return (words[f.qualifier] ?? "") + big(f.value);
  if (f.low !== undefined && f.low !== null) return `${words[f.qualifier] ?? ""}${big(f.low)}–${big(f.high)}`;
  return f.qualitative ? `“${f.qualitative}”` : "—";
}

export function big(n) {
  if (n >= 1_000_000 && n % 100_000 === 0) return `${(n / 1_000_000).toLocaleString("en-GB")} million`;
  return fmtNumber(n);
}

export async function api(path) {
  // Always revalidated: the page is told of changes live, so a cached answer may be stale (a 304 costs little).
  const response = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-cache" });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

export function report(error) {
  byId("live-text").textContent = `could not load: ${error.message}`;
}

const optional = (text) => (text === "" ? null : text);
const number = (text) => (text === "" ? null : Number(text));

// What a reviewer's card says, as the edits of POST /api/articles/{id}/candidates/{index}/record: field(name) is the
// text of the card's field of that name, undefined when it has none (a card without an amount in words keeps the candidate's).
export function editsOf(field, c) {
  const read = (name) => field(name) ?? "";
  const edits = { statedBy: read("statedBy"), statedOn: read("statedOn") };
  if (c.kind === "figure") {
    const words = field("qualitative");
    edits.figure = {
      party: read("party"), group: read("group"), measure: read("measure"),
      value: number(read("value")), low: number(read("low")), high: number(read("high")),
      qualifier: optional(read("qualifier")), qualitative: words === undefined ? c.figure.qualitative ?? null : optional(words),
      period: { from: read("from"), to: optional(read("to")) }, attribution: read("attribution"),
    };
  } else if (c.kind === "position") {
    edits.position = { party: read("party"), summary: read("summary") };
  } else {
    edits.negotiation = { ...c.negotiation, talks: read("talks"), venue: optional(read("venue")), day: number(read("day")) };
  }
  return edits;
}

// A reviewer's card: the candidate's fields as inputs, named as editsOf reads them. words: the amount-in-words field too.
export function fieldsOf(c, { words = false } = {}) {
  const common = [input("statedBy", c.statedBy), input("statedOn", c.statedOn, { type: "date" })];
  if (c.kind === "figure") {
    const f = c.figure;
    return [...common, input("party", f.party), select("group", f.group, VOCABULARY.group), select("measure", f.measure, VOCABULARY.measure),
      input("value", f.value, { type: "number", min: 0, step: 1 }), input("low", f.low, { type: "number", min: 0, step: 1 }),
      input("high", f.high, { type: "number", min: 0, step: 1 }), select("qualifier", f.qualifier, VOCABULARY.qualifier),
      ...(words ? [input("qualitative", f.qualitative)] : []), input("from", f.period.from, { type: "date" }), input("to", f.period.to, { type: "date" }),
      select("attribution", f.attribution, VOCABULARY.attribution)];
  }
  if (c.kind === "position") return [...common, input("party", c.position.party), input("summary", c.position.summary)];
  const n = c.negotiation;
  return [...common, input("talks", n.talks), input("venue", n.venue), input("day", n.day, { type: "number", min: 1, step: 1 })];
}
