// briefgen preview: reload this page when its document changes, keep the scroll position,
// say what changed, and show input errors over the last good version.
(() => {
  "use strict";
  const meta = document.querySelector('meta[name="briefgen-document"]');
  const shown = meta ? meta.content : null; // null: the index (reloads on any change)
  const scrollKey = "briefgen-scroll:" + location.pathname;
  const noteKey = "briefgen-note:" + location.pathname;

  function restore() {
    const saved = sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      sessionStorage.removeItem(scrollKey);
      window.scrollTo(0, Number(saved));
    }
    const note = sessionStorage.getItem(noteKey);
    if (note !== null) {
      sessionStorage.removeItem(noteKey);
      banner(note);
    }
  }

  function banner(text) {
    const box = document.createElement("div");
    box.id = "briefgen-updated";
    box.setAttribute("role", "status");
    box.textContent = text;
    box.style.cssText =
      "position:fixed;top:0.5rem;right:0.5rem;z-index:1000;padding:0.4rem 0.8rem;" +
      "background:#1b4f72;color:#fff;font:14px/1.4 sans-serif;border-radius:4px";
    document.body.appendChild(box);
    setTimeout(() => box.remove(), 4000);
  }

  function problems(list) {
    let box = document.getElementById("briefgen-problems");
    if (!list || list.length === 0) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "briefgen-problems";
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;z-index:1001;max-height:50vh;overflow:auto;" +
        "padding:0.8rem 1rem;background:#fff4f4;color:#7a0000;border-top:4px solid #b00020;" +
        "font:14px/1.45 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent =
      "Fout in de invoer — hieronder staat de laatste goede versie.\n\n" + list.map((p) => p.text).join("\n");
  }

  window.addEventListener("load", restore);
  fetch("/_preview/state")
    .then((response) => response.json())
    .then((state) => problems(state.problems))
    .catch(() => {});

  const events = new EventSource("/_preview/events");
  events.onmessage = (event) => {
    const data = JSON.parse(event.data);
    problems(data.problems);
    if (data.problems.length) return;
    const mine = shown === null ? data.changed.length > 0 : data.changed.includes(shown);
    if (mine) {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      const time = new Date().toLocaleTimeString("nl-NL");
      const what = shown ? document.title : data.changed.length + " document(en)";
      sessionStorage.setItem(noteKey, "Bijgewerkt om " + time + ": " + what);
      location.reload();
    }
  };
})();
