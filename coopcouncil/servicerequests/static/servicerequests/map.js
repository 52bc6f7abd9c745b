/* Service request maps (Leaflet, vendored). No tiles by default: the ward boundaries are
   drawn from the site's own GeoJSON, so the map works offline. Every map has a plain
   fallback on its page (coordinate fields, a list, a GeoJSON download).

   data-map="pick": a click puts a marker and fills the inputs named by data-latitude and
   data-longitude. data-map="show": draws the points of data-geojson. Optional data-tiles
   is a tile URL template for a background map. */
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); });
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
            var open = feature.properties.status === "open";
            return L.circleMarker(latlng, { radius: 4, color: open ? "#b3261e" : "#2e7d32" });
          },
          onEachFeature: function (feature, shape) {
            shape.bindPopup(feature.properties.service_name + " (" + feature.properties.status + ")");
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
