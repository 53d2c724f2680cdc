// Draws the maps and charts from data the page carries (the facts are also in the HTML).
(function () {
  "use strict";
  const colours = { Yes: "#1a9850", No: "#d73027", Abstain: "#fdae61", "Non-voting": "#8c8c8c", "not a member": "#e6e6e6" };
  const opts = { renderer: "svg", actions: false };
  function rows(el, name) { try { return JSON.parse(el.dataset[name] || "[]"); } catch (e) { return []; } }

  const map = document.getElementById("map");
  if (map && window.vegaEmbed) {
    const positions = rows(map, "positions");
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container", height: 380, autosize: { type: "fit", contains: "padding" },
      data: { url: "/static/vendor/world-50m.json", format: { type: "topojson", feature: "countries" } },
      transform: [
        { lookup: "id", from: { data: { values: positions }, key: "id", fields: ["position", "name", "iso3"] } },
        { calculate: "datum.position ? datum.position : 'not a member'", as: "label" },
        { calculate: "datum.iso3 ? datum.iso3 + ' ' + datum.name + ': ' + datum.label : (datum.properties.name + ': not a member')", as: "describe" }
      ],
      projection: { type: "equalEarth" },
      mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.3 },
      encoding: {
        color: { field: "label", type: "nominal", title: "Position",
                 scale: { domain: Object.keys(colours), range: Object.values(colours) } },
        tooltip: [{ field: "describe", type: "nominal", title: "State" }],
        description: { field: "describe", type: "nominal" }
      }
    };
    vegaEmbed(map, spec, opts).then(function () { map.dataset.drawn = "yes"; }).catch(console.error);
  }

  // detected shifts as dashed vertical rules at their dates (x: the fractional year), in
  // the colour of the line they belong to (`colour`, the chart's colour field) or grey;
  // under each a wide transparent rule, so that its tooltip is easy to reach
  function shiftLayers(rules, colour) {
    const tooltip = [{ field: "date", title: "shift" }, { field: "with" },
                     { field: "agreement", title: "agreement before → after" },
                     { field: "confidence", format: ".2f" }, { field: "vote", title: "first vote" }];
    const x = { field: "year", type: "quantitative" };
    return [
      { data: { values: rules }, mark: { type: "rule", strokeWidth: 9, opacity: 0 },
        encoding: { x: x, tooltip: tooltip } },
      { data: { values: rules }, mark: { type: "rule", strokeDash: [5, 3], strokeWidth: 1.6 },
        encoding: { x: x, tooltip: tooltip,
                    color: colour ? { field: colour, type: "nominal", title: null }
                                  : { value: "#57606a" } } }
    ];
  }

  function lineChart(el, data, x, y, colour, title, rules) {
    if (!el || !window.vegaEmbed || !data.length) return;
    const lines = {
      data: { values: data },
      mark: { type: "line", point: true },
      encoding: {
        x: { field: x, type: "quantitative", title: "year", axis: { format: "d" },
             scale: { nice: false, zero: false } },
        y: { field: y, type: "quantitative", title: title, scale: { domain: [0, 1] } },
        color: { field: colour, type: "nominal", title: null },
        tooltip: [{ field: colour }, { field: x }, { field: y, format: ".3f" }, { field: "n_votes" }]
      }
    };
    vegaEmbed(el, {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: "container", height: 260,
      layer: [lines].concat(rules && rules.length ? shiftLayers(rules, colour) : [])
    }, opts).then(function () { el.dataset.drawn = "yes"; }).catch(console.error);
  }

  const partners = document.getElementById("partners-chart");
  if (partners) lineChart(partners, rows(partners, "rows"), "year", "value", "partner", "agreement",
                          rows(partners, "shifts"));

  const compare = document.getElementById("compare-chart");
  if (compare) {
    const data = rows(compare, "rows").filter(function (r) { return r.value === r.value && r.value !== null; })
      .map(function (r) { return Object.assign({}, r, { pair: r.a + "–" + r.b, year: parseInt(String(r.period).slice(0, 4), 10) }); });
    lineChart(compare, data, "year", "value", "pair", compare.dataset.index || "index",
              rows(compare, "shifts"));
  }

  // ideal points by year: a line per state over its low-high band, and the zero line
  const ideal = document.getElementById("ideal-chart");
  if (ideal && window.vegaEmbed) {
    const data = rows(ideal, "rows");
    const shifts = rows(ideal, "shifts");
    const x = { field: "year", type: "quantitative", title: "year", axis: { format: "d" },
                scale: { nice: false, zero: false } };
    const colour = { field: "country", type: "nominal", title: null };
    if (data.length) {
      vegaEmbed(ideal, {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        width: "container", height: 260,
        config: { legend: { symbolType: "stroke", symbolStrokeWidth: 2, symbolOpacity: 1 } },
        layer: [
          { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#999999", strokeWidth: 0.8 },
            encoding: { y: { field: "zero", type: "quantitative" } } },
          { data: { values: data }, mark: { type: "area", opacity: 0.2 },
            encoding: { x: x, y: { field: "low", type: "quantitative", title: "ideal point", stack: null },
                        y2: { field: "high" }, color: colour } },
          { data: { values: data }, mark: { type: "line", strokeWidth: 1.6 },
            encoding: { x: x, y: { field: "ideal_point", type: "quantitative" }, color: colour,
                        tooltip: [{ field: "name", title: "state" }, { field: "year" },
                                  { field: "ideal_point", title: "ideal point", format: "+.2f" },
                                  { field: "low", format: "+.2f" }, { field: "high", format: "+.2f" },
                                  { field: "votes" }] } }
        ].concat(shifts.length ? shiftLayers(shifts, null) : [])
      }, opts).then(function () { ideal.dataset.drawn = "yes"; }).catch(console.error);
    }
  }

  const coverage = document.getElementById("coverage-chart");
  if (coverage && window.vegaEmbed) {
    const data = [];
    rows(coverage, "rows").forEach(function (r) { data.push({ year: r.year, body: "GA", n: r.GA }, { year: r.year, body: "SC", n: r.SC }); });
    vegaEmbed(coverage, {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: "container", height: 220,
      data: { values: data }, mark: "bar",
      encoding: { x: { field: "year", type: "ordinal", axis: { labelOverlap: true } }, y: { field: "n", type: "quantitative", title: "recorded votes" }, color: { field: "body", type: "nominal" } }
    }, opts).then(function () { coverage.dataset.drawn = "yes"; }).catch(console.error);
  }
})();
