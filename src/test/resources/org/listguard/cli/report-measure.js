// The body of function (doc, win): what ReportPacketBrowserTest asserts, measured by the browser
// in the report's own viewport, returned as JSON.
var out = {viewport: win.innerWidth, clientWidth: doc.documentElement.clientWidth, scrollWidth: doc.documentElement.scrollWidth,
           height: doc.documentElement.scrollHeight};
// elements sticking out of the page on the right, except those inside a box that scrolls sideways
var wide = [];
doc.querySelectorAll('body *').forEach(function (e) {
  var r = e.getBoundingClientRect();
  if (r.right <= out.clientWidth + 0.5 || r.width === 0) return;
  for (var p = e.parentElement; p; p = p.parentElement) {
    var ox = win.getComputedStyle(p).overflowX;
    if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') return;
  }
  if (wide.length < 10) wide.push(e.tagName + '.' + e.getAttribute('class') + ' right=' + Math.round(r.right) + ': ' + (e.textContent || '').trim().slice(0, 60));
});
out.wide = wide;
// the smallest rendered font of any visible text (SVG text scaled by its screen transform)
var min = 1e9, minText = '', walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT), texts = 0;
while (walker.nextNode()) {
  var t = walker.currentNode, e = t.parentElement;
  if (!t.textContent.trim() || e.closest('title')) continue;
  var range = doc.createRange(); range.selectNodeContents(t);
  if (range.getClientRects().length === 0) continue;
  var cs = win.getComputedStyle(e);
  if (cs.visibility === 'hidden' || cs.display === 'none') continue;
  var size = parseFloat(cs.fontSize);
  if (e.closest('svg') && e.getScreenCTM) { var m = e.getScreenCTM(); if (m) size *= Math.sqrt(m.a * m.a + m.b * m.b); }
  texts++;
  if (size < min) { min = size; minText = t.textContent.trim().slice(0, 60); }
}
out.texts = texts; out.minFont = min; out.minFontText = minText;
out.charts = doc.querySelectorAll('svg.chart').length;
out.chartTexts = doc.querySelectorAll('svg.chart text').length;
// the batch chart: each bar's drawn height, and the pixels per recipient of the y axis
out.bars = Array.prototype.map.call(doc.querySelectorAll('svg.chart-batches g.batch'), function (g) {
  var top = 1e9, bottom = -1e9;
  g.querySelectorAll('rect').forEach(function (r) { var b = r.getBoundingClientRect(); top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom); });
  return {batch: +g.getAttribute('data-batch'), height: bottom - top};
});
// any two texts of one chart whose boxes intersect
out.overlaps = [];
doc.querySelectorAll('svg.chart').forEach(function (svg) {
  var ts = Array.prototype.map.call(svg.querySelectorAll('text'), function (t) { return {s: t.textContent, r: t.getBoundingClientRect()}; });
  for (var i = 0; i < ts.length; i++) for (var j = i + 1; j < ts.length; j++) {
    var a = ts[i].r, b = ts[j].r;
    if (a.width && b.width && a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
      out.overlaps.push(svg.getAttribute('class') + ': "' + ts[i].s + '" and "' + ts[j].s + '"');
    }
  }
});
out.headings = Array.prototype.map.call(doc.querySelectorAll('h1, h2, h3'), function (h) { return h.textContent.trim(); });
function text(sel) { var e = doc.querySelector(sel); return e ? e.textContent.trim() : null; }
out.refusalsText = text('#refusals > p'); out.refusalRows = doc.querySelectorAll('#refusals tbody.pair').length;
out.dsnsText = text('#dsns > p'); out.dsnRows = doc.querySelectorAll('#dsns tbody.pair').length;
return JSON.stringify(out);
