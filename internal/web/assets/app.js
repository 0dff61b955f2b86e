// usinette workshop page. Plain JavaScript, no library: the server's /api/
// endpoints do the work (the same code as the CLI); this file uploads,
// draws and offers the results for download.
"use strict";

const $ = (id) => document.getElementById(id);
const body = document.body;

const state = {
  file: null,     // the File chosen
  kind: "",       // its extension: stl, svg, pes, dst, json, gcode
  abort: null,    // AbortController of the running request set
  anim: null,     // the running animation (stitches or cuts)
  urls: [],       // object URLs to revoke on the next run
};

const machinesFor = {
  stl: ["printer"], "3mf": ["printer"], obj: ["printer"], gcode: ["printer"],
  svg: ["embroidery", "cutter"],
  pes: ["embroidery"], dst: ["embroidery"], json: ["embroidery"],
};

// ---------- input ----------

function chooseFile(f) {
  if (!f) return;
  const ext = (f.name.split(".").pop() || "").toLowerCase();
  const machines = machinesFor[ext];
  if (!machines) {
    showError(`${f.name}: not a file usinette reads (STL, 3MF, OBJ, SVG, PES, DST or G-code)`);
    return;
  }
  state.file = f;
  state.kind = ext;
  $("drop-text").textContent = `${f.name} (${formatBytes(f.size)}) — drop another to change`;
  let first = true;
  for (const r of document.querySelectorAll("input[name=machine]")) {
    r.disabled = !machines.includes(r.value);
    if (!r.disabled && first) { r.checked = true; first = false; }
    else if (r.disabled) r.checked = false;
  }
  showSettings();
  $("run").disabled = false;
  run();
}

function machine() {
  const r = document.querySelector("input[name=machine]:checked");
  return r ? r.value : "";
}

function showSettings() {
  const m = machine();
  for (const name of ["embroidery", "cutter", "printer"]) {
    const fs = $("settings-" + name);
    fs.hidden = name !== m;
    // Embroidery files already have their stitches: only the hoop and
    // the PES version apply; G-code is printed as it is.
    fs.disabled = name === "printer" && state.kind === "gcode";
  }
}

function settings(m) {
  const out = {};
  for (const el of $("settings-" + m).querySelectorAll("[name]")) {
    out[el.name] = el.type === "checkbox" ? String(el.checked) : el.value;
  }
  return out;
}

$("file").addEventListener("change", (e) => chooseFile(e.target.files[0]));
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  chooseFile(e.dataTransfer.files[0]);
});
for (const r of document.querySelectorAll("input[name=machine]")) {
  r.addEventListener("change", () => { showSettings(); run(); });
}
for (const el of document.querySelectorAll(".settings [name]")) el.addEventListener("change", () => run());
$("run").addEventListener("click", () => run());

// ---------- API ----------

