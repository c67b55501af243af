// Charter simulation page: follow the replay's progress (the bar and the count), then show the comparison.
(() => {
  const section = document.querySelector("[data-simulation-url]");
  if (!section || section.dataset.finished === "true") return;
  const bar = section.querySelector("[data-simulation-bar]");
  const count = section.querySelector("[data-simulation-count]");
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_match, key) => String(values[key]));

  const poll = async () => {
    try {
      const response = await fetch(section.dataset.simulationUrl, { headers: { Accept: "application/json" },
                                                                     credentials: "same-origin" });
      if (response.ok) {
        const progress = await response.json();
        bar.max = Math.max(progress.total_posts, 1);
        bar.value = progress.processed_posts;
        count.textContent = fill(section.dataset.textPosts, { done: progress.processed_posts,
                                                               total: progress.total_posts });
        if (progress.status === "done" || progress.status === "failed") {
          window.location.reload();  // the comparison is drawn by the server, in the reader's language
          return;
        }
      }
    } catch (error) {
      // Try again at the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  poll();
})();
