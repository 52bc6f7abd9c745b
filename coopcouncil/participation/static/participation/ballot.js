/* Enhancement only: the ballot submits without it. Shows the running cost or points total. */
(function () {
  var form = document.getElementById("ballot-form"), out = document.getElementById("running-total");
  if (!form || !out) return;
  var type = form.dataset.ballotType, maxCost = parseInt(form.dataset.maxCost || "0", 10),
      maxProjects = parseInt(form.dataset.maxProjects || "0", 10), points = parseInt(form.dataset.points || "0", 10);
  function pounds(p) { return "£" + (p / 100).toLocaleString("en-GB", {minimumFractionDigits: 2, maximumFractionDigits: 2}); }
  function update() {
    var cost = 0, count = 0, given = 0;
    if (type === "cumulative") {
      form.querySelectorAll("input[type=number]").forEach(function (i) { var v = parseInt(i.value || "0", 10) || 0; if (v > 0) { given += v; count++; cost += parseInt(i.dataset.cost, 10); } });
      out.textContent = given + " of " + points + " points given, to " + count + " projects." + (given > points ? " That is too many points." : "");
    } else {
      var picked = type === "ordinal" ? Array.prototype.map.call(form.querySelectorAll("select"), function (s) { return s.options[s.selectedIndex]; }).filter(function (o) { return o.value; })
                                      : Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]:checked"));
      picked.forEach(function (el) { count++; cost += parseInt(el.dataset.cost, 10); });
      out.textContent = count + " projects chosen, costing " + pounds(cost) + " together" + (maxCost ? " (limit " + pounds(maxCost) + ")" : "") + "." +
        (maxCost && cost > maxCost ? " That is over the limit." : "") + (maxProjects && count > maxProjects ? " That is more than " + maxProjects + " projects." : "");
    }
    out.hidden = false;
  }
  form.addEventListener("change", update); form.addEventListener("input", update); update();
})();
