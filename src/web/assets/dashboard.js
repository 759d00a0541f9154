/* global document, window */
// Draws the dashboard's charts with chart.js (served from node_modules, see web-assets.ts) from the
// JSON block the server rendered. The same figures are in the tables beside the charts.
(function () {
  'use strict';
  function draw() {
    var el = document.getElementById('dashboard-data');
    if (!el || typeof window.Chart === 'undefined') return;
    var data = JSON.parse(el.textContent);
    var Chart = window.Chart;
    var styles = {
      realised: { borderColor: '#123d6a', backgroundColor: '#123d6a', borderWidth: 3 },
      planned: { borderColor: '#2e7d32', backgroundColor: '#2e7d32', borderWidth: 2, borderDash: [6, 3] },
      national: { borderColor: '#8a4b08', backgroundColor: '#8a4b08', borderWidth: 2 },
      target: { borderColor: '#b3261e', backgroundColor: '#b3261e', borderWidth: 2, borderDash: [2, 4], pointRadius: 0 },
    };
    var pct = function (v) {
      return v === null || v === undefined ? '–' : String(v).replace('.', data.lang === 'nb' ? ',' : '.') + ' %';
    };
    var trend = document.getElementById('trend-chart');
    if (trend) {
      new Chart(trend, {
        type: 'line',
        data: {
          labels: data.trend.labels,
          datasets: data.trend.series.map(function (s) {
            return Object.assign({ label: s.label, data: s.data, spanGaps: true, tension: 0.2, pointRadius: 3 }, styles[s.kind] || {});
          }),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            y: {
              suggestedMin: 50,
              suggestedMax: 100,
              ticks: {
                callback: function (v) {
                  return v + ' %';
                },
              },
            },
          },
          plugins: {
            tooltip: {
              callbacks: {
                label: function (c) {
                  return c.dataset.label + ': ' + pct(c.parsed.y);
                },
              },
            },
          },
        },
      });
    }
    var lost = document.getElementById('lost-chart');
    if (lost) {
      new Chart(lost, {
        type: 'bar',
        data: {
          labels: data.lost.labels,
          datasets: [
            { label: data.lost.label, data: data.lost.data, backgroundColor: ['#123d6a', '#b3261e', '#8a4b08', '#5b5f66', '#6a1b9a'] },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          indexAxis: 'y',
          plugins: { legend: { display: false } },
        },
      });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw);
  else draw();
})();
