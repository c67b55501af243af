// CSV import page: follow the import job's progress (the bar, the counts, the refused rows) until it ends.
(() => {
  const section = document.querySelector("[data-progress-url]");
  if (!section || section.dataset.finished === "true") return;
  const bar = section.querySelector("[data-import-bar]");
  const status = section.querySelector("[data-import-status]");
  const count = section.querySelector("[data-import-count]");
  const summary = section.querySelector("[data-import-summary]");
  const list = document.querySelector("[data-import-rejected]");
  // The page gives its words, translated, as data attributes: "{done} of {total} rows read"…
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_match, key) => String(values[key]));
  const words = section.dataset;
  const texts = {
    rows: (done, total) => fill(words.textRows, { done, total }),
    row: (row) => fill(words.textRow, { row }),
    end: (imported, refused) => fill(words.textEnd, { imported, refused }),
    status: (key) => words["status" + key.charAt(0).toUpperCase() + key.slice(1)] || key,
  };

  const showRejected = (rejected) => {
    list.replaceChildren(...rejected.map((item) => {
      const li = document.createElement("li");
      const strong = document.createElement("strong");
      strong.textContent = texts.row(item.row);
      li.append(strong, " — " + item.problems.map((problem) => problem.message).join(" "));
      return li;
    }));
  };

  const poll = async () => {
    let done = false;
    try {
      const response = await fetch(section.dataset.progressUrl, { headers: { Accept: "application/json" },
                                                                  credentials: "same-origin" });
      if (response.ok) {
        const progress = await response.json();
        bar.max = Math.max(progress.total_rows, 1);
        bar.value = progress.status === "done" ? bar.max : progress.processed_rows;
        status.textContent = texts.status(progress.status);
        count.textContent = texts.rows(progress.processed_rows, progress.total_rows);
        if (progress.rejected.length) showRejected(progress.rejected);
        done = progress.status === "done" || progress.status === "failed";
        if (done) summary.textContent = texts.end(progress.imported, progress.rejected.length);
      }
    } catch (error) {
      // Try again at the next tick.
    }
    if (!done) window.setTimeout(poll, 700);
  };
  poll();
})();
