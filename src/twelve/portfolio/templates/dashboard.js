(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const DATA = JSON.parse($("matrix-data").textContent);
  const ROWS = DATA.rows, L = DATA.labels, SYM = DATA.symbols;
  const CODES = ["M", "P", "D", "N", "I"];
  const RANK = { M: 0, P: 1, D: 2, N: 3, I: 4 };
  const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ESC[c]);
  const fmt = (template, params) => template.replace(/\{(\w+)\}/g, (m, k) => (k in params ? params[k] : m));
  let details = null; // unpacked on the first drawer
  let unpacking = null;
  const state = { text: "", status: "", factor: 0, stack: "", sort: "name", dir: 1 };

  ROWS.forEach((r, i) => {
    r.i = i;
    r.low = (r.n + "\u0000" + r.l + "\u0000" + r.c).toLowerCase();
    r.stj = r.st.join(", ");
  });

  function matches(r) {
    if (state.text && !r.low.includes(state.text)) return false;
    if (state.stack && !r.st.includes(state.stack)) return false;
    if (state.status === "failed") return !r.s || r.o === "failed";
    if (state.status) {
      if (!r.s) return false;
      return state.factor ? r.s[state.factor - 1] === state.status : r.s.includes(state.status);
    }
    return true;
  }

  function sortKey(r) {
    switch (state.sort) {
      case "name": return r.n.toLowerCase();
      case "stacks": return r.stj;
      case "meets": return r.s ? r.m : -1;
      case "date": return r.d;
      default: return r.s ? RANK[r.s[Number(state.sort) - 1]] : 9;
    }
  }

  function ordered(list) {
    const keys = new Map(list.map((r) => [r, sortKey(r)]));
    return list.slice().sort((a, b) => {
      const x = keys.get(a), y = keys.get(b);
      if (x < y) return -state.dir;
      if (x > y) return state.dir;
      return a.i - b.i;
    });
  }

  function rowHtml(r) {
    let h = '<tr data-i="' + r.i + '"><td class="name"><button type="button" data-i="' + r.i + '" title="' +
      esc(r.l) + '">' + esc(r.n) + "</button>" + (r.a > 1 ? '<span class="tag">' + r.a + " " + esc(L.apps) + "</span>" : "") +
      '</td><td class="stk">' + esc(r.stj) + "</td>";
    if (r.s) {
      for (let f = 0; f < 12; f++) {
        const c = r.s[f];
        h += (state.factor === f + 1 ? '<td class="f picked">' : '<td class="f">') + '<span class="s-' + c + '">' + SYM[c] + "</span></td>";
      }
      h += '<td class="num">' + r.m + "/12</td>";
    } else {
      h += '<td class="failed" colspan="13">' + esc(L.not_assessed) + ": " + esc(r.e) + "</td>";
    }
    return h + '<td class="day">' + esc(r.d) + "</td></tr>";
  }

  function summarize(list) {
    for (let f = 0; f < 12; f++) {
      const counts = { M: 0, P: 0, D: 0, N: 0, I: 0 };
      let total = 0;
      for (const r of list) {
        if (r.s) { counts[r.s[f]]++; total++; }
      }
      $("count-" + (f + 1)).textContent = fmt(L.meet, { count: counts.M, total: total });
      let x = 0, svg = "";
      for (const c of CODES) {
        if (!counts[c] || !total) continue;
        const w = (100 * counts[c]) / total;
        svg += '<rect class="s-' + c + '" x="' + x.toFixed(2) + '" y="0" width="' + w.toFixed(2) + '" height="8"><title>' +
          esc(L.status[c]) + ": " + counts[c] + "</title></rect>";
        x += w;
      }
      $("dist-" + (f + 1)).innerHTML = svg;
    }
  }

  function render() {
    const shown = ordered(ROWS.filter(matches));
    $("rows").innerHTML = shown.map(rowHtml).join("");
    $("shown").textContent = fmt(L.shown, { shown: shown.length, total: ROWS.length });
    $("empty").hidden = shown.length > 0;
    summarize(shown);
    document.querySelectorAll("#grid thead th").forEach((th) => {
      const button = th.querySelector("button");
      const key = button ? button.dataset.sort : "";
      th.setAttribute("aria-sort", key === String(state.sort) ? (state.dir > 0 ? "ascending" : "descending") : "none");
      th.classList.toggle("picked", th.dataset.col === String(state.factor));
    });
    document.querySelectorAll(".card").forEach((card) => {
      const picked = card.dataset.factor === String(state.factor);
      card.classList.toggle("picked", picked);
      card.querySelector(".card-pick").setAttribute("aria-pressed", String(picked));
    });
  }

  function evidence(f) {
    if (!f.f.length) return "";
    let h = "<details" + (f.s === "D" || f.s === "P" ? " open" : "") + "><summary>" + esc(L.evidence) + " (" +
      (f.f.length + f.m) + ")</summary><ul>";
    for (const [rule, polarity, title, locations, moreLocations, waived] of f.f) {
      h += '<li class="p-' + esc(polarity) + '"><span class="rule">' + esc(rule) + "</span> (" + esc(L.polarity[polarity] || polarity) +
        (waived ? ", " + esc(L.waived) : "") + "): " + esc(title);
      for (const [where, excerpt] of locations) {
        h += '<span class="loc"><code>' + esc(where) + "</code>" + (excerpt ? " — <code>" + esc(excerpt) + "</code>" : "") + "</span>";
      }
      if (moreLocations) h += '<span class="loc">' + esc(fmt(L.more_locations, { count: moreLocations })) + "</span>";
      h += "</li>";
    }
    if (f.m) h += "<li>" + esc(fmt(L.more_findings, { count: f.m })) + "</li>";
    return h + "</ul></details>";
  }

  function factorHtml(f, index) {
    let h = '<section class="factor" data-s="' + f.s + '"><p><strong>' + esc(L.factors[index]) + '</strong> <span class="chip s-' +
      f.s + '">' + SYM[f.s] + "</span> " + esc(L.status[f.s]) + ' <span class="conf">' +
      esc(fmt(L.confidence, { level: L.confidence_levels[f.c] || f.c })) + "</span></p><p>" + esc(f.j) + "</p>" + evidence(f);
    if (f.e.length) h += '<p class="error">' + esc(L.internal_errors) + ": " + esc(f.e.join("; ")) + "</p>";
    if (f.a.length) {
      h += "<p><strong>" + esc(L.adjustments) + "</strong></p><ul>" + f.a.map((a) => "<li>" + esc(a) + "</li>").join("") + "</ul>";
    }
    return h + "</section>";
  }

  async function unpack() {
    const text = atob($("details-data").textContent.trim());
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }

  function openDrawer(i) {
    if (details !== null) return showDrawer(i);
    if (unpacking === null) unpacking = unpack().then((found) => { details = found; });
    unpacking.then(() => showDrawer(i));
  }

  function showDrawer(i) {
    const r = ROWS[i], d = details[i];
    $("drawer-title").textContent = r.n;
    let h = "<dl><dt>" + esc(L.location) + "</dt><dd><code>" + esc(r.l) + "</code></dd><dt>" + esc(L.commit) + "</dt><dd><code>" +
      esc(r.c || L.none) + "</code></dd><dt>" + esc(L.assessed) + "</dt><dd>" + esc(r.d || L.none) + "</dd><dt>" + esc(L.tool) +
      "</dt><dd>" + esc(r.v || L.none) + "</dd><dt>" + esc(L.stacks) + "</dt><dd>" + esc(r.stj || L.none) + "</dd>";
    if (d) h += "<dt>" + esc(L.coverage) + "</dt><dd>" + esc(fmt(L.coverage_line || "{seen} / {analyzed} / {skipped}",
      { seen: d.cov[0], analyzed: d.cov[1], skipped: d.cov[2] })) + "</dd>";
    h += "</dl>";
    if (r.o === "failed") h += '<p class="error">' + esc(fmt(L.last_failed, { error: r.e })) + "</p>";
    if (d) {
      if (d.ie) h += '<p class="error">' + esc(L.internal_errors) + ": " + d.ie + "</p>";
      for (const app of d.apps) {
        if (d.apps.length > 1) h += "<h3>" + esc(L.app) + ": " + esc(app.n) + " (<code>" + esc(app.p) + "</code>, " + esc(app.st.join(", ") || L.none) + ")</h3>";
        h += app.f.map(factorHtml).join("");
      }
    } else {
      h += "<p>" + esc(L.not_assessed) + "</p>";
    }
    $("drawer-body").innerHTML = h;
    const drawer = $("drawer");
    drawer.hidden = false;
    drawer.scrollTop = 0;
    drawer.dataset.row = String(i);
    $("drawer-close").focus();
  }

  function closeDrawer() {
    const drawer = $("drawer");
    if (drawer.hidden) return;
    drawer.hidden = true;
    const back = document.querySelector('#rows button[data-i="' + drawer.dataset.row + '"]');
    if (back) back.focus();
  }

  let typing = 0;
  $("f-text").addEventListener("input", (e) => {
    clearTimeout(typing);
    const value = e.target.value.trim().toLowerCase();
    typing = setTimeout(() => { state.text = value; render(); }, 120);
  });
  $("f-status").addEventListener("change", (e) => { state.status = e.target.value; render(); });
  $("f-factor").addEventListener("change", (e) => { state.factor = Number(e.target.value) || 0; render(); });
  $("f-stack").addEventListener("change", (e) => { state.stack = e.target.value; render(); });
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("filters").addEventListener("reset", () => {
    Object.assign(state, { text: "", status: "", factor: 0, stack: "" });
    setTimeout(render, 0);
  });
  document.querySelector("#grid thead").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-sort]");
    if (!button) return;
    const key = button.dataset.sort;
    if (String(state.sort) === key) state.dir = -state.dir;
    else { state.sort = key; state.dir = key === "meets" || key === "date" ? -1 : 1; }
    render();
  });
  $("rows").addEventListener("click", (e) => {
    const row = e.target.closest("tr[data-i]");
    if (row) openDrawer(Number(row.dataset.i));
  });
  document.querySelector(".cards").addEventListener("click", (e) => {
    const card = e.target.closest(".card-pick");
    if (!card) return;
    const factor = Number(card.dataset.factor);
    state.factor = state.factor === factor ? 0 : factor;
    $("f-factor").value = state.factor ? String(state.factor) : "";
    render();
  });
  $("drawer-close").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeDrawer(); });

  render();
  document.documentElement.setAttribute("data-ready", "true");
  document.documentElement.setAttribute("data-ready-ms", performance.now().toFixed(0));
})();
