() => {
  const problems = [];
  const describe = (el) => {
    const text = (el.innerText || el.value || "").trim().replace(/\s+/g, " ").slice(0, 50);
    return `<${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""}> "${text}"`;
  };
  const shown = (el) => {
    if (el.closest("[aria-hidden=true], .visually-hidden, details:not([open]) > :not(summary)")) {
      return false;
    }
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return rect.width > 1 && rect.height > 1 && style.visibility !== "hidden";
  };
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`sideways scrolling: the page is ${root.scrollWidth - window.innerWidth}px too wide`);
  }
  // Text wider than its box (and not inside a box that scrolls on purpose).
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.display === "inline" || style.overflowX !== "visible" || !shown(el)) continue;
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (hasText && el.scrollWidth > el.clientWidth + 1 && !el.closest(".table-wrap, pre, svg")) {
      problems.push(`text overflows its box by ${el.scrollWidth - el.clientWidth}px: ${describe(el)}`);
    }
  }
  // Table cells too narrow for a word: the word breaks across lines ("10:0 0", "Matc hma king").
  for (const cell of document.querySelectorAll("td, th")) {
    if (!shown(cell)) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (!node.parentElement || !shown(node.parentElement)) continue;
      const re = /[^\s\-\u2013\/]+/g;
      let match;
      while ((match = re.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) problems.push(`cell too narrow for "${match[0]}": ${describe(cell)}`);
      }
    }
  }
  // Honeypots: never on screen.
  for (const trap of document.querySelectorAll("input[name=homepage]")) {
    const rect = trap.getBoundingClientRect();
    const onScreen = rect.width > 1 && rect.height > 1 && rect.right > 0 && rect.bottom > 0;
    if (onScreen || !trap.closest("[aria-hidden=true]")) problems.push("a honeypot is visible");
  }
  // Every visible form control has a visible label (a search box may rely on its Search button).
  for (const control of document.querySelectorAll("input, select, textarea")) {
    if (["hidden", "submit", "button", "reset", "image"].includes(control.type)) continue;
    if (control.name === "homepage" || !shown(control)) continue;
    const visibleLabel = [...(control.labels || [])].some(shown);
    const searchButton = control.type === "search" && control.form &&
      [...control.form.querySelectorAll("button, input[type=submit]")].some(shown);
    if (!visibleLabel && !searchButton) problems.push(`control without a visible label: ${describe(control)} name=${control.name}`);
  }
  // Placeholders cut by their box ("Search clusters, sector").
  const measure = document.createElement("canvas").getContext("2d");
  for (const input of document.querySelectorAll("input[placeholder]")) {
    if (!shown(input)) continue;
    const style = getComputedStyle(input);
    measure.font = style.font;
    const needed = measure.measureText(input.placeholder).width;
    // Chromium keeps room for the clear button of a search box, about 16px.
    const clearButton = input.type === "search" ? 16 : 0;
    const room = input.clientWidth - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight) - clearButton;
    if (needed > room + 1) problems.push(`placeholder cut: "${input.placeholder}"`);
  }
  return problems;
}
