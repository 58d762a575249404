// The browser side of `coop-tui serve`: one xterm.js terminal wired to the
// session's WebSocket. The server speaks textual-serve's protocol: JSON text
// messages ["stdin", keys], ["resize", {width, height}], ["focus"], ["blur"]
// go up; the app's output comes down as binary frames, and JSON text frames
// carry requests such as ["open_url", {url, new_tab}].
//
// Everything this page loads comes from the same server (see the CSP header):
// xterm.js is vendored from npm, the font is Roboto Mono as textual-serve ships it.
"use strict";

(function () {
  const BUSY = 4001; // the server's close code when every session is in use
  const GOING_AWAY = 1001; // the server is stopping
  const body = document.body;
  const messages = JSON.parse(body.dataset.messages);
  const fontSize = Number(body.dataset.fontSize) || 16;
  const overlay = document.getElementById("overlay");
  const notice = document.getElementById("notice");

  function showOverlay(text, button) {
    document.getElementById("overlay-text").textContent = text;
    const action = document.getElementById("overlay-button");
    action.textContent = button;
    action.onclick = () => window.location.reload();
    overlay.hidden = false;
    body.classList.add("-closed");
  }

  // A line above the terminal for what the app cannot show itself: a new tab
  // the browser blocked, a copy the browser refused.
  function showNotice(text, url) {
    notice.textContent = text;
    if (url) {
      const link = document.createElement("a");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = url;
      notice.append(" ", link);
    }
    notice.hidden = false;
    clearTimeout(showNotice.timer);
    showNotice.timer = setTimeout(() => { notice.hidden = true; }, 15000);
  }

  // Only web addresses: the data is checked for http(s) already, and a
  // javascript: URL must never reach window.open whatever the app sends.
  function openUrl(url) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch (error) {
      return;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return;
    const tab = window.open("", "_blank");
    if (tab) {
      tab.opener = null;
      tab.location.href = parsed.href;
    } else {
      showNotice(messages.blocked, parsed.href);
    }
  }

  // OSC 52 from the app (`y` copies a citation) to the browser's clipboard.
  function decodeBase64(text) {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  }

  function copyWithSelection(text) {
    // Where navigator.clipboard is missing (a page not on localhost or https).
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    body.append(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    return done;
  }

  function onClipboard(data) {
    const parts = data.split(";");
    const payload = parts[parts.length - 1];
    if (parts.length < 2 || payload === "?") return true; // reading is never answered
    let text;
    try {
      text = decodeBase64(payload);
    } catch (error) {
      return true;
    }
    const refuse = () => {
      if (!copyWithSelection(text)) showNotice(messages.copyFailed);
      terminal.focus();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).catch(refuse);
    } else {
      refuse();
    }
    return true;
  }

  const terminal = new Terminal({
    allowProposedApi: true, // the unicode11 addon needs it
    fontFamily: "'Roboto Mono', Menlo, 'DejaVu Sans Mono', monospace",
    fontSize: fontSize,
    scrollback: 0,
    // OSC 8 links (source addresses on a page) open in a new tab when clicked.
    linkHandler: { activate: (event, uri) => openUrl(uri), allowNonHttpProtocols: false },
  });
  const fit = new FitAddon.FitAddon();
  terminal.loadAddon(fit);
  terminal.loadAddon(new Unicode11Addon.Unicode11Addon());
  terminal.unicode.activeVersion = "11";
  terminal.parser.registerOscHandler(52, onClipboard);

  // Textual's web driver starts the app blurred (no key goes to a pane) and
  // says so a moment after it starts; a focus sent before that is undone. So
  // the page's focus is sent once the app has painted its first screen (the
  // bytes before it are a few short mode switches), and from then on as it changes.
  const FIRST_PAINT_BYTES = 64;
  let painted = false;
  const hasFocus = () => document.hasFocus() && document.activeElement === terminal.textarea;

  let socket = null;
  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function connect() {
    terminal.open(document.getElementById("terminal"));
    fit.fit();
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    const url = `${scheme}//${window.location.host}/ws?width=${terminal.cols}&height=${terminal.rows}`;
    socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    socket.addEventListener("open", () => {
      body.classList.add("-connected");
      send(["resize", { width: terminal.cols, height: terminal.rows }]);
      terminal.focus();
    });
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        terminal.write(new Uint8Array(event.data));
        if (!painted && event.data.byteLength >= FIRST_PAINT_BYTES) {
          painted = true;
          body.classList.add("-painted");
          if (hasFocus()) send(["focus"]);
        }
        return;
      }
      let envelope;
      try {
        envelope = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (envelope[0] === "open_url" && envelope[1]) openUrl(String(envelope[1].url));
    });
    socket.addEventListener("close", (event) => {
      if (event.code === BUSY) {
        showOverlay(messages.busy, messages.tryAgain);
      } else if (event.code === GOING_AWAY) {
        showOverlay(messages.stopped, messages.tryAgain);
      } else {
        showOverlay(messages.ended, messages.startAgain);
      }
    });
    terminal.onData((data) => send(["stdin", data]));
    terminal.onResize((size) => send(["resize", { width: size.cols, height: size.rows }]));
    terminal.textarea.addEventListener("focus", () => { if (painted) send(["focus"]); });
    terminal.textarea.addEventListener("blur", () => { if (painted) send(["blur"]); });
    window.addEventListener("resize", () => fit.fit());
  }

  // Measure the cells in the page's own font, not a fallback that is swapped
  // later: xterm.js measures each style's glyphs once, so the italic and bold
  // faces are loaded first too (else italic text, measured in a fallback font,
  // spills past its cells once the real face arrives).
  const faces = ["", "bold ", "italic ", "italic bold "];
  const fontReady = document.fonts
    ? Promise.all(faces.map((face) => document.fonts.load(`${face}${fontSize}px 'Roboto Mono'`)))
        .catch(() => null)
    : Promise.resolve();
  fontReady.then(connect);
})();
