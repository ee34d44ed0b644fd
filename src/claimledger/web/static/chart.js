"use strict";
// Draws every chart on the page from its figure JSON, built by the server (web/charts.py)
// and carried in a <script type="application/json"> block: no inline script runs, so the
// Content-Security-Policy can forbid inline scripts entirely.
(() => {
  for (const element of document.querySelectorAll("[data-chart]")) {
    const source = document.getElementById(element.dataset.chart);
    if (!source || typeof Plotly === "undefined") continue;
    const figure = JSON.parse(source.textContent);
    Plotly.newPlot(element, figure.data, figure.layout, { responsive: true, displaylogo: false }).then(() => {
      element.dataset.ready = "true";
    });
    // A point opens the article that gives the figure.
    element.on("plotly_click", (event) => {
      const url = event.points[0] && event.points[0].customdata && event.points[0].customdata[0];
      if (typeof url === "string" && url.startsWith("/articles/")) window.location.assign(url);
    });
  }
})();
