/*
 * Embed Sundhedsguiden in any page with one tag:
 *
 *   <script src="https://<assistent>/embed.js" data-title="Sundhedsguiden" data-color="#005f73"
 *           data-municipality="Gentofte" defer></script>
 *
 * Options (all optional):
 *   data-title         the widget's name (default "Sundhedsguiden")
 *   data-color         the page's colour as #rgb or #rrggbb; darkened when text on it would be
 *                      hard to read
 *   data-municipality  sent with each message so answers are about that municipality
 *   data-target        a CSS selector, e.g. "#chat": show the chat inline in that element
 *                      instead of a launcher button in the corner
 *   data-api           where the assistant answers (default: where this script came from)
 *
 * The widget's own files (chat.js, chat.css) come from the same place as this script; nothing
 * else is loaded from anywhere.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var base = new URL("./", script.src).href;
  var data = script.dataset;
  var options = {
    title: data.title,
    color: data.color,
    municipality: data.municipality,
    target: data.target,
    assetBase: base,
    apiBase: data.api ? new URL(data.api, script.src).href.replace(/\/?$/, "/") : base,
  };

  function start() {
    window.Sundhedsguiden.embed(options);
  }

  if (window.Sundhedsguiden) {
    start();
    return;
  }
  var loader = document.createElement("script");
  loader.src = base + "chat.js";
  loader.async = true;
  loader.addEventListener("load", start);
  (document.head || document.documentElement).appendChild(loader);
})();
