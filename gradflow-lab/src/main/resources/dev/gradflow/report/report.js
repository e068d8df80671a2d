// gradflow report: draws the charts from the embedded JSON (ChartData, snake_case, null for NaN) with ECharts,
// wires the toggles, the variant pickers and the table sort, then checks that every chart painted something and
// records the outcome on <html data-render="ok|error"> and in #render-status.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var variants = data.variants;

  // Tableau 10: distinct, calm, readable on light and dark backgrounds. Variant i keeps its colour everywhere.
  var VARIANT_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#bab0ac'];
  // Layers are coloured by depth: input side blue, middle magenta, output side orange.
  var DEPTH_STOPS = [[47, 126, 216], [180, 71, 154], [240, 150, 43]];
  // Viridis, for the heatmap: perceptually uniform, dark = small.
  var VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
  var HEALTHY_UPDATE_RATIO = [3e-4, 3e-3];
  var SATURATING = { sigmoid: true, tanh: true, hardtanh: true };
  var RECTIFIED = { relu: true };

  var firstWithData = variants.findIndex(function (v) { return v.steps.length > 0; });
  var state = {
    lossScale: 'log',
    heatmapMeasure: 'backprop',
    gridMeasure: 'lossRatio',
    profileStep: 'first',
    profileMeasure: 'backprop',
    variant: firstWithData < 0 ? 0 : firstWithData
  };
  var charts = {};

  // ---- helpers -------------------------------------------------------------------------------------------------

  function cssVar(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function palette() {
    return {
      font: cssVar('--font'), text: cssVar('--text'), muted: cssVar('--muted'), grid: cssVar('--grid'),
      axis: cssVar('--axis'), surface: cssVar('--surface'), border: cssVar('--border'), band: cssVar('--band'),
      bandLine: cssVar('--band-line')
    };
  }

  function variantColour(i) {
    return VARIANT_COLOURS[i % VARIANT_COLOURS.length];
  }

  // Past ten variants the colours repeat, so each further ten get their own dash pattern.
  function variantDash(i) {
    return ['solid', 'dashed', 'dotted'][Math.floor(i / VARIANT_COLOURS.length) % 3];
  }

  function depthColour(i, n) {
    var t = n <= 1 ? 0 : i / (n - 1);
    var scaled = t * (DEPTH_STOPS.length - 1);
    var k = Math.min(Math.floor(scaled), DEPTH_STOPS.length - 2);
    var f = scaled - k;
    var a = DEPTH_STOPS[k], b = DEPTH_STOPS[k + 1];
    return 'rgb(' + [0, 1, 2].map(function (c) { return Math.round(a[c] + f * (b[c] - a[c])); }).join(',') + ')';
  }

  function finite(v) {
    return typeof v === 'number' && isFinite(v);
  }

  // A value a log axis can show, else null (a gap).
  function positive(v) {
    return finite(v) && v > 0 ? v : null;
  }

  // 4 significant digits, scientific outside [1e-3, 1e5): "0.03124", "1.23e-5".
  function fmt(v) {
    if (!finite(v)) return '—';
    if (v === 0) return '0';
    var a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(4)));
    return v.toExponential(2).replace('e+', 'e');
  }

  function fmtPower(v) {
    if (!finite(v) || v <= 0) return fmt(v);
    var e = Math.log10(v);
    return Math.abs(e - Math.round(e)) < 1e-9 ? '1e' + Math.round(e) : fmt(v);
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function layerLabel(layer) {
    return layer.name + ' · ' + layer.kind;
  }

  // ---- shared option parts -------------------------------------------------------------------------------------

  function baseOption(p) {
    return {
      animation: false,
      backgroundColor: 'transparent',
      textStyle: { fontFamily: p.font, color: p.text },
      grid: { left: 72, right: 28, top: 48, bottom: 52 },
      tooltip: {
        trigger: 'axis', confine: true, backgroundColor: p.surface, borderColor: p.border,
        textStyle: { color: p.text, fontSize: 12 }, axisPointer: { lineStyle: { color: p.axis } }
      },
      legend: {
        type: 'scroll', top: 4, left: 8, right: 8, textStyle: { color: p.muted, fontSize: 12 },
        pageTextStyle: { color: p.muted }, pageIconColor: p.text, pageIconInactiveColor: p.axis, itemWidth: 18, itemHeight: 8
      }
    };
  }

  function axis(p, type, extra) {
    var a = {
      type: type, nameLocation: 'middle', nameTextStyle: { color: p.muted, fontSize: 12 },
      axisLine: { show: true, lineStyle: { color: p.axis } }, axisTick: { lineStyle: { color: p.axis } },
      axisLabel: { color: p.muted, fontSize: 11 }, splitLine: { show: type !== 'category', lineStyle: { color: p.grid } }
    };
    if (type === 'log') {
      a.logBase = 10;
      a.axisLabel.formatter = fmtPower;
      a.minorSplitLine = { show: false };
    }
    return Object.assign(a, extra || {});
  }

  function stepAxis(p) {
    return axis(p, 'value', { name: 'step', nameGap: 28, min: 'dataMin', max: 'dataMax', scale: true });
  }

  function emptyOption(p, message) {
    return {
      animation: false,
      backgroundColor: 'transparent',
      title: {
        text: message, left: 'center', top: 'middle',
        textStyle: { color: p.muted, fontSize: 14, fontWeight: 'normal', fontFamily: p.font }
      }
    };
  }

  function lineSeries(name, points, colour, extra) {
    return Object.assign({
      name: name, type: 'line', data: points, showSymbol: false, symbolSize: 4, connectNulls: false,
      lineStyle: { width: 1.6, color: colour }, itemStyle: { color: colour }, emphasis: { focus: 'series' }
    }, extra || {});
  }

  function axisTooltip(valueFormat) {
    return function (items) {
      if (!items.length) return '';
      var head = 'step ' + items[0].value[0];
      return head + items.map(function (it) {
        return '<br>' + it.marker + escapeHtml(it.seriesName) + ': <b>' + valueFormat(it.value[1]) + '</b>';
      }).join('');
    };
  }

  function selectedVariant() {
    return variants[state.variant];
  }

  function noMetrics(v) {
    return v ? 'No metrics recorded for ' + v.name + ' (' + v.status + ')' : 'No variants';
  }

  // ---- charts --------------------------------------------------------------------------------------------------

  function lossOption(p) {
    if (firstWithData < 0) return emptyOption(p, 'No variant recorded any metrics');
    var log = state.lossScale === 'log';
    var o = baseOption(p);
    o.xAxis = stepAxis(p);
    o.yAxis = axis(p, log ? 'log' : 'value', { name: 'loss', nameGap: 52, scale: !log });
    o.tooltip.formatter = axisTooltip(fmt);
    o.dataZoom = [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }];
    o.series = [];
    variants.forEach(function (v, i) {
      if (!v.steps.length) return;
      var points = v.steps.map(function (s, k) {
        var y = v.loss[k];
        return [s, log ? positive(y) : (finite(y) ? y : null)];
      });
      o.series.push(lineSeries(v.name, points, variantColour(i),
        { lineStyle: { width: 1.6, color: variantColour(i), type: variantDash(i) } }));
    });
    return o;
  }

  function heatmapRows(v) {
    if (state.heatmapMeasure === 'weight') {
      return v.weights.map(function (w) { return { label: w.name, values: w.grad_l2 }; });
    }
    return v.layers.map(function (l) { return { label: layerLabel(l), values: l.grad_output_rms }; });
  }

  function heatmapHeight() {
    var v = selectedVariant();
    var rows = v ? heatmapRows(v).length : 0;
    return Math.max(260, Math.min(760, 110 + 24 * rows));
  }

  function heatmapOption(p) {
    var v = selectedVariant();
    if (!v || !v.steps.length) return emptyOption(p, noMetrics(v));
    var rows = heatmapRows(v);
    if (!rows.length) return emptyOption(p, 'No ' + (state.heatmapMeasure === 'weight' ? 'weight layers' : 'layers') + ' recorded');
    var cells = [];
    var lo = Infinity, hi = -Infinity;
    rows.forEach(function (row, r) {
      row.values.forEach(function (value, c) {
        if (!(finite(value) && value > 0)) return;
        var e = Math.log10(value);
        lo = Math.min(lo, e);
        hi = Math.max(hi, e);
        cells.push([c, r, e]);
      });
    });
    if (!cells.length) return emptyOption(p, 'No finite, non-zero gradients recorded for ' + v.name);
    if (hi - lo < 1e-6) { lo -= 0.5; hi += 0.5; }
    var o = baseOption(p);
    delete o.legend;
    o.grid = { left: 12, right: 90, top: 16, bottom: 34, containLabel: true };
    o.tooltip = {
      trigger: 'item', confine: true, backgroundColor: p.surface, borderColor: p.border, textStyle: { color: p.text, fontSize: 12 },
      formatter: function (it) {
        return 'step ' + v.layer_steps[it.value[0]] + '<br>' + escapeHtml(rows[it.value[1]].label) + ': <b>' + fmt(Math.pow(10, it.value[2])) + '</b>';
      }
    };
    o.xAxis = axis(p, 'category', {
      name: 'step', nameGap: 28, data: v.layer_steps.map(String), splitArea: { show: false },
      axisLabel: { color: p.muted, fontSize: 11, hideOverlap: true }
    });
    o.yAxis = axis(p, 'category', { data: rows.map(function (r) { return r.label; }), inverse: true, axisTick: { show: false } });
    o.visualMap = {
      type: 'continuous', min: lo, max: hi, calculable: false, orient: 'vertical', right: 14, top: 'middle',
      itemWidth: 14, itemHeight: Math.max(60, Math.min(200, heatmapHeight() - 130)), inRange: { color: VIRIDIS },
      text: [fmt(Math.pow(10, hi)), fmt(Math.pow(10, lo))], textGap: 6, textStyle: { color: p.muted, fontSize: 11 }
    };
    o.series = [{ type: 'heatmap', data: cells, progressive: 0, emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } } }];
    return o;
  }

  function heatmapCaption() {
    var backprop = state.heatmapMeasure === 'backprop';
    return (backprop
      ? '<b>Shown: the backpropagated gradient</b>, RMS of ∂L/∂(layer output) per example, for every layer (input at the top). '
        + 'This is what vanishes or explodes layer by layer on its way back to the input. '
      : '<b>Shown: the weight gradients</b> ‖∂L/∂W‖₂ of each weight layer (input at the top), what the optimizer receives. ')
      + 'Both exist because they answer different questions: the weight gradient ∂L/∂W = (∂L/∂output)·inputᵀ can stay nearly '
      + 'flat across layers while the backpropagated gradient vanishes, because activations shrink in the opposite direction '
      + '(Glorot &amp; Bengio 2010). Colour is on a log scale; blank cells are zero or NaN.';
  }

  function profileOf(v) {
    return state.profileStep === 'last' ? v.profile_last : v.profile_first;
  }

  function profileOption(p) {
    var o = baseOption(p);
    var backprop = state.profileMeasure === 'backprop';
    var depth = 1;
    o.series = [];
    variants.forEach(function (v, i) {
      var prof = profileOf(v);
      if (!prof || !prof.layers.length) return;
      var values = backprop ? prof.backprop_rms : prof.weight_grad_l2;
      depth = Math.max(depth, prof.layers.length);
      var points = prof.layers.map(function (name, k) {
        return { value: [k + 1, positive(values[k])], layer: name, step: prof.step };
      });
      o.series.push(lineSeries(v.name, points, variantColour(i),
        { showSymbol: true, symbolSize: 6, lineStyle: { width: 1.6, color: variantColour(i), type: variantDash(i) } }));
    });
    if (!o.series.length) return emptyOption(p, 'No variant recorded any metrics');
    o.xAxis = axis(p, 'value', {
      name: 'weight layer (input → output)', nameGap: 28, min: 1, max: depth, interval: 1, splitLine: { show: false },
      axisLabel: { color: p.muted, fontSize: 11, formatter: function (x) { return Number.isInteger(x) ? String(x) : ''; } }
    });
    o.yAxis = axis(p, 'log', { name: backprop ? 'RMS ∂L/∂output' : '‖∂L/∂W‖₂', nameGap: 52 });
    o.tooltip.formatter = function (items) {
      if (!items.length) return '';
      return 'weight layer ' + items[0].value[0] + items.map(function (it) {
        return '<br>' + it.marker + escapeHtml(it.seriesName) + ' (layer ' + escapeHtml(it.data.layer) + ', step '
          + it.data.step + '): <b>' + fmt(it.value[1]) + '</b>';
      }).join('');
    };
    return o;
  }

  function profileCaption() {
    var which = state.profileStep === 'last' ? 'last recorded step' : 'first recorded step';
    var measure = state.profileMeasure === 'backprop'
      ? 'the backpropagated gradient RMS(∂L/∂output) of each weight layer'
      : 'the weight gradient ‖∂L/∂W‖₂ of each weight layer';
    return 'log₁₀ of ' + measure + ' against depth, for every variant at its ' + which + '. A flat line is healthy; '
      + 'a line falling towards the input (left) means the gradient vanishes, one rising means it explodes. '
      + 'The slope is the "decades per layer" of the comparison table.';
  }

  function updateOption(p) {
    var v = selectedVariant();
    if (!v || !v.steps.length) return emptyOption(p, noMetrics(v));
    if (!v.weights.length) return emptyOption(p, 'No weight layers recorded');
    var o = baseOption(p);
    o.xAxis = stepAxis(p);
    o.yAxis = axis(p, 'log', { name: '‖ΔW‖ / ‖W‖', nameGap: 52 });
    o.tooltip.formatter = axisTooltip(fmt);
    o.series = v.weights.map(function (w, k) {
      var points = v.layer_steps.map(function (s, c) { return [s, positive(w.update_ratio[c])]; });
      return lineSeries(w.name, points, depthColour(k, v.weights.length));
    });
    o.series.push({
      name: 'healthy ≈ 1e-3', type: 'line', data: [], silent: true, itemStyle: { color: p.bandLine },
      markArea: {
        silent: true, itemStyle: { color: p.band },
        data: [[{ yAxis: HEALTHY_UPDATE_RATIO[0] }, { yAxis: HEALTHY_UPDATE_RATIO[1] }]]
      },
      markLine: {
        silent: true, symbol: 'none', lineStyle: { color: p.bandLine, type: 'dashed', width: 1 },
        label: { color: p.muted, formatter: '1e-3', position: 'insideEndTop' }, data: [{ yAxis: 1e-3 }]
      }
    });
    return o;
  }

  function activationOption(p) {
    var v = selectedVariant();
    if (!v || !v.steps.length) return emptyOption(p, noMetrics(v));
    var o = baseOption(p);
    o.xAxis = stepAxis(p);
    o.yAxis = axis(p, 'log', { name: 'std of output', nameGap: 52 });
    o.tooltip.formatter = axisTooltip(fmt);
    o.series = v.layers.map(function (l, k) {
      var points = v.layer_steps.map(function (s, c) { return [s, positive(l.activation_std[c])]; });
      return lineSeries(layerLabel(l), points, depthColour(k, v.layers.length));
    });
    return o;
  }

  function anyPositive(values) {
    return values.some(function (x) { return finite(x) && x > 0; });
  }

  function saturationOption(p) {
    var v = selectedVariant();
    if (!v || !v.steps.length) return emptyOption(p, noMetrics(v));
    var o = baseOption(p);
    o.xAxis = stepAxis(p);
    o.yAxis = axis(p, 'value', {
      name: 'fraction of units', nameGap: 52, min: 0, max: 1,
      axisLabel: { color: p.muted, fontSize: 11, formatter: function (x) { return Math.round(x * 100) + '%'; } }
    });
    o.tooltip.formatter = axisTooltip(function (x) { return finite(x) ? (100 * x).toFixed(1) + '%' : '—'; });
    o.series = [];
    v.layers.forEach(function (l, k) {
      var colour = depthColour(k, v.layers.length);
      var pointsOf = function (values) {
        return v.layer_steps.map(function (s, c) { return [s, finite(values[c]) ? values[c] : null]; });
      };
      if (SATURATING[l.kind] || anyPositive(l.saturated_fraction)) {
        o.series.push(lineSeries(layerLabel(l) + ' saturated', pointsOf(l.saturated_fraction), colour));
      }
      if (RECTIFIED[l.kind] || anyPositive(l.dead_fraction)) {
        o.series.push(lineSeries(layerLabel(l) + ' dead', pointsOf(l.dead_fraction), colour,
          { lineStyle: { width: 1.6, color: colour, type: 'dashed' } }));
      }
    });
    if (!o.series.length) return emptyOption(p, 'No sigmoid, tanh or ReLU layers in ' + v.name);
    return o;
  }

  // ---- grid outcome (a product of two or more axes) ------------------------------------------------------------

  // Red (bad) to blue (good), ColorBrewer RdYlBu: readable by most colour-blind readers.
  var RED_TO_BLUE = ['#d73027', '#f46d43', '#fdae61', '#fee090', '#ffffbf', '#e0f3f8', '#abd9e9', '#74add1', '#4575b4'];
  var GRID_MEASURES = {
    lossRatio: {
      field: 'loss_ratio', log: true, better: 'low', centre: 0, name: 'final ÷ initial loss',
      explain: 'the final training loss divided by the loss at step 1: below 1 the model learned (0.1 = ten times lower), '
        + 'about 1 it did not move, above 1 it got worse'
    },
    accuracy: {
      field: 'accuracy', log: false, better: 'high', name: 'accuracy', percent: true,
      explain: 'the final validation (else training) accuracy'
    },
    backpropInit: {
      field: 'backprop_init', log: true, better: null, name: 'RMS ∂L/∂out₁ at step 1',
      explain: 'the RMS of ∂L/∂(first layer\'s output) per example at step 1: the gradient the first layer receives at '
        + 'initialization, before any training (vanishing: tiny; exploding: huge)'
    },
    decadesPerLayerInit: {
      field: 'decades_per_layer_init', log: false, better: null, name: 'decades per layer at step 1', signed: true,
      explain: 'the decades the backpropagated gradient changes per layer towards the input at step 1 (−0.5: a factor √10 '
        + 'lost per layer; 0: flat)'
    }
  };

  function gridMeasure() {
    return GRID_MEASURES[state.gridMeasure] || GRID_MEASURES.lossRatio;
  }

  function fmtMeasure(m, v) {
    if (!finite(v)) return '—';
    if (m.percent) return (100 * v).toFixed(1) + '%';
    if (m.signed) return (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(2);
    return fmt(v);
  }

  // Two significant digits, for the cells' labels: "0.97", "0.012", "1.2e-14".
  function fmtCell(m, v) {
    if (!finite(v) || m.percent || m.signed) return fmtMeasure(m, v);
    var a = Math.abs(v);
    if (a === 0) return '0';
    if (a >= 0.01 && a < 1e4) return String(Number(v.toPrecision(2)));
    return v.toExponential(1).replace('e+', 'e');
  }

  // The panels: one per combination of the axes after the first two, in grid order.
  function gridPanels(grid) {
    var rest = grid.axes.slice(2);
    var panels = [[]];
    rest.forEach(function (axis) {
      var next = [];
      panels.forEach(function (prefix) {
        axis.values.forEach(function (_, k) { next.push(prefix.concat([k])); });
      });
      panels = next;
    });
    return panels.map(function (at) {
      return {
        at: at,
        title: at.map(function (k, i) { return rest[i].label + ' = ' + rest[i].values[k]; }).join(', ')
      };
    });
  }

  function gridLayout() {
    var grid = data.grid;
    var el = document.getElementById('chart-grid');
    var width = Math.max(320, el ? el.clientWidth : 900);
    var rows = grid.axes[0].values.length, columns = grid.axes[1].values.length;
    var panels = gridPanels(grid);
    var longest = 0;
    grid.axes[0].values.forEach(function (v) { longest = Math.max(longest, textWidth(v, '11px ' + palette().font)); });
    var labelWidth = Math.max(56, Math.ceil(longest) + 40), gap = 28, right = 110;
    var perRow = Math.max(1, Math.min(panels.length, Math.floor((width - right + gap) / (labelWidth + columns * 64 + gap))));
    var cellWidth = Math.min(130, ((width - right + gap) / perRow - gap - labelWidth) / columns);
    var cellHeight = rows > 12 ? 24 : 34;
    var panelHeight = rows * cellHeight, titleHeight = panels.length > 1 ? 26 : 0, axisHeight = 48;
    var panelRows = Math.ceil(panels.length / perRow);
    return {
      panels: panels, perRow: perRow, cellWidth: cellWidth, cellHeight: cellHeight, labelWidth: labelWidth, gap: gap,
      usedWidth: perRow * (labelWidth + columns * cellWidth + gap) - gap,
      panelHeight: panelHeight, titleHeight: titleHeight, axisHeight: axisHeight,
      height: 12 + panelRows * (titleHeight + panelHeight + axisHeight) + 8
    };
  }

  function gridHeight() {
    return gridLayout().height;
  }

  function gridOption(p) {
    var grid = data.grid;
    var m = gridMeasure();
    var layout = gridLayout();
    var rowAxis = grid.axes[0], columnAxis = grid.axes[1];
    var lo = Infinity, hi = -Infinity;
    grid.cells.forEach(function (c) {
      var v = c[m.field];
      if (!finite(v) || (m.log && v <= 0)) return;
      var x = m.log ? Math.log10(v) : v;
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    });
    var measured = lo <= hi;
    if (measured && hi - lo < 1e-6) { lo -= m.log ? 0.5 : 0.05; hi += m.log ? 0.5 : 0.05; }
    if (measured && m.centre !== undefined) {
      // symmetric around the neutral value (ratio 1: yellow), at least ±0.5 decades, at most ±3: beyond, the end colours
      var reach = Math.min(3, Math.max(0.5, m.centre - lo, hi - m.centre));
      lo = m.centre - reach;
      hi = m.centre + reach;
    }
    var o = { animation: false, backgroundColor: 'transparent', textStyle: { fontFamily: p.font, color: p.text } };
    o.title = [];
    o.grid = [];
    o.xAxis = [];
    o.yAxis = [];
    o.series = [];
    var measureSeries = [];
    layout.panels.forEach(function (panel, k) {
      var column = k % layout.perRow, row = Math.floor(k / layout.perRow);
      var left = column * (layout.labelWidth + columnAxis.values.length * layout.cellWidth + layout.gap) + layout.labelWidth;
      var top = 12 + row * (layout.titleHeight + layout.panelHeight + layout.axisHeight) + layout.titleHeight;
      var width = columnAxis.values.length * layout.cellWidth;
      if (panel.title) {
        o.title.push({ text: panel.title, left: left, top: top - layout.titleHeight + 2,
          textStyle: { color: p.text, fontSize: 13, fontWeight: 600, fontFamily: p.font } });
      }
      o.grid.push({ left: left, top: top, width: width, height: layout.panelHeight });
      o.xAxis.push(axis(p, 'category', {
        gridIndex: k, data: columnAxis.values, name: columnAxis.label, nameGap: 26, splitLine: { show: false },
        axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: p.muted, fontSize: 11, interval: 0 }
      }));
      o.yAxis.push(axis(p, 'category', {
        gridIndex: k, data: rowAxis.values, name: rowAxis.label, nameGap: layout.labelWidth - 18, inverse: true, splitLine: { show: false },
        axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: p.muted, fontSize: 11 }
      }));
      var values = [], blanks = [];
      grid.cells.forEach(function (c, index) {
        var inPanel = panel.at.every(function (v, i) { return c.coordinates[2 + i] === v; });
        if (!inPanel) return;
        var v = c[m.field];
        var point = { value: [c.coordinates[1], c.coordinates[0], null], cell: index };
        if (c.status === 'complete' && finite(v) && !(m.log && v <= 0)) {
          point.value[2] = Math.min(hi, Math.max(lo, m.log ? Math.log10(v) : v));
          values.push(point);
        } else {
          point.value[2] = 0;
          blanks.push(point);
        }
      });
      measureSeries.push(o.series.length);
      o.series.push({
        type: 'heatmap', xAxisIndex: k, yAxisIndex: k, data: values, progressive: 0,
        itemStyle: { borderColor: p.surface, borderWidth: 2, borderRadius: 3 },
        label: {
          show: true, fontSize: 12, fontFamily: p.font, color: '#15191e', textBorderColor: 'rgba(255,255,255,0.7)', textBorderWidth: 1.5,
          formatter: function (it) { return fmtCell(m, grid.cells[it.data.cell][m.field]); }
        },
        emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } }
      });
      o.series.push({
        type: 'heatmap', xAxisIndex: k, yAxisIndex: k, data: blanks, progressive: 0,
        itemStyle: { color: p.grid, borderColor: p.surface, borderWidth: 2, borderRadius: 3 },
        label: {
          show: true, fontSize: 11, fontFamily: p.font, color: p.muted,
          formatter: function (it) {
            var c = grid.cells[it.data.cell];
            return c.status === 'complete' ? '—' : c.status;
          }
        }
      });
    });
    if (measured) {
      var colours = m.better === 'low' ? RED_TO_BLUE.slice().reverse() : m.better === 'high' ? RED_TO_BLUE : VIRIDIS;
      o.visualMap = {
        type: 'continuous', min: lo, max: hi, calculable: false, orient: 'vertical', left: layout.usedWidth + 28, top: 24,
        itemWidth: 14, itemHeight: Math.max(60, Math.min(220, layout.height - 90)), seriesIndex: measureSeries,
        inRange: { color: colours },
        text: [(m.centre !== undefined ? '≥ ' : '') + fmtCell(m, m.log ? Math.pow(10, hi) : hi),
          (m.centre !== undefined ? '≤ ' : '') + fmtCell(m, m.log ? Math.pow(10, lo) : lo)],
        textGap: 6, textStyle: { color: p.muted, fontSize: 11 }
      };
    }
    o.tooltip = {
      trigger: 'item', confine: true, backgroundColor: p.surface, borderColor: p.border, textStyle: { color: p.text, fontSize: 12 },
      formatter: function (it) {
        var c = grid.cells[it.data.cell];
        var lines = [grid.axes.map(function (a, i) { return escapeHtml(a.label + ' = ' + a.values[c.coordinates[i]]); }).join(', ')];
        lines.push(escapeHtml(c.variants.join(', ')) + ' · ' + escapeHtml(c.status));
        if (c.error) lines.push('<span style="color:' + p.muted + '">' + escapeHtml(c.error.length > 160 ? c.error.slice(0, 160) + '…' : c.error) + '</span>');
        Object.keys(GRID_MEASURES).forEach(function (key) {
          var gm = GRID_MEASURES[key];
          if (gm.percent && !finite(c[gm.field])) return;
          lines.push(escapeHtml(gm.name) + ': <b>' + fmtMeasure(gm, c[gm.field]) + '</b>');
        });
        lines.push('loss ' + fmt(c.loss_initial) + ' → ' + fmt(c.loss_final));
        return lines.join('<br>');
      }
    };
    return o;
  }

  function gridCaption() {
    var m = gridMeasure();
    var grid = data.grid;
    var panels = grid.axes.length > 2
      ? ' One panel per ' + grid.axes.slice(2).map(function (a) { return escapeHtml(a.label); }).join(' × ') + '.' : '';
    return 'Each cell is one variant of the grid (rows: ' + escapeHtml(grid.axes[0].label) + ', columns: '
      + escapeHtml(grid.axes[1].label) + ').' + panels + ' <b>Colour and label: ' + escapeHtml(m.name) + '</b>, ' + m.explain
      + (m.log ? ' (log colour scale)' : '') + (m.better ? '; blue is better, red worse' : '')
      + '. Grey cells failed (diverged) or have no value; with several seeds a cell shows their (geometric) mean.';
  }

  // ---- learning rate: range tests and sweeps -------------------------------------------------------------------

  // The colour of range test j: that of the sweep line of its optimizer when there is one, so both charts agree.
  function rangeTestColour(j) {
    var lr = data.learning_rate;
    var test = lr.range_tests[j];
    for (var k = 0; k < lr.sweep.length; k++) {
      if ((', ' + lr.sweep[k].label + ',').indexOf(' optimizer=' + test.optimizer + ',') >= 0) return variantColour(k);
    }
    return variantColour(lr.sweep.length + j);
  }

  // The smoothed loss at the recorded rate nearest to lr (on a log scale).
  function smoothedAt(test, lr) {
    var best = -1, distance = Infinity;
    test.lrs.forEach(function (x, i) {
      if (!finite(x) || x <= 0) return;
      var d = Math.abs(Math.log(x) - Math.log(lr));
      if (d < distance) { distance = d; best = i; }
    });
    return best < 0 ? null : positive(test.smoothed[best]);
  }

  var SUGGESTIONS = [
    { field: 'valley', use: 'valley', name: 'valley', symbol: 'circle' },
    { field: 'steepest', use: 'steepest', name: 'steepest', symbol: 'triangle' },
    { field: 'minimum_tenth', use: 'minimum_tenth', name: 'minimum/10', symbol: 'diamond' }
  ];

  function lrFindOption(p) {
    var tests = data.learning_rate.range_tests;
    var o = baseOption(p);
    o.xAxis = axis(p, 'log', { name: 'learning rate', nameGap: 28 });
    var top = 0;
    tests.forEach(function (t) {
      var first = t.smoothed.find(function (x) { return finite(x) && x > 0; });
      if (first) top = Math.max(top, 2 * first);
    });
    o.yAxis = axis(p, 'log', { name: 'loss', nameGap: 52, max: top > 0 ? Math.pow(10, Math.ceil(Math.log10(top))) : undefined });
    o.tooltip = {
      trigger: 'item', confine: true, backgroundColor: p.surface, borderColor: p.border, textStyle: { color: p.text, fontSize: 12 },
      formatter: function (it) {
        return escapeHtml(it.seriesName) + '<br>lr ' + fmt(it.value[0]) + ': loss <b>' + fmt(it.value[1]) + '</b>';
      }
    };
    o.series = [];
    tests.forEach(function (t, j) {
      var colour = rangeTestColour(j);
      var raw = t.lrs.map(function (x, i) { return [x, positive(t.losses[i])]; });
      var smooth = t.lrs.map(function (x, i) { return [x, positive(t.smoothed[i])]; });
      o.series.push(lineSeries(t.variant + ' (batch loss)', raw, colour,
        { lineStyle: { width: 1, color: colour, opacity: 0.25 }, clip: true, legendHoverLink: false, silent: true }));
      o.series.push(lineSeries(t.variant, smooth, colour, { lineStyle: { width: 2.4, color: colour }, clip: true }));
      var marks = [];
      SUGGESTIONS.forEach(function (s) {
        var lr = t[s.field];
        if (!finite(lr) || lr <= 0) return;
        var used = t.use === s.use;
        marks.push({
          name: s.name, used: used, value: [lr, smoothedAt(t, lr)], symbol: s.symbol, symbolSize: used ? 15 : 10,
          itemStyle: { color: colour, borderColor: used ? p.text : p.surface, borderWidth: used ? 2 : 1 }
        });
      });
      o.series.push({
        name: t.variant + ' suggestions', type: 'scatter', data: marks, z: 5,
        tooltip: {
          formatter: function (it) {
            return escapeHtml(t.variant) + ': <b>' + escapeHtml(it.data.name) + '</b> ' + fmt(it.value[0])
              + (it.data.used ? ' (used for training)' : '');
          }
        },
        label: {
          show: true, position: j % 2 === 0 ? 'top' : 'bottom', fontSize: 11, color: p.text, distance: 8,
          formatter: function (it) { return it.data.used ? it.data.name + ' ' + fmt(it.value[0]) : ''; }
        }
      });
    });
    o.legend.data = tests.map(function (t) { return t.variant; });
    return o;
  }

  function lrSweepOption(p) {
    var lr = data.learning_rate;
    var o = baseOption(p);
    o.xAxis = axis(p, 'log', { name: 'learning rate', nameGap: 28 });
    o.yAxis = axis(p, 'log', { name: 'final training loss', nameGap: 52 });
    o.tooltip = {
      trigger: 'item', confine: true, backgroundColor: p.surface, borderColor: p.border, textStyle: { color: p.text, fontSize: 12 },
      formatter: function (it) {
        var d = it.data;
        return escapeHtml(d.variant) + ' · ' + escapeHtml(d.status) + '<br>lr ' + fmt(it.value[0]) + ': final loss <b>'
          + fmt(it.value[1]) + '</b>' + (finite(d.accuracy) ? ', accuracy <b>' + (100 * d.accuracy).toFixed(1) + '%</b>' : '');
      }
    };
    o.series = [];
    lr.sweep.forEach(function (line, k) {
      var colour = variantColour(k);
      var points = line.points.map(function (pt) {
        return { value: [pt.rate, pt.status === 'complete' ? positive(pt.loss_final) : null], variant: pt.variant, status: pt.status, accuracy: pt.accuracy };
      });
      o.series.push(lineSeries(line.label || 'sweep', points, colour, { showSymbol: true, symbolSize: 7 }));
    });
    lr.range_tests.forEach(function (t, j) {
      if (!finite(t.learning_rate) || t.status !== 'complete') return;
      o.series.push({
        name: t.variant, type: 'scatter', symbol: 'path://M50,3 L61,38 L98,38 L68,60 L79,95 L50,73 L21,95 L32,60 L2,38 L39,38 Z',
        symbolSize: 18, z: 6, itemStyle: { color: rangeTestColour(j), borderColor: p.text, borderWidth: 1 },
        data: [{ value: [t.learning_rate, positive(t.loss_final)], variant: t.variant, status: t.status, accuracy: t.accuracy }]
      });
    });
    return o;
  }

  var CHARTS = [
    { id: 'chart-grid', option: gridOption, height: gridHeight },
    { id: 'chart-lr-find', option: lrFindOption },
    { id: 'chart-lr-sweep', option: lrSweepOption },
    { id: 'chart-loss', option: lossOption },
    { id: 'chart-heatmap', option: heatmapOption, height: heatmapHeight },
    { id: 'chart-profile', option: profileOption },
    { id: 'chart-update', option: updateOption },
    { id: 'chart-activation', option: activationOption },
    { id: 'chart-saturation', option: saturationOption }
  ].filter(function (spec) { return document.getElementById(spec.id); });  // the grid and learning-rate charts are optional

  var measuring = null;

  function textWidth(text, font) {
    measuring = measuring || document.createElement('canvas').getContext('2d');
    measuring.font = font;
    return measuring.measureText(text).width;
  }

  // Lets a legend wrap onto as many rows as its entries need (up to four, else it scrolls) and moves the plot
  // below it, instead of hiding most entries behind a pager in narrow charts.
  // Lets a legend wrap onto as many rows as its entries need (up to four, else it scrolls) and moves the plot
  // below it, instead of hiding most entries behind a pager in narrow charts. Returns the height added.
  function fitLegend(option, width, p) {
    if (!option.legend || !option.series || !option.series.length) return 0;
    var available = width - 16, rows = 1, used = 0;
    var names = option.legend.data || option.series.map(function (s) { return s.name; });
    names.forEach(function (name) {
      var item = option.legend.itemWidth + 5 + textWidth(name, '12px ' + p.font) + 10;
      if (used > 0 && used + item > available) { rows++; used = 0; }
      used += item;
    });
    if (rows > 4) return 0;
    option.legend.type = 'plain';
    option.grid.top += (rows - 1) * 22;
    return (rows - 1) * 22;
  }

  function render(spec) {
    var el = document.getElementById(spec.id);
    if (!el) return;
    var p = palette();
    var option = spec.option(p);
    el.style.height = '';
    var height = (spec.height ? spec.height() : el.clientHeight) + fitLegend(option, el.clientWidth, p);
    el.style.height = height + 'px';
    var chart = charts[spec.id];
    if (!chart) {
      chart = echarts.init(el, null, { renderer: 'canvas' });
      charts[spec.id] = chart;
    } else {
      chart.resize();
    }
    chart.setOption(option, true);
  }

  function renderCaptions() {
    document.getElementById('heatmap-caption').innerHTML = heatmapCaption();
    document.getElementById('profile-caption').innerHTML = profileCaption();
    var grid = document.getElementById('grid-caption');
    if (grid && data.grid) grid.innerHTML = gridCaption();
  }

  function renderAll() {
    CHARTS.forEach(render);
    renderCaptions();
  }

  // ---- controls ------------------------------------------------------------------------------------------------

  var RERENDER = {
    lossScale: ['chart-loss'],
    gridMeasure: ['chart-grid'],
    heatmapMeasure: ['chart-heatmap'],
    profileStep: ['chart-profile'],
    profileMeasure: ['chart-profile'],
    variant: ['chart-heatmap', 'chart-update', 'chart-activation', 'chart-saturation']
  };

  function rerender(control) {
    CHARTS.forEach(function (spec) {
      if (RERENDER[control].indexOf(spec.id) >= 0) render(spec);
    });
    renderCaptions();
  }

  function setUpSegmented() {
    document.querySelectorAll('.segmented[data-control]').forEach(function (group) {
      var control = group.getAttribute('data-control');
      var buttons = group.querySelectorAll('button');
      var sync = function () {
        buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-value') === state[control])); });
      };
      buttons.forEach(function (b) {
        b.addEventListener('click', function () {
          state[control] = b.getAttribute('data-value');
          sync();
          rerender(control);
        });
      });
      sync();
    });
  }

  function setUpVariantPickers() {
    var selects = document.querySelectorAll('select.variant-select');
    selects.forEach(function (select) {
      variants.forEach(function (v, i) {
        var option = document.createElement('option');
        option.value = String(i);
        option.textContent = v.steps.length ? v.name : v.name + ' — ' + v.status + ', no metrics';
        select.appendChild(option);
      });
      select.value = String(state.variant);
      select.addEventListener('change', function () {
        state.variant = Number(select.value);
        selects.forEach(function (other) { other.value = select.value; });
        markShownVariant();
        rerender('variant');
      });
    });
    markShownVariant();
  }

  // The sections that follow the picker say which variant they show (for styling hooks and tests).
  function markShownVariant() {
    var v = selectedVariant();
    ['layers', 'dynamics'].forEach(function (id) {
      var section = document.getElementById(id);
      if (section && v) section.setAttribute('data-variant', v.name);
    });
  }

  function setUpTable() {
    var table = document.getElementById('comparison');
    if (!table) return;
    table.querySelectorAll('tbody tr[data-variant]').forEach(function (row, i) {
      var name = row.querySelector('.variant-name');
      if (!name) return;
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = variantColour(i);
      name.parentNode.insertBefore(swatch, name);
    });
    var headers = table.querySelectorAll('thead th');
    headers.forEach(function (th, column) {
      var sort = function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.getAttribute('data-type') === 'number';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) { return row.cells[column].getAttribute('data-sort') || ''; };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === '' || y === '') return (x === '') - (y === '');  // empty (NaN) always last
          var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, undefined, { numeric: true });
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
      });
    });
  }

  // ---- self-check ----------------------------------------------------------------------------------------------

  var scratch = null;

  // Whether any canvas of a chart has a non-transparent pixel. The pixels are read from a copy on a scratch canvas
  // made for reading, so ECharts' own canvases stay fast.
  function painted(el) {
    var canvases = el.querySelectorAll('canvas');
    for (var i = 0; i < canvases.length; i++) {
      var c = canvases[i];
      if (!c.width || !c.height) continue;
      scratch = scratch || document.createElement('canvas');
      scratch.width = c.width;
      scratch.height = c.height;
      var context = scratch.getContext('2d', { willReadFrequently: true });
      context.clearRect(0, 0, c.width, c.height);
      context.drawImage(c, 0, 0);
      var pixels = context.getImageData(0, 0, c.width, c.height).data;
      for (var k = 3; k < pixels.length; k += 4) {
        if (pixels[k] !== 0) return true;
      }
    }
    return false;
  }

  function reportStatus() {
    var blank = [];
    CHARTS.forEach(function (spec) {
      var el = document.getElementById(spec.id);
      var ok = !!el && painted(el);
      if (el) el.setAttribute('data-painted', String(ok));
      if (!ok) blank.push(spec.id);
    });
    var errors = window.reportErrors || [];
    var ok = blank.length === 0 && errors.length === 0;
    document.documentElement.setAttribute('data-render', ok ? 'ok' : 'error');
    document.getElementById('render-status').textContent = ok
      ? CHARTS.length + ' charts rendered with ECharts ' + echarts.version + '.'
      : 'Rendering problems: ' + blank.map(function (id) { return id + ' is blank'; }).concat(errors).join('; ');
  }

  setUpSegmented();
  setUpVariantPickers();
  setUpTable();
  renderAll();

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      CHARTS.forEach(render);  // resizes, and legends re-wrap to the new width
    }, 100);
  });
  if (window.matchMedia) {
    var scheme = window.matchMedia('(prefers-color-scheme: dark)');
    if (scheme.addEventListener) scheme.addEventListener('change', renderAll);
  }
  setTimeout(reportStatus, 0);
  // For a browser test that drives the controls and then checks again.
  window.gradflowReport = { check: reportStatus };
})();
