// Drag an appointment onto free time to move it. Without scripts, the appointment's page has the same move form;
// this only fills that form's fields (date, time, provider) and posts it, so the server applies the same rules.
// It binds the calendar on load and again after each enhanced navigation (ADR 0034), each element once.
(() => {
  const bound = new WeakSet();
  let dragged = null;

  const once = (element) => !bound.has(element) && bound.add(element);

  function bindPage() {
    const form = document.getElementById("calendar-move");
    if (!form) return;

    document.querySelectorAll(".calendar a[draggable='true']").forEach((link) => {
      if (!once(link)) return;
      link.addEventListener("dragstart", (event) => {
        dragged = link.dataset.appointment;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", dragged);
      });
      link.addEventListener("dragend", () => { dragged = null; });
    });

    document.querySelectorAll(".calendar td.free[data-time]").forEach((cell) => {
      if (!once(cell)) return;
      cell.addEventListener("dragover", (event) => {
        if (!dragged) return;
        event.preventDefault();
        cell.classList.add("drop-target");
      });
      cell.addEventListener("dragleave", () => cell.classList.remove("drop-target"));
      cell.addEventListener("drop", (event) => {
        event.preventDefault();
        cell.classList.remove("drop-target");
        if (!dragged) return;
        move(document.getElementById("calendar-move"), dragged, cell.dataset);
      });
    });
  }

  function move(form, appointment, to) {
    const fields = { "_handler": "reschedule", "Move.Date": to.date, "Move.Time": to.time, "Move.ProviderId": to.provider };
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    form.action = "/appointments/" + appointment;
    form.submit();
  }

  bindPage();
  if (window.Blazor) window.Blazor.addEventListener("enhancedload", bindPage);
})();
