/* Service request maps (Leaflet, vendored). No tiles by default: the ward boundaries are
   drawn from the site's own GeoJSON, so the map works offline. Every map has a plain
   fallback on its page (coordinate fields, a list, a GeoJSON download).

   data-map="pick": a click puts a marker and fills the inputs named by data-latitude and
   data-longitude. data-map="show": draws the points of data-geojson (reports, or insight's
   groups and assets). Optional data-tiles
   is a tile URL template for a background map. */
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); });
  }

  // Reports are red while open and green when closed; insight's social map draws groups
  // (red when isolated) and assets, each labelled by its "label".
  var COLOURS = { group: "#1d5a8c", isolated: "#b3261e", asset: "#6a3d9a" };

  function colour(p) {
    if (p.kind === "group") { return p.is_isolated ? COLOURS.isolated : COLOURS.group; }
    if (p.kind === "asset") { return COLOURS.asset; }
    return p.status === "open" ? "#b3261e" : "#2e7d32";
  }

  function describe(p) {
    var text = p.label !== undefined ? p.label : p.service_name + " (" + p.status + ")";
    var element = document.createElement("span");
    element.textContent = text + (p.ward ? " — " + p.ward : "");
    return element;
  }

  function setUp(element) {
    if (typeof L === "undefined") { return; }
    var map = L.map(element, { attributionControl: !!element.dataset.tiles });
    map.setView([53.55, -2.10], 11);
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map);
    }
    if (element.dataset.boundaries) {
      getJSON(element.dataset.boundaries).then(function (wards) {
        var layer = L.geoJSON(wards, {
          style: { color: "#1d5a8c", weight: 1, fillOpacity: 0.05 },
          onEachFeature: function (feature, shape) {
            shape.bindTooltip(feature.properties.ward);
          }
        }).addTo(map);
        if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds()); }
      });
    }
    var marker = null;
    function pick(event) {
      var lat = event.latlng.lat.toFixed(6), lng = event.latlng.lng.toFixed(6);
      document.getElementById(element.dataset.latitude).value = lat;
      document.getElementById(element.dataset.longitude).value = lng;
      if (marker) { marker.setLatLng(event.latlng); } else { marker = L.circleMarker(event.latlng, { radius: 8 }).addTo(map); }
      element.dataset.picked = lat + "," + lng;
    }
    if (element.dataset.map === "pick") {
      map.on("click", pick);
    }
    if (element.dataset.map === "show" && element.dataset.geojson) {
      getJSON(element.dataset.geojson).then(function (points) {
        L.geoJSON(points, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 4, color: colour(feature.properties) });
          },
          onEachFeature: function (feature, shape) {
            shape.bindPopup(describe(feature.properties));
          }
        }).addTo(map);
      });
    }
    element.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-map]").forEach(setUp);
  });
}());
