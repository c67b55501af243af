// Link editing page: while the preview is being fetched in the background, check now and then and
// reload the page once it has arrived (or failed), so the curator sees it without pressing anything.
(() => {
  const section = document.querySelector("[data-preview-status]");
  if (!section || section.dataset.previewStatus !== "pending") return;
  const url = section.dataset.previewUrl;
  let attempts = 0;
  const check = async () => {
    attempts += 1;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const link = await response.json();
        if (link.preview && link.preview.status !== "pending") {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A network hiccup: try again at the next tick.
    }
    if (attempts < 40) window.setTimeout(check, 1500);
  };
  window.setTimeout(check, 1000);
})();
