/*
 * Sundhedsguiden: the citizens' chat widget.
 *
 * Plain JavaScript, no dependencies, no external URLs. The widget lives in a shadow root so the
 * embedding page's CSS cannot break it (and ours cannot break the page).
 *
 *   window.Sundhedsguiden.mount(element, options)   build a widget in `element`
 *   window.Sundhedsguiden.embed(options)            launcher button + panel, or inline (target)
 *
 * Elements with a `data-sundhedsguiden` attribute are mounted automatically (the chat page `/`).
 *
 * Safety: reply text is only ever put into the page with textContent; the only links made are
 * http(s) URLs found in the text. CPR-like numbers are removed before a message is shown, stored
 * or sent (the gateway removes them again).
 */
(function () {
  "use strict";

  if (window.Sundhedsguiden) {
    return;
  }

  var OWN_SCRIPT = document.currentScript;
  var OWN_BASE = new URL("./", (OWN_SCRIPT && OWN_SCRIPT.src) || location.href).href;

  var MAX_CHARS = 1000;
  var COUNTER_FROM = 800; // show the counter from this many characters
  var REQUEST_TIMEOUT_MS = 45000;
  var MAX_STORED_MESSAGES = 200;
  var STORAGE_KEY = "sundhedsguiden.chat";
  var DEFAULT_TITLE = "Sundhedsguiden";
  var DEFAULT_COLOR = "#005f73";

  // Same rule as assistant/privacy.py: 6 digits, optional "-" or space, 4 digits, not part of a
  // longer number. Written without look-behind so older browsers understand it too.
  var CPR_PATTERN = /(^|\D)\d{6}[ -]?\d{4}(?!\d)/g;
  var CPR_PLACEHOLDER = "[CPR-nummer fjernet]";
  var URL_PATTERN = /https?:\/\/[^\s<>"']+/gi;

  var T = {
    intro: [
      "Jeg er en automatisk assistent, ikke et menneske. Jeg kan hjælpe dig med at finde rundt i " +
        "kommunens sundhedstilbud. Jeg kan ikke se din sag.",
      "Skriv ikke dit CPR-nummer eller detaljer om dit helbred.",
      "Samtalen gemmes kun midlertidigt: i din browser, til du lukker fanen, og hos assistenten, " +
        "mens den kører. Tryk på »Slet samtale« for at slette den nu.",
    ],
    emergency: "Er det akut, så ring 112.",
    introHeading: "Før du skriver",
    conversation: "Samtale",
    log: "Beskeder",
    you: "Du",
    bot: "Assistenten",
    notice: "Bemærk",
    inputLabel: "Din besked",
    inputHint: "Tryk Enter for at sende. Shift+Enter giver en ny linje.",
    send: "Send",
    formLabel: "Skriv til assistenten",
    typing: "Assistenten skriver …",
    newChat: "Ny samtale",
    newChatDone: "Ny samtale er startet.",
    deleteChat: "Slet samtale",
    confirmDelete: "Vil du slette samtalen? Den kan ikke hentes tilbage.",
    confirmYes: "Ja, slet samtalen",
    confirmNo: "Fortryd",
    deleted: "Samtalen er slettet. Du kan skrive igen, når du vil.",
    nothingToDelete: "Der er ingen samtale at slette.",
    open: "Åbn chatten",
    close: "Luk chatten",
    choices: "Svarmuligheder",
    newWindow: " (åbner i et nyt vindue)",
    image: "Billede fra assistenten",
    charsLeft: function (n) {
      return n === 1 ? "1 tegn tilbage" : n + " tegn tilbage";
    },
    charsOver: function (n) {
      return "Beskeden er " + n + " tegn for lang. Højst " + MAX_CHARS + " tegn.";
    },
    tooLong: "Din besked er for lang. Skriv den kortere, højst " + MAX_CHARS + " tegn.",
    cprNotice:
      "Du skrev noget, der ligner et CPR-nummer. Jeg har fjernet det, før beskeden blev sendt. " +
      "Skriv aldrig dit CPR-nummer her.",
    network:
      "Vi kunne ikke få forbindelse til assistenten. Tjek din internetforbindelse, og prøv igen. " +
      "Er det akut, så ring 112.",
    failed: "Noget gik galt. Prøv igen om lidt. Er det akut, så ring 112.",
    noAnswer: "Assistenten svarede ikke. Prøv at skrive det på en anden måde.",
    keptInInput: "Din besked står stadig i feltet, så du kan sende den igen.",
  };

  // ---------------------------------------------------------------- small helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (name === "text") {
          node.textContent = value;
        } else if (name === "class") {
          node.className = value;
        } else {
          node.setAttribute(name, value === true ? "" : String(value));
        }
      });
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";

  function icon(paths, size) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", String(size || 20));
    svg.setAttribute("height", String(size || 20));
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "sg-icon");
    paths.forEach(function (d) {
      var path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  var ICON_CHAT = ["M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"];
  var ICON_CLOSE = ["M6 6l12 12M18 6L6 18"];
  var ICON_SEND = ["M3 11.5L21 3l-8.5 18-2-7.5z"];

  /** A UUID4; crypto.randomUUID only exists in secure contexts, getRandomValues everywhere. */
  function newSender() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b + 0x100).toString(16).slice(1);
      })
      .join("");
    return (
      hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20)
    );
  }

  /** Replace CPR-like numbers; returns [text, how many]. */
  function redactCpr(text) {
    var count = 0;
    var clean = text.replace(CPR_PATTERN, function (match, before) {
      count += 1;
      return before + CPR_PLACEHOLDER;
    });
    return [clean, count];
  }

  /** Append `text` to `parent` as text nodes, with http(s) URLs as safe links. */
  function appendRichText(parent, text) {
    var last = 0;
    var match;
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      var raw = match[0];
      // Punctuation after a URL belongs to the sentence; a ")" only when unbalanced.
      while (/[.,;:!?\]}'"]$/.test(raw) || (/\)$/.test(raw) && count(raw, "(") < count(raw, ")"))) {
        raw = raw.slice(0, -1);
      }
      var href = safeHref(raw);
      if (!href) {
        continue;
      }
      if (match.index > last) {
        parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      }
      var link = el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, [raw]);
      link.appendChild(el("span", { class: "sg-sr", text: T.newWindow }));
      parent.appendChild(link);
      last = match.index + raw.length;
      URL_PATTERN.lastIndex = last;
    }
    if (last < text.length) {
      parent.appendChild(document.createTextNode(text.slice(last)));
    }
  }

  function count(text, ch) {
    return text.split(ch).length - 1;
  }

  function safeHref(raw) {
    try {
      var url = new URL(raw);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  // ---------------------------------------------------------------- colours (WCAG contrast)

  function parseHex(color) {
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(color || "").trim());
    if (!m) {
      return null;
    }
    var hex = m[1].length === 3 ? m[1].replace(/(.)/g, "$1$1") : m[1];
    return [0, 2, 4].map(function (i) {
      return parseInt(hex.slice(i, i + 2), 16);
    });
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a);
    var lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function toHex(rgb) {
    return "#" + rgb.map(function (v) {
      return (Math.round(v) + 0x100).toString(16).slice(1);
    }).join("");
  }

  /** The page's colour, and a text colour on it with at least 4.5:1 (darkened if needed). */
  function theme(color) {
    var accent = parseHex(color) || parseHex(DEFAULT_COLOR);
    var white = [255, 255, 255];
    var ink = [26, 26, 26];
    if (contrast(accent, white) >= 4.5) {
      return { accent: toHex(accent), onAccent: "#ffffff" };
    }
    if (contrast(accent, ink) >= 4.5) {
      return { accent: toHex(accent), onAccent: "#1a1a1a" };
    }
    while (contrast(accent, white) < 4.5) {
      accent = accent.map(function (v) {
        return v * 0.9;
      });
    }
    return { accent: toHex(accent), onAccent: "#ffffff" };
  }

  // ---------------------------------------------------------------- storage

  function readState(key) {
    try {
      var state = JSON.parse(window.sessionStorage.getItem(key) || "null");
      if (state && typeof state.sender === "string" && Array.isArray(state.messages)) {
        return state;
      }
    } catch (error) {
      // Storage may be disabled or hold something else: start afresh.
    }
    return null;
  }

  function writeState(key, state) {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(state));
    } catch (error) {
      // Without storage the conversation simply does not survive a reload.
    }
  }

  function freshState() {
    return { v: 1, sender: newSender(), sent: false, open: false, messages: [] };
  }

  // ---------------------------------------------------------------- the widget

  function Widget(host, options) {
    this.host = host;
    this.options = options;
    this.title = (options.title || DEFAULT_TITLE).slice(0, 80);
    this.mode = options.mode || "page";
    this.apiBase = options.apiBase || OWN_BASE;
    this.assetBase = options.assetBase || OWN_BASE;
    this.municipality = options.municipality ? String(options.municipality).trim() : "";
    this.storageKey = STORAGE_KEY + (options.storageKey ? ":" + options.storageKey : "");
    this.busy = false;
    this.generation = 0;
    this.counterBand = "";
    this.state = readState(this.storageKey) || freshState();
    this.build();
    this.restore();
  }

  Widget.prototype.build = function () {
    var self = this;
    var colors = theme(this.options.color);
    var shadow = this.host.shadowRoot || this.host.attachShadow({ mode: "open" });
    this.shadow = shadow;
    while (shadow.firstChild) {
      shadow.removeChild(shadow.firstChild);
    }
    this.host.classList.add("sundhedsguiden-host");
    this.host.style.setProperty("--sg-accent", colors.accent);
    this.host.style.setProperty("--sg-on-accent", colors.onAccent);

    var root = el("div", { class: "sg-root sg-mode-" + this.mode, lang: "da", hidden: true });
    var sheet = el("link", { rel: "stylesheet", href: this.assetBase + "chat.css" });
    // Show the widget once its stylesheet is there (or failed), never unstyled.
    sheet.addEventListener("load", function () {
      root.hidden = false;
    });
    sheet.addEventListener("error", function () {
      root.hidden = false;
    });
    shadow.appendChild(sheet);
    shadow.appendChild(root);
    this.root = root;

    var level = this.mode === "page" ? "h1" : "h2";
    this.titleEl = el(level, { class: "sg-title", id: "sg-title" }, [
      icon(ICON_CHAT, 22),
      el("span", { text: this.title }),
    ]);

    this.newButton = el("button", { type: "button", class: "sg-action", text: T.newChat });
    this.deleteButton = el("button", {
      type: "button",
      class: "sg-action",
      "aria-expanded": "false",
      "aria-controls": "sg-confirm",
      text: T.deleteChat,
    });
    var actions = el("div", { class: "sg-actions" }, [this.newButton, this.deleteButton]);
    if (this.mode === "launcher") {
      this.closeButton = el("button", { type: "button", class: "sg-close", "aria-label": T.close }, [
        icon(ICON_CLOSE, 20),
      ]);
      actions.appendChild(this.closeButton);
    }
    var header = el("div", { class: "sg-header" }, [this.titleEl, actions]);

    this.confirmYes = el("button", { type: "button", class: "sg-danger", text: T.confirmYes });
    this.confirmNo = el("button", { type: "button", class: "sg-secondary", text: T.confirmNo });
    this.confirm = el(
      "div",
      { class: "sg-confirm", id: "sg-confirm", role: "group", "aria-labelledby": "sg-confirm-text", hidden: true },
      [
        el("p", { id: "sg-confirm-text", text: T.confirmDelete }),
        el("div", { class: "sg-confirm-buttons" }, [this.confirmNo, this.confirmYes]),
      ]
    );

    var intro = el("div", { class: "sg-intro" }, [
      el(level === "h1" ? "h2" : "h3", { class: "sg-intro-title", text: T.introHeading }),
    ]);
    T.intro.forEach(function (line) {
      intro.appendChild(el("p", { text: line }));
    });
    intro.appendChild(el("p", { class: "sg-emergency", text: T.emergency }));

    this.log = el("div", {
      class: "sg-log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-label": T.log,
    });
    this.scroller = el(
      "div",
      { class: "sg-scroll", tabindex: "0", role: "region", "aria-label": T.conversation },
      [intro, this.log]
    );

    this.typing = el("div", { class: "sg-typing", role: "status", "aria-live": "polite" });
    this.announcer = el("div", { class: "sg-sr", role: "status", "aria-live": "polite" });

    this.input = el("textarea", {
      id: "sg-input",
      class: "sg-input",
      rows: "2",
      autocomplete: "off",
      spellcheck: "true",
      "aria-describedby": "sg-hint sg-counter",
    });
    this.sendButton = el("button", { type: "submit", class: "sg-send" }, [
      el("span", { text: T.send }),
      icon(ICON_SEND, 18),
    ]);
    this.counter = el("p", { id: "sg-counter", class: "sg-counter" });
    this.form = el("form", { class: "sg-form", "aria-label": T.formLabel, novalidate: true }, [
      el("label", { for: "sg-input", class: "sg-label", text: T.inputLabel }),
      el("p", { id: "sg-hint", class: "sg-hint", text: T.inputHint }),
      el("div", { class: "sg-row" }, [this.input, this.sendButton]),
      this.counter,
    ]);

    var panelAttrs = { class: "sg-panel", id: "sg-panel", "aria-labelledby": "sg-title" };
    if (this.mode === "launcher") {
      panelAttrs.role = "dialog";
      panelAttrs["aria-modal"] = "false";
      panelAttrs.hidden = true;
    }
    var panelTag = this.mode === "launcher" ? "div" : "section";
    this.panel = el(panelTag, panelAttrs, [
      header,
      this.confirm,
      this.scroller,
      this.typing,
      this.announcer,
      this.form,
    ]);

    if (this.mode === "launcher") {
      this.launcher = el(
        "button",
        { type: "button", class: "sg-launcher", "aria-expanded": "false", "aria-controls": "sg-panel" },
        [icon(ICON_CHAT, 22), el("span", { text: this.title })]
      );
      root.setAttribute("role", "region");
      root.setAttribute("aria-label", this.title);
      root.appendChild(this.launcher);
      this.launcher.addEventListener("click", function () {
        self.setOpen(!self.isOpen(), true);
      });
      this.closeButton.addEventListener("click", function () {
        self.setOpen(false, true);
      });
      this.panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && self.confirm.hidden) {
          event.preventDefault();
          self.setOpen(false, true);
        }
      });
    }
    root.appendChild(this.panel);

    // ---- events
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submitInput();
    });
    this.input.addEventListener("keydown", function (event) {
      if (
        event.key === "Enter" && !event.shiftKey && !event.altKey && !event.ctrlKey &&
        !event.metaKey && !event.isComposing
      ) {
        event.preventDefault();
        self.submitInput();
      }
    });
    this.input.addEventListener("input", function () {
      self.updateCounter();
    });
    this.newButton.addEventListener("click", function () {
      self.hideConfirm(false);
      self.reset();
      self.announce(T.newChatDone);
      self.input.focus();
    });
    this.deleteButton.addEventListener("click", function () {
      if (self.confirm.hidden) {
        self.showConfirm();
      } else {
        self.hideConfirm(true);
      }
    });
    this.confirmNo.addEventListener("click", function () {
      self.hideConfirm(true);
    });
    this.confirmYes.addEventListener("click", function () {
      self.deleteConversation();
    });
    this.confirm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        self.hideConfirm(true);
      }
    });
  };

  // ---- opening and closing (launcher mode)

  Widget.prototype.isOpen = function () {
    return !this.panel.hidden;
  };

  Widget.prototype.setOpen = function (open, moveFocus) {
    if (this.mode !== "launcher") {
      return;
    }
    this.panel.hidden = !open;
    this.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    this.root.classList.toggle("sg-is-open", open);
    this.state.open = open;
    this.save();
    if (moveFocus) {
      if (open) {
        this.input.focus();
        this.scrollToEnd();
      } else {
        this.launcher.focus();
      }
    }
  };

  // ---- conversation state

  Widget.prototype.save = function () {
    var messages = this.state.messages.filter(function (m) {
      return !m.transient;
    });
    this.state.messages = messages.slice(-MAX_STORED_MESSAGES);
    writeState(this.storageKey, this.state);
  };

  Widget.prototype.restore = function () {
    var self = this;
    this.state.messages = this.state.messages.filter(function (m) {
      return m && typeof m === "object" && !m.transient;
    });
    this.state.messages.forEach(function (message) {
      self.renderMessage(message);
    });
    this.save();
    if (this.mode === "launcher" && this.state.open) {
      this.setOpen(true, false);
    }
    this.updateCounter();
    this.scrollToEnd();
  };

  Widget.prototype.reset = function () {
    this.generation += 1;
    this.busy = false;
    this.setTyping(false);
    while (this.log.firstChild) {
      this.log.removeChild(this.log.firstChild);
    }
    var open = this.state.open;
    this.state = freshState();
    this.state.open = open;
    this.save();
    this.scroller.scrollTop = 0;
  };

  Widget.prototype.announce = function (text) {
    var announcer = this.announcer;
    announcer.textContent = "";
    // A fresh text node after a tick is announced even when it repeats the last one.
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  };

  /** Scroll to the end; with `anchor` (the question), no further than its top, so a long answer
   * is seen from its beginning. */
  Widget.prototype.scrollToEnd = function (anchor) {
    var end = this.scroller.scrollHeight - this.scroller.clientHeight;
    var target = end;
    if (anchor && anchor.parentNode) {
      target = Math.min(end, Math.max(0, anchor.offsetTop - 8));
    }
    this.scroller.scrollTop = target;
  };

  // ---- rendering

  /** Add a message to the view and (unless transient) to storage. */
  Widget.prototype.addMessage = function (message) {
    this.state.messages.push(message);
    var node = this.renderMessage(message);
    if (!message.transient) {
      this.save();
    }
    this.scrollToEnd();
    return node;
  };

  Widget.prototype.removeMessage = function (message, node) {
    var index = this.state.messages.indexOf(message);
    if (index >= 0) {
      this.state.messages.splice(index, 1);
    }
    if (node && node.parentNode) {
      node.parentNode.removeChild(node);
    }
    this.save();
  };

  Widget.prototype.renderMessage = function (message) {
    var self = this;
    var role = message.role === "user" ? "user" : message.role === "system" ? "system" : "bot";
    var who = role === "user" ? T.you : role === "system" ? T.notice : T.bot;
    var item = el("div", { class: "sg-msg sg-msg-" + role }, [
      el("p", { class: "sg-who", text: who }),
    ]);
    var bubble = el("div", { class: "sg-bubble" });
    if (typeof message.text === "string" && message.text) {
      var p = el("p", { class: "sg-text" });
      appendRichText(p, message.text);
      bubble.appendChild(p);
    }
    if (typeof message.image === "string" && safeHref(message.image)) {
      var link = el("a", {
        href: safeHref(message.image),
        target: "_blank",
        rel: "noopener noreferrer",
        class: "sg-image-link",
      });
      link.appendChild(el("img", { src: safeHref(message.image), alt: T.image, class: "sg-image" }));
      bubble.appendChild(link);
    }
    if (bubble.firstChild) {
      item.appendChild(bubble);
    }
    if (Array.isArray(message.buttons) && message.buttons.length) {
      var group = el("div", { class: "sg-choices", role: "group", "aria-label": T.choices });
      var buttons = [];
      message.buttons.forEach(function (spec, index) {
        if (!spec || typeof spec.title !== "string" || typeof spec.payload !== "string") {
          return;
        }
        var button = el("button", { type: "button", class: "sg-choice", text: spec.title });
        if (message.used) {
          button.disabled = true;
          if (message.chosen === index) {
            button.classList.add("sg-chosen");
          }
        }
        button.addEventListener("click", function () {
          self.choose(message, index, buttons);
        });
        buttons.push(button);
        group.appendChild(button);
      });
      if (buttons.length) {
        item.appendChild(group);
      }
    }
    if (item.childNodes.length > 1) {
      this.log.appendChild(item);
    }
    return item;
  };

  Widget.prototype.setTyping = function (on) {
    this.typing.textContent = "";
    this.typing.classList.toggle("sg-typing-on", on);
    this.log.setAttribute("aria-busy", on ? "true" : "false");
    if (on) {
      this.typing.appendChild(el("span", { text: T.typing }));
      var dots = el("span", { class: "sg-dots", "aria-hidden": "true" }, [
        el("span"),
        el("span"),
        el("span"),
      ]);
      this.typing.appendChild(dots);
    }
  };

  Widget.prototype.updateCounter = function () {
    var length = this.input.value.length;
    var band = "";
    this.counter.classList.toggle("sg-counter-over", length > MAX_CHARS);
    if (length > MAX_CHARS) {
      this.counter.textContent = T.charsOver(length - MAX_CHARS);
      band = "over";
    } else if (length >= COUNTER_FROM) {
      this.counter.textContent = T.charsLeft(MAX_CHARS - length);
      band = MAX_CHARS - length <= 50 ? "near" : "warn";
    } else {
      this.counter.textContent = "";
    }
    this.input.setAttribute("aria-invalid", length > MAX_CHARS ? "true" : "false");
    // Speak only when the counter changes band, not on every key press.
    if (band && band !== this.counterBand) {
      this.announce(this.counter.textContent);
    }
    this.counterBand = band;
  };

  // ---- sending

  Widget.prototype.submitInput = function () {
    var self = this;
    var raw = this.input.value;
    var text = raw.trim();
    if (!text || this.busy) {
      return;
    }
    if (text.length > MAX_CHARS) {
      this.updateCounter();
      this.announce(T.tooLong);
      this.input.focus();
      return;
    }
    var redacted = redactCpr(text);
    this.input.value = "";
    this.updateCounter();
    this.send(redacted[0], redacted[0], redacted[1] > 0).then(function (ok) {
      if (!ok) {
        // Never lose what the user typed (minus any CPR number): put it back.
        var current = self.input.value;
        self.input.value = current ? redacted[0] + "\n" + current : redacted[0];
        self.updateCounter();
      }
    });
  };

  Widget.prototype.choose = function (message, index, buttons) {
    var self = this;
    if (this.busy || message.used) {
      return;
    }
    var spec = message.buttons[index];
    message.used = true;
    message.chosen = index;
    buttons.forEach(function (button, i) {
      button.disabled = true;
      button.classList.toggle("sg-chosen", i === index);
    });
    this.save();
    this.input.focus();
    this.send(spec.title, spec.payload, false).then(function (ok) {
      if (!ok) {
        message.used = false;
        delete message.chosen;
        buttons.forEach(function (button) {
          button.disabled = false;
          button.classList.remove("sg-chosen");
        });
        self.save();
      }
    });
  };

  /** Send one message; resolves true when the assistant answered. */
  Widget.prototype.send = function (display, payload, hadCpr) {
    var self = this;
    var generation = this.generation;
    this.busy = true;
    this.sendButton.setAttribute("aria-disabled", "true");
    var userMessage = { role: "user", text: display };
    var userNode = this.addMessage(userMessage);
    var cprMessage = null;
    var cprNode = null;
    if (hadCpr) {
      cprMessage = { role: "system", text: T.cprNotice };
      cprNode = this.addMessage(cprMessage);
    }
    this.setTyping(true);

    var body = { sender: this.state.sender, message: payload };
    if (this.municipality) {
      body.municipality = this.municipality;
    }
    return request(this.apiBase + "api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    })
      .then(function (result) {
        if (generation !== self.generation) {
          return true; // the conversation was reset meanwhile: drop the answer
        }
        if (!result.ok) {
          self.removeMessage(userMessage, userNode);
          if (cprMessage) {
            self.removeMessage(cprMessage, cprNode);
          }
          var text = result.detail || T.failed;
          self.addMessage({ role: "system", text: text + " " + T.keptInInput, transient: true });
          return false;
        }
        self.state.sent = true;
        var shown = 0;
        (Array.isArray(result.data) ? result.data : []).forEach(function (reply) {
          if (!reply || typeof reply !== "object") {
            return;
          }
          var message = { role: "bot" };
          if (typeof reply.text === "string") {
            message.text = reply.text;
          }
          if (Array.isArray(reply.buttons)) {
            message.buttons = reply.buttons
              .filter(function (b) {
                return b && typeof b.title === "string" && typeof b.payload === "string";
              })
              .map(function (b) {
                return { title: b.title, payload: b.payload };
              });
          }
          if (typeof reply.image === "string") {
            message.image = reply.image;
          }
          if (message.text || (message.buttons && message.buttons.length) || message.image) {
            self.addMessage(message);
            shown += 1;
          }
        });
        if (!shown) {
          self.addMessage({ role: "system", text: T.noAnswer, transient: true });
        }
        self.save();
        return true;
      })
      .finally(function () {
        if (generation === self.generation) {
          self.busy = false;
          self.setTyping(false);
          self.sendButton.removeAttribute("aria-disabled");
          self.scrollToEnd(userNode.parentNode ? userNode : null);
        }
      });
  };

  // ---- deleting

  Widget.prototype.showConfirm = function () {
    this.confirm.hidden = false;
    this.deleteButton.setAttribute("aria-expanded", "true");
    this.confirmNo.focus();
  };

  Widget.prototype.hideConfirm = function (returnFocus) {
    this.confirm.hidden = true;
    this.deleteButton.setAttribute("aria-expanded", "false");
    if (returnFocus) {
      this.deleteButton.focus();
    }
  };

  Widget.prototype.deleteConversation = function () {
    var self = this;
    this.hideConfirm(false);
    if (!this.state.sent) {
      var had = this.state.messages.length > 0;
      this.reset();
      this.addMessage({ role: "system", text: had ? T.deleted : T.nothingToDelete, transient: true });
      this.input.focus();
      return Promise.resolve(true);
    }
    var sender = this.state.sender;
    this.confirmYes.disabled = true;
    return request(this.apiBase + "api/chat/" + encodeURIComponent(sender), { method: "DELETE" })
      .then(function (result) {
        if (result.ok) {
          self.reset();
          self.addMessage({ role: "system", text: T.deleted, transient: true });
          self.input.focus();
          return true;
        }
        self.addMessage({ role: "system", text: result.detail || T.failed, transient: true });
        self.deleteButton.focus();
        return false;
      })
      .finally(function () {
        self.confirmYes.disabled = false;
      });
  };

  /** fetch with a time limit; resolves {ok, status, data, detail} and never rejects. */
  function request(url, init) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller
      ? window.setTimeout(function () {
          controller.abort();
        }, REQUEST_TIMEOUT_MS)
      : null;
    if (controller) {
      init.signal = controller.signal;
    }
    init.credentials = "omit";
    return window
      .fetch(url, init)
      .then(function (response) {
        if (response.status === 204) {
          return { ok: response.ok, status: 204, data: null, detail: "" };
        }
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (data) {
            var detail =
              !response.ok && data && typeof data.detail === "string" ? data.detail : "";
            return { ok: response.ok, status: response.status, data: data, detail: detail };
          });
      })
      .catch(function () {
        return { ok: false, status: 0, data: null, detail: T.network };
      })
      .finally(function () {
        if (timer) {
          window.clearTimeout(timer);
        }
      });
  }

  // ---------------------------------------------------------------- public API

  function mount(element, options) {
    if (!element) {
      throw new Error("Sundhedsguiden: no element to mount in");
    }
    if (element.sundhedsguiden) {
      return element.sundhedsguiden;
    }
    var widget = new Widget(element, options || {});
    element.sundhedsguiden = widget;
    return widget;
  }

  function whenReady(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback, { once: true });
    } else {
      callback();
    }
  }

  /** Insert the widget in a page: inline in `options.target`, else a launcher and panel. */
  function embed(options) {
    options = options || {};
    whenReady(function () {
      var host = document.createElement("div");
      var target = null;
      if (options.target) {
        try {
          target = document.querySelector(options.target);
        } catch (error) {
          target = null;
        }
      }
      if (target) {
        target.appendChild(host);
        mount(host, Object.assign({}, options, { mode: "inline" }));
      } else {
        host.className = "sundhedsguiden-launcher-host";
        document.body.appendChild(host);
        mount(host, Object.assign({}, options, { mode: "launcher" }));
      }
    });
  }

  function optionsFrom(element) {
    var data = element.dataset;
    return {
      title: data.title,
      color: data.color,
      municipality: data.municipality,
      apiBase: data.api ? new URL(data.api, location.href).href.replace(/\/?$/, "/") : undefined,
      mode: data.mode === "inline" ? "inline" : "page",
    };
  }

  window.Sundhedsguiden = {
    mount: mount,
    embed: embed,
    redactCpr: function (text) {
      return redactCpr(text)[0];
    },
  };

  whenReady(function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sundhedsguiden]"), function (node) {
      mount(node, optionsFrom(node));
    });
  });
})();
