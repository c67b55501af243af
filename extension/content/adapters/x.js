/**
 * X's post composer (x.com, formerly twitter.com). X writes posts in a Draft.js editor: a contenteditable
 * `.public-DraftEditor-content` with role="textbox" and data-testid="tweetTextarea_0" (…_1 for a thread's
 * next post), one block <div> per line. The selectors are all here, most specific first.
 */

export const SELECTORS = Object.freeze({
  composer: [
    '[data-testid^="tweetTextarea_"][contenteditable="true"]',
    '.public-DraftEditor-content[contenteditable="true"][role="textbox"]',
  ],
});

export default {
  site: "x",
  network: "x",
  hosts: ["x.com", "twitter.com"],
  composerOf(element) {
    for (const selector of SELECTORS.composer) {
      const composer = element.closest(selector);
      if (composer) return composer;
    }
    return null;
  },
};
