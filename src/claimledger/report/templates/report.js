"use strict";
(() => {
  const text = document.getElementById("text");
  const popover = document.getElementById("popover");
  const FLASH_ATTRIBUTE = { claim: "data-claim", finding: "data-finding", source: "data-source" };
  const MARKS = [["data-claim", "active"], ["data-clause", "context"], ["data-cue", "context-cue"]];
  let shown = null;   // id of the claim whose card is open
  let pinned = false; // a click or tap keeps the card open until the next one
  let hideTimer = 0;

  const having = (attribute, id) => Array.from(document.querySelectorAll(`[${attribute}~="${CSS.escape(id)}"]`));

  function mark(id, on) {
    for (const [attribute, cls] of MARKS) having(attribute, id).forEach((el) => el.classList.toggle(cls, on));
  }

  function place(piece) {
    const box = piece.getBoundingClientRect();
    const width = popover.offsetWidth, height = popover.offsetHeight;
    const right = document.documentElement.clientWidth - width - 8;
    popover.style.left = `${window.scrollX + Math.max(8, Math.min(box.left, right))}px`;
    const below = box.bottom + 6 + height <= window.innerHeight || box.top < height + 6;
    popover.style.top = `${window.scrollY + (below ? box.bottom + 6 : box.top - height - 6)}px`;
  }

  function show(piece) {
    clearTimeout(hideTimer);
    const id = piece.dataset.card;
    const card = document.getElementById(`card-${id}`);
    if (!card) return;
    if (shown !== null) mark(shown, false);
    shown = id;
    mark(id, true);
    popover.replaceChildren(...Array.from(card.children, (child) => child.cloneNode(true)));
    popover.hidden = false;
    place(piece);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (shown !== null) mark(shown, false);
    shown = null;
    pinned = false;
    popover.hidden = true;
  }

  const pieceOf = (node) => (node instanceof Element ? node.closest("#text [data-card]") : null);

  text.addEventListener("mouseover", (event) => {
    const piece = pieceOf(event.target);
    if (piece && !pinned) show(piece);
  });
  text.addEventListener("mouseout", (event) => {
    if (pinned || pieceOf(event.relatedTarget)?.dataset.card === shown) return;
    hideTimer = setTimeout(hide, 250);
  });
  popover.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  popover.addEventListener("mouseleave", () => { if (!pinned) hideTimer = setTimeout(hide, 250); });
  text.addEventListener("focusin", (event) => {
    const piece = pieceOf(event.target);
    if (piece) show(piece);
  });
  text.addEventListener("focusout", () => { if (!pinned) hide(); });

  function toggle(piece) {
    if (pinned && shown === piece.dataset.card) { hide(); return; }
    show(piece);
    pinned = true;
  }

  function flash(elements) {
    if (!elements.length) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    elements[0].scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "center" });
    for (const el of elements) {
      el.classList.remove("flash");
      void el.offsetWidth; // restart the animation when the same span is flashed twice
      el.classList.add("flash");
      el.addEventListener("animationend", () => el.classList.remove("flash"), { once: true });
    }
  }

  function targets(spec) {
    const colon = spec.indexOf(":");
    return having(FLASH_ATTRIBUTE[spec.slice(0, colon)], spec.slice(colon + 1));
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-flash]");
    if (link) {
      event.preventDefault();
      flash(targets(link.dataset.flash));
      if (link.hash) history.replaceState(null, "", link.hash);
      return;
    }
    const piece = pieceOf(event.target);
    if (piece) { toggle(piece); return; }
    const finding = event.target.closest(".finding");
    if (finding && !event.target.closest("a, button")) {
      flash(Array.from(finding.querySelectorAll("[data-flash]")).flatMap((a) => targets(a.dataset.flash)));
      return;
    }
    if (pinned && !popover.contains(event.target)) hide();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { hide(); return; }
    const piece = pieceOf(event.target);
    if (piece && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      toggle(piece);
    }
  });
})();
