// The explorer of report.html: lists, filters, search, map and charts over the posts in the page.
// No network and no framework. Everything a post holds goes into the page with textContent, never
// as markup. The data is the JSON island written by mining/report/explorer/page.py.
(function () {
  "use strict";
  const root = document.querySelector("[data-explorer]");
  if (!root) return;
  const data = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  const P = data.posts;
  const N = P.id.length;
  const PAGE = 100;
  const GREY = "#c8c8cc";
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173",
    "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"];
  const LANG_COLORS = {he: "#1f77b4", el: "#2ca02c", en: "#ff7f0e", other: "#7f7f7f", und: "#bbbbbb"};
  const DIRS = {he: "rtl", el: "ltr", en: "ltr"};  // other languages: the first letter decides
  const $ = (selector) => root.querySelector(selector);

  const state = {group: null, lang: "", type: "", sentiment: "", channel: "", from: null, to: null,
    query: "", box: null, sort: "newest", shown: PAGE, colorBy: "topic"};

  function node(tag, attrs, text) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) element.setAttribute(name, value);
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }

  // ---- Search: the query folded as mining.normalize.fold_text folds (with one spelling of geresh
  // and gershayim), its words looked up in the vocabulary of counting keys made by the Python side.
  const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]/g;
  function fold(text) {
    return text.replace(INVISIBLE, "").replace(/[״”]/g, '"').replace(/[׳’]/g, "'")
      .replace(/''/g, '"').normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC")
      .toLowerCase().replace(/σ(?![\p{L}\p{N}_])/gu, "ς");
  }
  const vocab = new Map(Object.entries(data.vocab));
  const HEBREW = /^[\u05d0-\u05ea]/;
  const LATIN = /^[a-z]+$/;
  const PLURALS = [["ies", "y"], ["es", ""], ["s", ""]];

  function keyOf(word) {
    if (vocab.has(word)) return vocab.get(word);
    if (HEBREW.test(word)) {
      // a prefix stack (shallowest first); a remainder never starts with a single vav
      for (const prefix of data.prefixes) {
        const rest = word.slice(prefix.length);
        if (!word.startsWith(prefix) || rest.length < 2) continue;
        if (rest[0] === "ו" && !rest.startsWith("וו")) continue;
        if (vocab.has(rest)) return vocab.get(rest);
      }
    }
    if (LATIN.test(word)) {
      for (const [end, add] of PLURALS) {
        const stem = word.slice(0, -end.length) + add;
        if (word.endsWith(end) && vocab.has(stem)) return vocab.get(stem);
      }
    }
    return -1;
  }

  // A word in Latin letters is read as Greeklish too, as the analysis reads Greeklish posts: its
  // spelling shared with Greek (mining.lang.el.skeleton; the table is data.greeklish.spellings)
  // looked up among the Greek spellings' (data.greeklish.keys): "tilefono" finds "τηλέφωνο".
  const SHARED = new Map(Object.entries(data.greeklish ? data.greeklish.spellings : {}));
  const SHARED_KEYS = new Map(Object.entries(data.greeklish ? data.greeklish.keys : {}));
  const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const SHARED_RE = new RegExp([...SHARED.keys()].sort((a, b) => b.length - a.length)
    .map(escaped).join("|") || "(?!)", "g");
  const GREEKLISH = /^(?=.*[a-z])[a-z0-9]{3,}$/;
  const skeleton = (word) => word.replace(SHARED_RE, (m) => SHARED.get(m)).replace(/(.)\1+/g, "$1");
  function greekKeys(word) {
    if (!GREEKLISH.test(word)) return [];
    // "th" is θ (thema) or τη (thlefwno), as mining.lang.el.readings has it
    const readings = word.includes("th") ? [word, word.replaceAll("th", "ti")] : [word];
    return readings.flatMap((reading) => SHARED_KEYS.get(skeleton(reading)) || []);
  }

  let foldedTexts = null;
  function foldedText(i) {
    if (!foldedTexts) foldedTexts = P.text.map(fold);
    return foldedTexts[i];
  }

  const WORD = /[\p{L}\p{N}]+(?:['"][\p{L}\p{N}]+)*/gu;
  function queryWords() {
    const words = fold(state.query).match(WORD) || [];
    return words.map((text) => ({text, key: keyOf(text), greek: greekKeys(text)}));
  }

  function matchesWord(i, word) {
    return (word.key >= 0 ? P.keys[i].includes(word.key) : foldedText(i).includes(word.text))
      || word.greek.some((key) => P.keys[i].includes(key));
  }

  // A post holding the query's words as typed (whole words, case and all) comes first, then one
  // holding them as whole words in any case and accent, then the other forms and parts of words:
  // "PIN" lists a card's PIN before Pinterest's pins (review 13, R13-5). Each tier in the order
  // chosen. The query's words are escaped: they are matched as text, never as a pattern.
  const whole = (word) => new RegExp("(?<![\\p{L}\\p{N}])" + escaped(word) + "(?![\\p{L}\\p{N}])", "u");
  function exactness(list) {
    const typed = state.query.replace(INVISIBLE, "").match(WORD) || [];
    if (!typed.length) return null;
    const exact = typed.map(whole), folded = typed.map((word) => whole(fold(word)));
    const rank = new Map();
    for (const i of list) {
      rank.set(i, exact.every((r) => r.test(P.text[i])) ? 2 : folded.every((r) => r.test(foldedText(i))) ? 1 : 0);
    }
    return rank;
  }

  // ---- Filtering: every filter but the chosen challenge or topic gives the counts beside each
  // of them; the chosen one then narrows the list.
  // Days and times in the zone the run read its posts in (data.zone: Asia/Jerusalem,
  // Europe/Athens, or UTC), as the members saw them in their chat.
  const ZONE = data.zone || "UTC";
  let clock = null;
  try {
    clock = new Intl.DateTimeFormat("en-GB", {timeZone: ZONE, year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23"});
  } catch (e) {
    clock = null;  // a browser without the zone: UTC
  }
  function wallClock(seconds) {  // [year, month, day, hour, minute, second] in ZONE
    if (!clock) {
      const d = new Date(seconds * 1000);
      return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
    }
    const parts = {};
    for (const p of clock.formatToParts(new Date(seconds * 1000))) parts[p.type] = Number(p.value);
    return [parts.year, parts.month, parts.day, parts.hour % 24, parts.minute, parts.second];
  }
  const offsetAt = (seconds) => {  // ZONE's clock minus UTC, in seconds
    const [y, mo, d, h, mi, s] = wallClock(seconds);
    return Date.UTC(y, mo - 1, d, h, mi, s) / 1000 - seconds;
  };
  const dayStart = (value) => {  // midnight of a "YYYY-MM-DD" day in ZONE
    if (!value) return null;
    const utc = Date.parse(value + "T00:00:00Z") / 1000;
    return utc - offsetAt(utc - offsetAt(utc));
  };
  const nextDay = (value) => new Date(Date.parse(value + "T00:00:00Z") + 86400000).toISOString().slice(0, 10);

  function baseIndices() {
    const words = queryWords();
    const code = (list, value) => (value === "" ? -1 : list.indexOf(value));
    const lang = code(data.langs, state.lang), type = code(data.types, state.type);
    const sentiment = code(data.sentiments, state.sentiment);
    const channel = state.channel === "" ? -1 : Number(state.channel);
    const from = dayStart(state.from), to = state.to ? dayStart(nextDay(state.to)) : null;
    const out = [];
    for (let i = 0; i < N; i++) {
      if ((lang >= 0 && P.lang[i] !== lang) || (type >= 0 && P.type[i] !== type)) continue;
      if ((sentiment >= 0 && P.sentiment[i] !== sentiment) || (channel >= 0 && P.channel[i] !== channel)) continue;
      if ((from !== null || to !== null) && P.time[i] === null) continue;
      if ((from !== null && P.time[i] < from) || (to !== null && P.time[i] >= to)) continue;
      if (state.box && !state.box.has(i)) continue;
      if (!words.every((word) => matchesWord(i, word))) continue;
      out.push(i);
    }
    return out;
  }

  const inGroup = (i, group) => (group.kind === "challenge" ? P.challenge[i] : P.topic[i]) === group.num;

  const timeOr = (i, missing) => (P.time[i] === null ? missing : P.time[i]);
  const SORTS = {  // posts without a time go last
    newest: (a, b) => timeOr(b, -1e15) - timeOr(a, -1e15),
    oldest: (a, b) => timeOr(a, 1e15) - timeOr(b, 1e15),
    reactions: (a, b) => P.reactions[b] - P.reactions[a],
    replies: (a, b) => P.replies[b] - P.replies[a],
  };

  // ---- The posts list
  const topicLabel = new Map(data.topics.map((t) => [t.id, t.label]));
  const challengeById = new Map(data.challenges.map((c) => [c.num, c]));

  function timeText(seconds) {
    if (seconds === null) return "no time";
    const [y, mo, d, h, mi] = wallClock(seconds);
    const two = (n) => String(n).padStart(2, "0");
    return `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)} ${clock ? ZONE : "UTC"}`;
  }

  function safeLink(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]/i.test(url) ? url : null;
  }

  // a fixed left-to-right prefix, then a name in any script kept apart (a Hebrew name would
  // otherwise carry the prefix to its right)
  function labelled(prefix, name) {
    const span = node("span", {}, prefix);
    span.append(node("bdi", {}, name));
    return span;
  }

  // its file and id there, as the report's quotes show them: the id alone when the run read one
  // file (its name on hover, as "#3897" could be read as a channel's), a name in any script kept
  // apart from the id
  function postRef(i) {
    const file = P.file ? data.files[P.file[i]] : data.files[0];
    const span = node("span", {title: (file || "") + " #" + P.record[i]});
    if (P.file && P.file[i] >= 0) span.append(node("bdi", {}, file), " ");
    span.append("#" + P.record[i]);
    return span;
  }

  function postMeta(i) {
    const meta = node("div", {class: "ex-meta", dir: "ltr"});
    const lang = data.langs[P.lang[i]];
    meta.append(node("span", {}, data.lang_names[lang] || lang || "?"));
    if (P.type[i] >= 0) meta.append(node("span", {class: "ex-tag " + data.types[P.type[i]]}, data.types[P.type[i]]));
    if (P.sentiment[i] >= 0) {
      meta.append(node("span", {class: "ex-tag " + data.sentiments[P.sentiment[i]]}, data.sentiments[P.sentiment[i]]));
    }
    if (P.author[i] >= 0) meta.append(node("bdi", {}, data.authors[P.author[i]]));
    if (P.channel[i] >= 0) meta.append(labelled("#", data.channels[P.channel[i]]));
    meta.append(node("span", {}, timeText(P.time[i])));
    if (P.record[i] !== null) meta.append(postRef(i));
    // -1: the export does not say (no reactions or replies in it), which is not zero
    const count = (n, one, many) => node("span", {}, n + (n === 1 ? one : many));
    if (P.reactions[i] >= 0) meta.append(count(P.reactions[i], " reaction", " reactions"));
    if (P.replies[i] >= 0) meta.append(count(P.replies[i], " reply", " replies"));
    if (challengeById.has(P.challenge[i])) {
      meta.append(labelled(challengeById.get(P.challenge[i]).id + " ", challengeById.get(P.challenge[i]).label));
    }
    if (P.topic[i] >= 0) meta.append(labelled("topic " + P.topic[i] + ": ", topicLabel.get(P.topic[i]) || ""));
    const link = safeLink(P.link[i]);
    if (link) meta.append(node("a", {href: link, rel: "noopener noreferrer nofollow", target: "_blank"}, "link"));
    return meta;
  }

  function postItem(i) {
    const item = node("li", {class: "ex-post", "data-post-id": P.id[i]});
    const lang = data.langs[P.lang[i]] || "";  // a Hebrew post opening with "refund" is still RTL
    item.append(node("p", {dir: DIRS[lang] || "auto", lang}, P.text[i]), postMeta(i));
    return item;
  }

  function describe(count) {
    const parts = [count.toLocaleString("en") + (count === 1 ? " post" : " posts")];
    if (state.group) {
      parts.push(state.group.kind === "challenge" ? "challenge " + state.group.id : "topic " + state.group.num);
    }
    if (state.lang) parts.push(data.lang_names[state.lang]);
    if (state.type) parts.push(state.type);
    if (state.sentiment) parts.push(state.sentiment);
    if (state.channel !== "") parts.push("#" + data.channels[Number(state.channel)]);
    if (state.from || state.to) parts.push((state.from || "…") + " to " + (state.to || "…"));
    if (state.query.trim()) parts.push("search “" + state.query.trim() + "”");
    if (state.box) parts.push("selected on the map");
    return parts.join(" · ");
  }

  function renderList(indices) {
    const list = $(".ex-posts");
    list.replaceChildren(...indices.slice(0, state.shown).map(postItem));
    if (!indices.length) list.append(node("li", {class: "ex-empty"}, "No post matches: clear a filter or the search."));
    $(".ex-status").textContent = describe(indices.length);
    const more = $("[data-action=more]");
    const left = indices.length - state.shown;
    more.hidden = left <= 0;
    more.textContent = "Show " + Math.min(PAGE, Math.max(left, 0)) + " more (" + left + " not shown)";
  }

  // ---- Challenges and topics: counts under the current filters, colours, the chosen one
  const groupButtons = [...root.querySelectorAll("[data-challenge-id],[data-topic-id]")];
  function groupOf(button) {
    if (button.hasAttribute("data-challenge-id")) {
      const id = button.getAttribute("data-challenge-id");
      const found = data.challenges.find((c) => c.id === id);
      return found ? {kind: "challenge", num: found.num, id} : null;
    }
    return {kind: "topic", num: Number(button.getAttribute("data-topic-id"))};
  }

  function renderGroups(base) {
    const counts = {challenge: new Map(), topic: new Map()};
    for (const i of base) {
      counts.challenge.set(P.challenge[i], (counts.challenge.get(P.challenge[i]) || 0) + 1);
      counts.topic.set(P.topic[i], (counts.topic.get(P.topic[i]) || 0) + 1);
    }
    for (const button of groupButtons) {
      const group = groupOf(button);
      if (!group) continue;
      button.querySelector(".ex-count").textContent = counts[group.kind].get(group.num) || 0;
      const chosen = state.group && state.group.kind === group.kind && state.group.num === group.num;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
      const colored = group.kind === state.colorBy;
      button.querySelector(".ex-swatch").style.background = colored ? colorOfGroup(group.kind, group.num) : GREY;
    }
  }

  const topicOrder = new Map(data.topics.map((t, k) => [t.id, k]));
  const challengeOrder = new Map(data.challenges.map((c, k) => [c.num, k]));
  function colorOfGroup(kind, num) {
    const order = (kind === "topic" ? topicOrder : challengeOrder).get(num);
    return order === undefined || num < 0 ? GREY : PALETTE[order % PALETTE.length];
  }
  const colorOf = (i) => colorOfGroup(state.colorBy, state.colorBy === "topic" ? P.topic[i] : P.challenge[i]);

  // ---- The map: a canvas of every post shown; hover shows a post, click or drag selects
  const canvas = $(".ex-map canvas");
  const tip = $(".ex-map .ex-tip");
  const mapped = [];
  for (let i = 0; i < N; i++) if (P.x[i] !== null && P.y[i] !== null) mapped.push(i);
  let view = {width: 0, height: 0, grid: new Map()};
  let highlighted = new Set();
  let dragStart = null, dragRect = null;
  const PAD = 10, CELL = 12;

  const px = (i) => PAD + (P.x[i] / 1000) * (view.width - 2 * PAD);
  const py = (i) => PAD + (1 - P.y[i] / 1000) * (view.height - 2 * PAD);

  function layoutMap() {
    const box = canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    view = {width: box.width, height: box.height, grid: new Map()};
    canvas.width = Math.round(box.width * ratio);
    canvas.height = Math.round(box.height * ratio);
    canvas.getContext("2d").setTransform(ratio, 0, 0, ratio, 0, 0);
    for (const i of mapped) {
      const cell = Math.floor(px(i) / CELL) + "," + Math.floor(py(i) / CELL);
      if (!view.grid.has(cell)) view.grid.set(cell, []);
      view.grid.get(cell).push(i);
    }
  }

  function drawMap() {
    if (!mapped.length || !view.width) return;
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, view.width, view.height);
    const radius = mapped.length > 5000 ? 1.6 : 2.6;
    ctx.globalAlpha = 0.5;
    ctx.fillStyle = "#dcdce0";
    for (const i of mapped) if (!highlighted.has(i)) ctx.fillRect(px(i) - radius / 2, py(i) - radius / 2, radius, radius);
    ctx.globalAlpha = 0.85;
    for (const i of mapped) {
      if (!highlighted.has(i)) continue;
      ctx.fillStyle = colorOf(i);
      ctx.beginPath();
      ctx.arc(px(i), py(i), radius, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (dragRect) {
      ctx.strokeStyle = "#333";
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(dragRect.x, dragRect.y, dragRect.w, dragRect.h);
      ctx.setLineDash([]);
    }
  }

  function nearest(x, y, within) {
    let best = -1, bestDistance = within * within;
    const cx = Math.floor(x / CELL), cy = Math.floor(y / CELL), reach = Math.ceil(within / CELL);
    for (let gx = cx - reach; gx <= cx + reach; gx++) {
      for (let gy = cy - reach; gy <= cy + reach; gy++) {
        for (const i of view.grid.get(gx + "," + gy) || []) {
          const distance = (px(i) - x) ** 2 + (py(i) - y) ** 2;
          if (distance <= bestDistance) { best = i; bestDistance = distance; }
        }
      }
    }
    return best;
  }

  function pointer(event) {
    const box = canvas.getBoundingClientRect();
    return {x: event.clientX - box.left, y: event.clientY - box.top};
  }

  function showTip(i, at) {
    if (i < 0) { tip.hidden = true; return; }
    const text = P.text[i].length > 280 ? P.text[i].slice(0, 280) + "…" : P.text[i];
    const challenge = challengeById.get(P.challenge[i]);
    const group = state.colorBy === "topic"
      ? "topic " + P.topic[i] + ": " + (topicLabel.get(P.topic[i]) || "outlier")
      : (challenge ? challenge.id + " " + challenge.label : "in no challenge");
    tip.replaceChildren(node("p", {dir: "auto"}, text), node("div", {class: "ex-meta", dir: "auto"}, group));
    tip.hidden = false;
    tip.style.left = Math.min(at.x + 12, view.width - 260) + "px";
    tip.style.top = (at.y + 12) + "px";
  }

  canvas.addEventListener("pointerdown", (event) => {
    dragStart = pointer(event);
    canvas.setPointerCapture(event.pointerId);
  });
  canvas.addEventListener("pointermove", (event) => {
    const at = pointer(event);
    if (dragStart) {
      dragRect = {x: Math.min(dragStart.x, at.x), y: Math.min(dragStart.y, at.y),
        w: Math.abs(at.x - dragStart.x), h: Math.abs(at.y - dragStart.y)};
      drawMap();
      return;
    }
    showTip(nearest(at.x, at.y, 8), at);
  });
  canvas.addEventListener("pointerleave", () => { tip.hidden = true; });
  canvas.addEventListener("pointerup", (event) => {
    const at = pointer(event);
    const rect = dragRect;
    dragStart = dragRect = null;
    if (rect && rect.w > 4 && rect.h > 4) {
      state.box = new Set(mapped.filter((i) => px(i) >= rect.x && px(i) <= rect.x + rect.w
        && py(i) >= rect.y && py(i) <= rect.y + rect.h));
    } else {
      const i = nearest(at.x, at.y, 8);
      if (i < 0) { drawMap(); return; }
      state.box = new Set([i]);
    }
    update();
  });

  // ---- Charts: SVG lines whose hover shows the numbers of the week under the pointer
  const SVG = "http://www.w3.org/2000/svg";
  function svgNode(tag, attrs) {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
    return element;
  }

  function lineChart(figure, weeks, series) {
    const W = 560, H = 230, L = 40, R = 12, T = 10, B = 28;
    const svg = svgNode("svg", {viewBox: `0 0 ${W} ${H}`, role: "img"});
    const max = Math.max(1, ...series.flatMap((s) => s.values));
    const x = (k) => L + (weeks.length > 1 ? k / (weeks.length - 1) : 0.5) * (W - L - R);
    const y = (v) => T + (1 - v / max) * (H - T - B);
    for (const v of [0, Math.round(max / 2), max]) {
      svg.append(svgNode("line", {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eee"}));
      const label = svgNode("text", {x: L - 4, y: y(v) + 4, "text-anchor": "end", fill: "#666"});
      label.textContent = v;
      svg.append(label);
    }
    const last = weeks.length - 1;
    for (const k of [...new Set([0, Math.floor(last / 2), last])]) {
      const anchor = k === 0 ? "start" : k === last ? "end" : "middle";
      const label = svgNode("text", {x: x(k), y: H - 8, "text-anchor": anchor, fill: "#666"});
      label.textContent = weeks[k];
      svg.append(label);
    }
    for (const s of series) {
      svg.append(svgNode("polyline", {fill: "none", stroke: s.color, "stroke-width": 1.8,
        points: s.values.map((v, k) => x(k) + "," + y(v)).join(" ")}));
    }
    const guide = svgNode("line", {y1: T, y2: H - B, stroke: "#888", visibility: "hidden"});
    const overlay = svgNode("rect", {x: L, y: T, width: W - L - R, height: H - T - B, fill: "transparent"});
    svg.append(guide, overlay);
    const box = node("div", {class: "ex-tip", hidden: ""});
    overlay.addEventListener("mousemove", (event) => {
      const bounds = svg.getBoundingClientRect();
      const at = ((event.clientX - bounds.left) / bounds.width) * W;
      const k = Math.max(0, Math.min(weeks.length - 1, Math.round(((at - L) / (W - L - R)) * (weeks.length - 1))));
      guide.setAttribute("x1", x(k));
      guide.setAttribute("x2", x(k));
      guide.setAttribute("visibility", "visible");
      box.replaceChildren(node("p", {}, "week of " + weeks[k]),
        ...series.map((s) => {
          const row = node("div", {dir: "ltr"});
          row.append(node("bdi", {}, s.name), ": " + s.values[k]);
          return row;
        }));
      box.hidden = false;
      box.style.left = Math.min(event.clientX - figure.getBoundingClientRect().left + 12, figure.clientWidth - 220) + "px";
      box.style.top = (event.clientY - figure.getBoundingClientRect().top + 12) + "px";
    });
    overlay.addEventListener("mouseleave", () => { box.hidden = true; guide.setAttribute("visibility", "hidden"); });
    const legend = node("div", {class: "ex-legend"});
    for (const s of series) {
      const item = node(s.open ? "button" : "span", s.open ? {type: "button", "data-open": s.open} : {});
      item.append(node("span", {class: "ex-swatch", style: "background:" + s.color}), node("bdi", {}, s.name));
      legend.append(item);
    }
    figure.append(svg, legend, box);
  }

  function drawCharts() {
    const charts = data.charts;
    if (!charts.weeks.length) return;
    lineChart($("[data-chart=volume]"), charts.weeks, Object.entries(charts.volume).map(([lang, values]) => (
      {name: data.lang_names[lang] || lang, color: LANG_COLORS[lang] || GREY, values})));
    const top = charts.trends.slice(0, 8);
    lineChart($("[data-chart=trends]"), charts.weeks, top.map((t, k) => {
      const challenge = data.challenges.find((c) => c.id === t.id);
      return {name: t.id + " " + challenge.label, color: PALETTE[k % PALETTE.length], values: t.counts, open: t.id};
    }));
  }

  // ---- Wiring
  let pending = false;
  function update(keepPage) {
    if (!keepPage) state.shown = PAGE;
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      const base = baseIndices();
      const list = state.group ? base.filter((i) => inGroup(i, state.group)) : base;
      const order = SORTS[state.sort] || SORTS.newest;
      const rank = exactness(list);
      list.sort(rank ? (a, b) => rank.get(b) - rank.get(a) || order(a, b) : order);
      highlighted = new Set(list);
      renderGroups(base);
      renderList(list);
      $("[data-action=clear-map]").hidden = !state.box;
      drawMap();
    });
  }

  function openGroup(group, scroll) {
    const same = state.group && group && state.group.kind === group.kind && state.group.num === group.num;
    state.group = same && !scroll ? null : group;
    update();
    if (scroll) root.scrollIntoView({block: "start"});
  }

  for (const button of groupButtons) button.addEventListener("click", () => openGroup(groupOf(button), false));
  root.addEventListener("click", (event) => {
    const opener = event.target.closest("[data-open]");
    const challenge = opener && data.challenges.find((c) => c.id === opener.dataset.open);
    if (challenge) openGroup({kind: "challenge", num: challenge.num, id: challenge.id}, false);
  });
  const controls = {"[type=search]": "query", "[data-filter=lang]": "lang", "[data-filter=type]": "type",
    "[data-filter=sentiment]": "sentiment", "[data-filter=channel]": "channel", "[data-filter=from]": "from",
    "[data-filter=to]": "to", "[data-option=sort]": "sort", "[data-option=color]": "colorBy"};
  for (const [selector, key] of Object.entries(controls)) {
    const control = root.querySelector(selector);
    control.addEventListener("input", () => { state[key] = control.value; update(); });
    control.addEventListener("change", () => { state[key] = control.value; update(); });
  }
  $("[data-action=more]").addEventListener("click", () => { state.shown += PAGE; update(true); });
  $("[data-action=clear-map]").addEventListener("click", () => { state.box = null; update(); });
  $("[data-action=reset]").addEventListener("click", () => {
    for (const selector of Object.keys(controls)) {
      const control = root.querySelector(selector);
      control.value = control.tagName === "SELECT" ? control.options[0].value : "";
    }
    Object.assign(state, {group: null, lang: "", type: "", sentiment: "", channel: "", from: null, to: null,
      query: "", box: null, sort: "newest", colorBy: "topic"});
    update();
  });

  // Each challenge and topic card of the report gets a button that opens its posts here (the
  // cards come after the explorer in the page: wait until they are parsed).
  function addCardButtons() {
    for (const card of document.querySelectorAll("section.card[id]")) {
      const challenge = data.challenges.find((c) => c.id === card.id);
      const topic = /^topic-(\d+)$/.exec(card.id);
      const group = challenge ? {kind: "challenge", num: challenge.num, id: challenge.id}
        : topic ? {kind: "topic", num: Number(topic[1])} : null;
      if (!group || card.closest("[data-explorer]")) continue;
      const button = node("button", {type: "button", class: "ex-open"}, "Show its posts in the explorer");
      button.addEventListener("click", () => openGroup(group, true));
      card.querySelector("h3").after(button);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addCardButtons);
  else addCardButtons();

  if (!mapped.length) $(".ex-map").hidden = true;
  layoutMap();
  window.addEventListener("resize", () => { layoutMap(); drawMap(); });
  drawCharts();
  update();
})();
