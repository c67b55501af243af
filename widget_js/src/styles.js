// The button's icon; the style sheets are widget_js/src/css/*.css, minified by esbuild and defined at build
// time (widget_js/build.mjs) as BUTTON_CSS and DIALOG_CSS.
/* global BUTTON_CSS, DIALOG_CSS */

export const ICON = '<svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">'
  + '<path fill="currentColor" d="M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7'
  + 'l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z"/></svg>';

export const BUTTON_STYLES = BUTTON_CSS;
export const DIALOG_STYLES = DIALOG_CSS;
