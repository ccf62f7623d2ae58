// Progressive enhancement: suggest company names as the reader types in a
// company box (a buyer's box only names companies that bid, and so on).
// Without JavaScript the server resolves what was typed.
(function () {
  "use strict";
  var list = document.getElementById("company-suggestions");
  if (!list || !window.fetch) { return; }
  var endpoint = list.dataset.endpoint;
  var timer = null;

  function fill(results) {
    list.replaceChildren();
    results.forEach(function (company) {
      var option = document.createElement("option");
      option.value = company.name;
      list.appendChild(option);
    });
  }

  document.querySelectorAll('input[list="company-suggestions"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { return; }
      timer = setTimeout(function () {
        var role = input.dataset.role ? "&role=" + encodeURIComponent(input.dataset.role) : "";
        fetch(endpoint + "?q=" + encodeURIComponent(text) + role, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { fill(data.results); })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  });
})();
