// The booking page's slot picker, on top of a page that works without it: days switch in place
// (no reload), times show in the client's own zone (the location's named when they differ), and
// the form is sent once.
(function () {
  "use strict";
  var form = document.getElementById("book");
  if (!form) { return; }
  var zoneEl = document.getElementById("zone");
  var placeZone = zoneEl && zoneEl.getAttribute("data-zone");
  var mine;
  try { mine = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { mine = null; }

  if (mine && placeZone && mine !== placeZone) {
    var fmt = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone: mine });
    var day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: mine });
    // Each time's label follows its radio button, whose value is the instant.
    document.querySelectorAll("label.time input[name=start]").forEach(function (input) {
      var at = new Date(input.value);
      var label = input.nextElementSibling;
      label.textContent = input.closest(".nearest") ? day.format(at) + ", " + fmt.format(at) : fmt.format(at);
    });
    zoneEl.textContent = mine + " (your time zone; the business is in " + zoneEl.textContent + ")";
  }

  var days = document.querySelectorAll("a.day[data-day]");
  days.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var wanted = link.getAttribute("data-day");
      days.forEach(function (other) {
        var on = other === link;
        other.classList.toggle("selected", on);
        if (on) { other.setAttribute("aria-current", "date"); } else { other.removeAttribute("aria-current"); }
      });
      document.querySelectorAll("#times .grid[data-day]").forEach(function (grid) {
        grid.hidden = grid.getAttribute("data-day") !== wanted;
      });
      var first = document.querySelector("#times .grid[data-day='" + wanted + "'] input");
      if (first) { first.focus(); }
    });
  });

  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    // The form's key already makes a second post book nothing; this only spares the round trip.
    setTimeout(function () { button.disabled = true; button.textContent = "Booking…"; }, 0);
  });

  var notice = document.getElementById("notice");
  if (notice) { notice.focus(); }
})();