// api posts blob (named name) to path with the settings as parameters and
// returns the Response, or throws the server's error message.
async function api(path, params, blob, name) {
  const q = new URLSearchParams({ name, ...params });
  const res = await fetch(`${path}?${q}`, { method: "POST", body: blob, signal: state.abort.signal });
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`;
    try { msg = (await res.json()).error || msg; } catch (_) { /* not JSON */ }
    throw new Error(msg);
  }
  // What the command said on the side (text not converted to paths...).
  const w = res.headers.get("Usinette-Warnings");
  if (w) {
    try { for (const line of JSON.parse(w)) warn(line); } catch (_) { /* ignore */ }
  }
  return res;
}

function warn(line) {
  const list = $("warnings");
  if ([...list.children].some((li) => li.textContent === line)) return;
  const li = document.createElement("li");
  li.textContent = line;
  list.append(li);
  list.hidden = false;
}
const apiBlob = async (...a) => (await api(...a)).blob();
// apiFile: the file and the figures of the run that made it (the
// command's --json, in the Usinette-Summary header).
const apiFile = async (...a) => {
  const res = await api(...a);
  const h = res.headers.get("Usinette-Summary");
  return { blob: await res.blob(), summary: h ? JSON.parse(h) : null };
};
const apiJSON = async (...a) => (await api(...a)).json();

// ---------- run ----------

async function run() {
  if (!state.file) return;
  if (state.abort) state.abort.abort(); // the server cancels that work
  state.abort = new AbortController();
  stopAnimation();
  for (const u of state.urls) URL.revokeObjectURL(u);
  state.urls = [];
  $("downloads").replaceChildren();
  $("stats").replaceChildren();
  $("blocks-box").hidden = true;
  $("legend-box").hidden = true;
  $("controls-sim").hidden = true;
  $("controls-layers").hidden = true;
  $("error").hidden = true;
  $("warnings").replaceChildren();
  $("warnings").hidden = true;
  body.dataset.state = "working";
  body.dataset.simulation = "";
  const m = machine();
  body.dataset.machine = m;
  const signal = state.abort.signal;
  status("Working…");
  try {
    if (m === "embroidery") await runEmbroidery();
    else if (m === "cutter") await runCutter();
    else if (m === "printer") await runPrinter();
    if (signal.aborted) return;
    body.dataset.state = "ready";
  } catch (e) {
    if (signal.aborted) return;
    showError(e.message);
  }
}

function stem() { return state.file.name.replace(/\.[^.]*$/, "") || "design"; }

function addDownload(blob, filename, label) {
  const a = document.createElement("a");
  const url = URL.createObjectURL(blob);
  state.urls.push(url);
  a.href = url;
  a.download = filename;
  a.id = "dl-" + filename.split(".").pop().toLowerCase();
  a.textContent = label;
  $("downloads").append(a);
}

function stat(label, value) {
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.textContent = value;
  $("stats").append(dt, dd);
}

function status(s) { $("status").textContent = s; }

function showError(msg) {
  body.dataset.state = "error";
  $("error").textContent = msg;
  $("error").hidden = false;
  status("");
}

// ---------- embroidery ----------

async function runEmbroidery() {
  const s = settings("embroidery");
  const f = state.file;
  const name = stem();
  let pes, dst;
  if (state.kind === "svg") {
    pes = await apiBlob("/api/stitch", { ...s, output: "pes" }, f, f.name);
  } else {
    pes = await apiBlob("/api/convert", { ...s, output: "pes" }, f, f.name);
  }
  // Figures and stitches of the file as it will be sewn.
  const [info, pattern] = await Promise.all([
    apiJSON("/api/info", { hoop: s.hoop }, pes, name + ".pes"),
    apiJSON("/api/convert", { output: "json" }, pes, name + ".pes"),
  ]);
  stat("stitches", info.stitches);
  stat("colours", info.colors);
  stat("size", `${info.width_mm.toFixed(1)} × ${info.height_mm.toFixed(1)} mm`);
  stat("sewing time", formatTime(info.sewing_time_s));
  stat("trims", info.trims);
  stat("jumps", info.jumps);
  stat("hoop", `${info.hoop} ${info.fits_hoop ? "fits" : "DOES NOT FIT"}`);
  addDownload(pes, name + ".pes", "PES");
  simulateStitches(pattern, info);
  status("Sewing…");
  // DST from the same plan settings, for the other machines.
  if (state.kind === "svg") {
    dst = await apiBlob("/api/stitch", { ...s, output: "dst" }, f, f.name);
  } else {
    dst = await apiBlob("/api/convert", { ...s, output: "dst" }, f, f.name);
  }
  addDownload(dst, name + ".dst", "DST");
}

function simulateStitches(pattern, info) {
  const recs = pattern.stitches;
  const threads = pattern.threads.length ? pattern.threads : [{ color: "#000000", description: "thread" }];
  // Colour blocks: the stitches between colour changes.
  const blocks = [{ start: 0, stitches: 0 }];
  for (let i = 0; i < recs.length; i++) {
    if (recs[i][2] === "COLOR_CHANGE") blocks.push({ start: i + 1, stitches: 0 });
    else if (recs[i][2] === "STITCH") blocks[blocks.length - 1].stitches++;
  }
  const list = $("blocks");
  list.replaceChildren();
  blocks.forEach((b, k) => {
    const t = threads[Math.min(k, threads.length - 1)];
    const li = document.createElement("li");
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = t.color;
    const label = document.createElement("span");
    label.textContent = `${k + 1}. ${t.description || t.color} — ${b.stitches} stitches`;
    li.append(sw, label);
    list.append(li);
  });
  $("blocks-box").hidden = false;

  // View: the hoop, centred on the origin as the design is.
  const hw = info.hoop_width_mm || 260, hh = info.hoop_height_mm || 160;
  let minX = -hw / 2, minY = -hh / 2, maxX = hw / 2, maxY = hh / 2;
  for (const r of recs) {
    minX = Math.min(minX, r[0]); maxX = Math.max(maxX, r[0]);
    minY = Math.min(minY, r[1]); maxY = Math.max(maxY, r[1]);
  }
  const view = fitView(minX, minY, maxX, maxY, false);
  const ctx = view.ctx;
  const drawFrame = () => {
    view.clear("#f7f4ee");
    ctx.save();
    ctx.strokeStyle = "#9aa3b5";
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5;
    const [x0, y0] = view.pt(-hw / 2, -hh / 2), [x1, y1] = view.pt(hw / 2, hh / 2);
    ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
    ctx.restore();
  };
  drawFrame();
  ctx.lineCap = "round";
  ctx.lineWidth = Math.max(1, 0.4 * view.scale);

  let i = 0, block = 0, prev = null, stitched = 0, playing = true;
  const total = info.stitches;
  const mark = () => {
    [...list.children].forEach((li, k) => {
      li.className = k < block ? "done" : k === block ? "current" : "";
    });
  };
  mark();
  const step = () => {
    if (!playing) return;
    const n = Number($("speed").value);
    for (let k = 0; k < n && i < recs.length; k++, i++) {
      const [x, y, cmd] = recs[i];
      if (cmd === "COLOR_CHANGE") { block++; mark(); continue; }
      if (cmd === "STITCH") {
        if (prev) {
          ctx.strokeStyle = threads[Math.min(block, threads.length - 1)].color;
          ctx.beginPath();
          ctx.moveTo(...view.pt(prev[0], prev[1]));
          ctx.lineTo(...view.pt(x, y));
          ctx.stroke();
        }
        stitched++;
      }
      if (cmd === "STITCH" || cmd === "JUMP") prev = [x, y];
    }
    $("progress").value = total ? stitched / total : 1;
    $("progress-text").textContent = `${stitched} / ${total} stitches · colour ${Math.min(block + 1, blocks.length)} of ${blocks.length}`;
    if (i >= recs.length) {
      block = blocks.length;
      mark();
      finished("Sewn: the simulation is over.");
      return;
    }
    state.anim.frame = requestAnimationFrame(step);
  };
  startAnimation({
    frame: 0,
    play() { playing = true; step(); },
    pause() { playing = false; cancelAnimationFrame(this.frame); },
    restart() { this.pause(); i = 0; block = 0; prev = null; stitched = 0; drawFrame(); mark(); this.play(); },
  });
}

// ---------- cutting ----------

async function runCutter() {
  const s = settings("cutter");
  const f = state.file;
  const name = stem();
  const { blob: plan, summary: sum } = await apiFile("/api/cut", { ...s, output: "svg" }, f, f.name);
  const svg = await plan.text();
  stat("paths", sum.paths);
  stat("cut length", `${(sum.cut_length_mm / 1000).toFixed(2)} m`);
  stat("travel", `${(sum.travel_mm / 1000).toFixed(2)} m`);
  const b = sum.bounds_mm;
  stat("size", `${(b.max_x - b.min_x).toFixed(1)} × ${(b.max_y - b.min_y).toFixed(1)} mm`);
  if (sum.unconverted_text && sum.unconverted_text.length) {
    stat("not cut", `text ${sum.unconverted_text.join(", ")} (Path > Object to Path)`);
  }
  animateCuts(parseCutSVG(svg));
  status("Cutting…");
  const [gpgl, hpgl] = await Promise.all([
    apiBlob("/api/cut", { ...s, output: "gpgl" }, f, f.name),
    apiBlob("/api/cut", { ...s, output: "hpgl" }, f, f.name),
  ]);
  addDownload(gpgl, name + ".gpgl", "GPGL (Silhouette)");
  addDownload(hpgl, name + ".hpgl", "HPGL");
}

// parseCutSVG reads the plan `cut -o x.svg` writes: one path per cut, in
// cut order, "M x,y L x,y ...".
function parseCutSVG(text) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.documentElement;
  const vb = (svg.getAttribute("viewBox") || "0 0 100 100").split(/\s+/).map(Number);
  const cuts = [];
  for (const p of doc.querySelectorAll("path")) {
    const nums = (p.getAttribute("d") || "").match(/-?[0-9.]+(e-?[0-9]+)?/g) || [];
    const pts = [];
    for (let k = 0; k + 1 < nums.length; k += 2) pts.push([Number(nums[k]), Number(nums[k + 1])]);
    if (pts.length) cuts.push({ pts, shape: p.getAttribute("data-shape") || "" });
  }
  return { width: vb[2], height: vb[3], cuts };
}

function animateCuts(plan) {
  const view = fitView(0, 0, plan.width, plan.height, false);
  const ctx = view.ctx;
  const segs = []; // every segment in order: cuts and the travels between
  let at = [0, 0];
  plan.cuts.forEach((c, n) => {
    segs.push({ a: at, b: c.pts[0], travel: true, n });
    for (let k = 1; k < c.pts.length; k++) segs.push({ a: c.pts[k - 1], b: c.pts[k], travel: false, n });
    at = c.pts[c.pts.length - 1];
  });
  const len = (s) => Math.hypot(s.b[0] - s.a[0], s.b[1] - s.a[1]);
  const drawMedia = () => {
    view.clear("#eef0f4");
    const [x0, y0] = view.pt(0, 0), [x1, y1] = view.pt(plan.width, plan.height);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
    ctx.strokeStyle = "#c3c9d5";
    ctx.lineWidth = 1;
    ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
    // The cut to come, faint.
    ctx.strokeStyle = "#e3c9c9";
    for (const c of plan.cuts) {
      ctx.beginPath();
      c.pts.forEach((p, k) => (k ? ctx.lineTo : ctx.moveTo).call(ctx, ...view.pt(p[0], p[1])));
      ctx.stroke();
    }
  };
  drawMedia();
  let i = 0, playing = true, cutDone = 0, current = -1;
  const step = () => {
    if (!playing) return;
    // speed: mm of blade travel per frame
    let budget = Number($("speed").value) * 2;
    while (budget > 0 && i < segs.length) {
      const s = segs[i];
      ctx.beginPath();
      ctx.moveTo(...view.pt(s.a[0], s.a[1]));
      ctx.lineTo(...view.pt(s.b[0], s.b[1]));
      if (s.travel) {
        ctx.save();
        ctx.setLineDash([4, 4]);
        ctx.strokeStyle = "#8a93a6";
        ctx.lineWidth = 1;
        ctx.stroke();
        ctx.restore();
      } else {
        ctx.strokeStyle = "#d62828";
        ctx.lineWidth = 2;
        ctx.stroke();
      }
      if (s.n !== current) {
        current = s.n;
        // The order number at the start of each cut.
        const [x, y] = view.pt(s.b[0], s.b[1]);
        ctx.fillStyle = "#1d2433";
        ctx.font = "bold 13px system-ui, sans-serif";
        ctx.fillText(String(s.n + 1), x + 3, y - 3);
      }
      budget -= Math.max(len(s), 0.5);
      if (!s.travel) cutDone += len(s);
      i++;
    }
    $("progress").value = segs.length ? i / segs.length : 1;
    $("progress-text").textContent = `cut ${Math.min(current + 1, plan.cuts.length)} of ${plan.cuts.length}`;
    if (i >= segs.length) {
      finished("Cut: every path in order.");
      return;
    }
    state.anim.frame = requestAnimationFrame(step);
  };
  startAnimation({
    frame: 0,
    play() { playing = true; step(); },
    pause() { playing = false; cancelAnimationFrame(this.frame); },
    restart() { this.pause(); i = 0; current = -1; cutDone = 0; drawMedia(); this.play(); },
  });
}

// ---------- printing ----------

async function runPrinter() {
  const f = state.file;
  const name = stem();
  let gcode = f, info;
  if (state.kind !== "gcode") {
    // The figures are slice's own (usinette slice --json): print only,
    // as the slicer's summary, not the purge line.
    status("Slicing…");
    ({ blob: gcode, summary: info } = await apiFile("/api/slice", { ...settings("printer"), output: "gcode" }, f, f.name));
  } else {
    status("Reading the G-code…");
    info = await apiJSON("/api/gcode/info", {}, gcode, name + ".gcode");
  }
  status("Drawing the layers…");
  const moves = await apiJSON("/api/gcode/moves", {}, gcode, name + ".gcode");
  stat("layers", info.layers);
  stat("print time", formatTime(info.print_time_s));
  stat("filament", `${(info.filament_mm / 1000).toFixed(2)} m · ${info.filament_g.toFixed(1)} g`);
  const b = info.bounds_mm;
  stat("size", `${(b.max_x - b.min_x).toFixed(1)} × ${(b.max_y - b.min_y).toFixed(1)} × ${(b.max_z - b.min_z).toFixed(1)} mm`);
  if (state.kind !== "gcode") addDownload(gcode, name + ".gcode", "G-code");
  const legend = $("legend");
  legend.replaceChildren();
  moves.features.forEach((n, k) => {
    const li = document.createElement("li");
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = moves.colors[k];
    const label = document.createElement("span");
    label.textContent = n;
    li.append(sw, label);
    legend.append(li);
  });
  $("legend-box").hidden = false;
  showLayers(moves);
}

function showLayers(moves) {
  const bb = moves.bounds_mm;
  // Top view, y up as on the bed; framed on the print.
  const view = fitView(bb.min_x, bb.min_y, bb.max_x, bb.max_y, true);
  const ctx = view.ctx;
  const slider = $("layer");
  const n = moves.layers.length;
  slider.max = String(Math.max(1, n));
  slider.value = String(Math.max(1, n));
  $("controls-layers").hidden = false;
  const path = (p) => {
    ctx.beginPath();
    ctx.moveTo(...view.pt(p[1], p[2]));
    for (let k = 3; k + 1 < p.length; k += 2) ctx.lineTo(...view.pt(p[k], p[k + 1]));
    ctx.stroke();
  };
  const draw = () => {
    const L = Number(slider.value);
    view.clear("#2b303b");
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    // Layers below in grey, the chosen one in feature colours.
    ctx.strokeStyle = "#596075";
    ctx.lineWidth = Math.max(1, 0.45 * view.scale);
    for (let l = Math.max(0, L - 40); l < L - 1; l++) for (const p of moves.layers[l].paths) path(p);
    const layer = moves.layers[L - 1];
    if (layer) {
      for (const p of layer.paths) {
        ctx.strokeStyle = moves.colors[p[0]];
        path(p);
      }
    }
    $("layer-text").textContent = `${L} of ${n} · z ${layer ? layer.z.toFixed(2) : "-"} mm`;
  };
  slider.oninput = draw;
  draw();
  finished("Layers ready: move the slider.");
}

// ---------- drawing helpers ----------

// fitView maps millimetres to the canvas, keeping proportions, with a
// margin; flipY for G-code (y up).
function fitView(minX, minY, maxX, maxY, flipY) {
  const canvas = $("canvas");
  const ctx = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, m = 24;
  const w = Math.max(maxX - minX, 1), h = Math.max(maxY - minY, 1);
  const scale = Math.min((W - 2 * m) / w, (H - 2 * m) / h);
  const ox = (W - w * scale) / 2, oy = (H - h * scale) / 2;
  return {
    ctx, scale,
    pt: (x, y) => [ox + (x - minX) * scale, flipY ? H - oy - (y - minY) * scale : oy + (y - minY) * scale],
    clear(bg) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = bg;
      ctx.fillRect(0, 0, W, H);
    },
  };
}

function startAnimation(a) {
  state.anim = a;
  $("controls-sim").hidden = false;
  $("play").textContent = "Pause";
  body.dataset.simulation = "running";
  a.play();
}

function stopAnimation() {
  if (state.anim) state.anim.pause();
  state.anim = null;
}

function finished(msg) {
  body.dataset.simulation = "done";
  $("play").textContent = "Play";
  if (state.anim) state.anim.over = true;
  status(msg);
}

$("play").addEventListener("click", () => {
  const a = state.anim;
  if (!a) return;
  if (a.over) { a.over = false; body.dataset.simulation = "running"; $("play").textContent = "Pause"; a.restart(); return; }
  if ($("play").textContent === "Pause") { a.pause(); $("play").textContent = "Play"; }
  else { $("play").textContent = "Pause"; a.play(); }
});
$("restart").addEventListener("click", () => {
  const a = state.anim;
  if (!a) return;
  a.over = false;
  body.dataset.simulation = "running";
  $("play").textContent = "Pause";
  a.restart();
});

function formatTime(s) {
  s = Math.round(s);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  if (h) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m) return `${m} min ${String(sec).padStart(2, "0")} s`;
  return `${sec} s`;
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / (1 << 20)).toFixed(1)} MB`;
}
