// Drag an appointment onto free time to move it. Without scripts, the appointment's page has the same move form;
// this only fills that form's fields (date, time, provider) and posts it, so the server applies the same rules.
(() => {
  const form = document.getElementById("calendar-move");
  if (!form) return;
  let dragged = null;

  document.querySelectorAll(".calendar a[draggable='true']").forEach((link) => {
    link.addEventListener("dragstart", (event) => {
      dragged = link.dataset.appointment;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged);
    });
    link.addEventListener("dragend", () => { dragged = null; });
  });

  document.querySelectorAll(".calendar td.free[data-time]").forEach((cell) => {
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
      const fields = { "_handler": "reschedule", "Move.Date": cell.dataset.date, "Move.Time": cell.dataset.time, "Move.ProviderId": cell.dataset.provider };
      for (const [name, value] of Object.entries(fields)) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = value;
        form.appendChild(input);
      }
      form.action = "/appointments/" + dragged;
      form.submit();
    });
  });
})();
