// Draws each view's chart with uPlot from the JSON in its data-chart attribute. The table beside
// every chart holds the same figures, so without this script nothing is lost but the picture.
(function () {
  'use strict';
  if (typeof uPlot === 'undefined') return;
  var COLOURS = ['#1d5c87', '#b35c00', '#2e7d32', '#a4161a', '#6a3d9a', '#546e7a'];

  function dayToSeconds(label) {
    var p = label.split('-');
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 1000;
  }

  function format(unit) {
    return function (u, v) {
      if (v == null) return '–';
      if (unit === 'percent') return v + ' %';
      if (unit === 'money') return Number(v).toLocaleString('en-US', {maximumFractionDigits: 2});
      return String(v);
    };
  }

  function options(chart, width) {
    var n = chart.labels.length;
    var k = chart.series.length;
    var bars = chart.kind === 'bars';
    var series = [{}];
    chart.series.forEach(function (s, i) {
      var colour = COLOURS[i % COLOURS.length];
      var one = {label: s.label, stroke: colour, width: 2, value: format(chart.unit)};
      if (bars) {
        var group = 0.8 / k;
        one.fill = colour;
        one.width = 0;
        one.paths = uPlot.paths.bars({
          disp: {
            x0: {unit: 1, values: function (u, si, i0, i1) {
              var out = [];
              for (var j = 0; j < u.data[0].length; j++) out.push(u.data[0][j] - 0.4 + (si - 1) * group);
              return out;
            }},
            size: {unit: 1, values: function () { return [group * 0.9]; }}
          }
        });
        one.points = {show: false};
      }
      series.push(one);
    });
    var opts = {
      width: width,
      height: 260,
      series: series,
      legend: {live: false},
      cursor: {drag: {x: false, y: false}},
      axes: [{}, {values: function (u, splits) { return splits.map(function (v) { return format(chart.unit)(u, v); }); }, size: 70}]
    };
    if (bars) {
      opts.scales = {x: {time: false, range: [-0.5, Math.max(0.5, n - 0.5)]}};
      opts.axes[0] = {
        splits: function () { return chart.labels.map(function (_, i) { return i; }); },
        values: function (u, splits) { return splits.map(function (i) { return chart.labels[i] || ''; }); }
      };
    } else {
      opts.tzDate = function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); };
    }
    return opts;
  }

  function data(chart) {
    var xs = chart.kind === 'bars' ? chart.labels.map(function (_, i) { return i; }) : chart.labels.map(dayToSeconds);
    return [xs].concat(chart.series.map(function (s) { return s.values; }));
  }

  var plots = [];
  document.querySelectorAll('figure.chart[data-chart]').forEach(function (figure) {
    var chart = JSON.parse(figure.getAttribute('data-chart'));
    if (chart.labels.length === 0) {
      figure.classList.add('empty');
      return;
    }
    var plot = new uPlot(options(chart, figure.clientWidth || 600), data(chart), figure);
    plots.push({plot: plot, figure: figure});
  });

  // Charts follow their figure's width, before the next frame is painted.
  if (typeof ResizeObserver !== 'undefined') {
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        plots.forEach(function (p) {
          if (p.figure === entry.target && p.figure.clientWidth > 0) p.plot.setSize({width: p.figure.clientWidth, height: 260});
        });
      });
    });
    plots.forEach(function (p) { observer.observe(p.figure); });
  }
})();
